/**
 * CustomResourceDefinition schemas: collect them from parsed YAML, index them by apiVersion and kind, and
 * validate custom resources against them with {@link validateOpenApi}.
 */
import { celRules, validateOpenApi, type CelEvaluator, type CelRule, type OpenApiSchema, type SchemaViolation } from './openapi';

/** The schema of one version of a CRD, with what a caller needs to judge an object of that version. */
export interface CrdVersionSchema {
  /** `spec.group`, e.g. `helm.toolkit.fluxcd.io`. */
  readonly group: string;
  /** `spec.names.kind`, e.g. `HelmRelease`. */
  readonly kind: string;
  /** The version name, e.g. `v2`. */
  readonly version: string;
  /** `group/version`, as written in an object's `apiVersion`. */
  readonly apiVersion: string;
  /** `spec.names.plural`, e.g. `helmreleases` ('' when absent). */
  readonly plural: string;
  /** `spec.scope`: `Namespaced` or `Cluster`. */
  readonly scope: string;
  /** The API server serves this version; objects of an unserved version are rejected. */
  readonly served: boolean;
  /** This version is the storage version. */
  readonly storage: boolean;
  /** The version is marked `deprecated: true`. */
  readonly deprecated: boolean;
  /** The version's `deprecationWarning`, if any. */
  readonly deprecationWarning?: string;
  /** Legacy `spec.preserveUnknownFields: true`: unknown fields are kept, so they are not reported. */
  readonly preserveUnknownFields: boolean;
  /** The version has a status subresource: the API server ignores `status` on create and update. */
  readonly statusSubresource: boolean;
  /** `schema.openAPIV3Schema`: describes the whole object (apiVersion, kind, metadata, spec, status). */
  readonly schema: OpenApiSchema;
  /** The schema's CEL rules (not evaluated by the validator), paths from the object root, `'*'` for items. */
  readonly celRules: CelRule[];
}

const PERMISSIVE_SCHEMA: OpenApiSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Collects schemas from parsed YAML documents (plain JS values) that are CRDs
 * (`apiextensions.k8s.io/v1` CustomResourceDefinition); other documents are ignored, as are `v1` `List`
 * items that are not CRDs. A malformed CRD (no group, kind or versions) is skipped; a version without a
 * schema gets one that accepts anything. Never throws.
 */
export function crdSchemas(documents: readonly unknown[]): CrdVersionSchema[] {
  const out: CrdVersionSchema[] = [];
  for (const document of documents) collect(document, out, 0);
  return out;
}

function collect(document: unknown, out: CrdVersionSchema[], depth: number): void {
  if (!isRecord(document)) return;
  if (document.apiVersion === 'v1' && document.kind === 'List' && Array.isArray(document.items) && depth < 4) {
    for (const item of document.items) collect(item, out, depth + 1);
    return;
  }
  if (document.apiVersion !== 'apiextensions.k8s.io/v1' || document.kind !== 'CustomResourceDefinition') return;
  const spec = document.spec;
  if (!isRecord(spec) || !isRecord(spec.names) || !Array.isArray(spec.versions)) return;
  const group = str(spec.group);
  const kind = str(spec.names.kind);
  if (!group || !kind) return;
  for (const entry of spec.versions) {
    if (!isRecord(entry)) continue;
    const version = str(entry.name);
    if (!version) continue;
    const openApi = isRecord(entry.schema) ? entry.schema.openAPIV3Schema : undefined;
    const schema = isRecord(openApi) ? openApi : PERMISSIVE_SCHEMA;
    const deprecationWarning = str(entry.deprecationWarning);
    out.push({
      group,
      kind,
      version,
      apiVersion: `${group}/${version}`,
      plural: str(spec.names.plural) ?? '',
      scope: str(spec.scope) ?? 'Namespaced',
      served: entry.served === true,
      storage: entry.storage === true,
      deprecated: entry.deprecated === true,
      ...(deprecationWarning ? { deprecationWarning } : {}),
      preserveUnknownFields: spec.preserveUnknownFields === true,
      statusSubresource: isRecord(entry.subresources) && 'status' in entry.subresources,
      schema,
      celRules: celRules(schema),
    });
  }
}

/**
 * An index of CRD version schemas by apiVersion and kind. When two CRDs define the same group, version and
 * kind, the later one wins (as a later `kubectl apply` would).
 */
export class CrdIndex {
  /** Every schema given to the constructor, served or not, in order. */
  readonly schemas: readonly CrdVersionSchema[];
  private readonly byApiVersionKind = new Map<string, CrdVersionSchema>();
  private readonly byGroupKind = new Map<string, CrdVersionSchema[]>();

  /** Indexes `schemas` (typically from {@link crdSchemas}). */
  constructor(schemas: readonly CrdVersionSchema[]) {
    this.schemas = [...schemas];
    for (const schema of schemas) {
      this.byApiVersionKind.set(key(schema.apiVersion, schema.kind), schema);
      const groupKind = key(schema.group, schema.kind);
      const list = (this.byGroupKind.get(groupKind) ?? []).filter((s) => s.version !== schema.version);
      list.push(schema);
      this.byGroupKind.set(groupKind, list);
    }
  }

  /** The served schema for `apiVersion` (`group/version`) and `kind`; undefined when unknown or not served. */
  find(apiVersion: string, kind: string): CrdVersionSchema | undefined {
    const schema = this.byApiVersionKind.get(key(apiVersion, kind));
    return schema?.served ? schema : undefined;
  }

  /** The served versions of `group`/`kind`, in the order the CRDs list them; [] when the kind is unknown. */
  versionsOf(group: string, kind: string): string[] {
    return (this.byGroupKind.get(key(group, kind)) ?? []).filter((s) => s.served).map((s) => s.version);
  }
}

function key(a: string, b: string): string {
  return `${a}\n${b}`;
}

/** Options of {@link validateCustomResource}. */
export interface CustomResourceOptions {
  /** Evaluates the CEL rules a caller hand-codes (see {@link CelEvaluator}); CEL is not evaluated otherwise. */
  cel?: CelEvaluator;
}

/**
 * Validates one custom resource against the CRD version that covers its apiVersion and kind:
 * `apiVersion`/`kind` strings, `metadata` as ObjectMeta (`metadata.name` required), and everything else
 * (spec, and status unless the version has a status subresource) per the schema, unknown fields included.
 * Returns the violations ([] when valid), or undefined when no served CRD version covers the object
 * (including objects without string apiVersion and kind). Never throws.
 */
export function validateCustomResource(index: CrdIndex, object: unknown, options: CustomResourceOptions = {}): SchemaViolation[] | undefined {
  if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  const crd = index.find(object.apiVersion, object.kind);
  if (!crd) return undefined;
  let value: Record<string, unknown> = object;
  if (crd.statusSubresource && 'status' in object) {
    // the API server resets status on create and update when the status subresource is enabled
    value = { ...object };
    delete value.status;
  }
  return validateOpenApi(crd.schema, value, {
    resource: true,
    rejectUnknownFields: !crd.preserveUnknownFields,
    ...(options.cel ? { cel: options.cel } : {}),
  });
}
