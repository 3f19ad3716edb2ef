import { posix } from 'node:path';
import { CrdIndex, crdSchemas, validateCustomResource, type CrdVersionSchema } from '../crd';
import type { Diagnostic, Severity } from '../diagnostic';
import type { CheckContext, Rule } from '../engine';
import type { OpenApiSchema, SchemaViolation } from '../openapi';
import { positionOf, valuePositionOf, type Resource } from '../resources';
import type { RuleId } from '../rules';
import type { YamlSource } from '../source';
import {
  CHART_XOR_CHART_REF_MESSAGE,
  FLUX_DURATION_PATTERN,
  FLUX_SOURCE_TIMEOUT_PATTERN,
  fluxCel,
  fluxSchemaFor,
  validateFluxObject,
} from '../../flux/schema';
import { removedFluxApiVersions } from './api-versions';

type Path = readonly (string | number)[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The CRDs found in the checked tree, built once per run (rules share `ctx.resources`). */
interface TreeCrds {
  readonly index: CrdIndex;
  /** Every version of each group/kind (served or not), keyed `group\nkind`, later CRDs winning per version. */
  readonly versions: ReadonlyMap<string, readonly CrdVersionSchema[]>;
  /** The CRD object that defines each group/kind. */
  readonly definedBy: ReadonlyMap<string, Resource>;
}

const treeCache = new WeakMap<readonly Resource[], TreeCrds>();

function treeCrds(resources: readonly Resource[]): TreeCrds {
  const cached = treeCache.get(resources);
  if (cached) return cached;
  const all: CrdVersionSchema[] = [];
  const versions = new Map<string, CrdVersionSchema[]>();
  const definedBy = new Map<string, Resource>();
  for (const r of resources) {
    if (r.apiVersion !== 'apiextensions.k8s.io/v1' || r.kind !== 'CustomResourceDefinition') continue;
    for (const schema of crdSchemas([r.value])) {
      all.push(schema);
      const key = `${schema.group}\n${schema.kind}`;
      versions.set(key, [...(versions.get(key) ?? []).filter((s) => s.version !== schema.version), schema]);
      definedBy.set(key, r);
    }
  }
  const tree: TreeCrds = { index: new CrdIndex(all), versions, definedBy };
  treeCache.set(resources, tree);
  return tree;
}

const patchCache = new WeakMap<readonly YamlSource[], ReadonlySet<string>>();
const KUSTOMIZATION_FILES: ReadonlySet<string> = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Files that a kustomization.yaml uses as patches (`patches[].path`, `patchesStrategicMerge`). A patch is a
 * partial object, so required fields and chart xor chartRef are not checked in it.
 */
function patchFiles(sources: readonly YamlSource[]): ReadonlySet<string> {
  const cached = patchCache.get(sources);
  if (cached) return cached;
  const out = new Set<string>();
  for (const source of sources) {
    if (!KUSTOMIZATION_FILES.has(posix.basename(source.path))) continue;
    const dir = posix.dirname(source.path);
    for (const doc of source.documents) {
      if (doc.errors.length) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 1000 });
      } catch {
        continue; // yaml-syntax reports a broken document
      }
      if (!isRecord(value)) continue;
      const paths: unknown[] = [];
      if (Array.isArray(value.patches)) for (const p of value.patches) if (isRecord(p)) paths.push(p.path);
      if (Array.isArray(value.patchesStrategicMerge)) paths.push(...value.patchesStrategicMerge);
      for (const p of paths) {
        // patchesStrategicMerge entries may also be inline YAML text rather than a file name
        if (typeof p === 'string' && p !== '' && !p.includes('\n')) out.add(posix.normalize(posix.join(dir, p)));
      }
    }
  }
  patchCache.set(sources, out);
  return out;
}

const isPatch = (ctx: CheckContext, r: Resource): boolean => patchFiles(ctx.sources).has(posix.normalize(r.source.path));

function valueAt(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) {
    if (Array.isArray(at) && typeof key === 'number') at = at[key];
    else if (isRecord(at)) at = at[String(key)];
    else return undefined;
  }
  return at;
}

/** The schema that describes the value at `path` (properties, then items or additionalProperties). */
function schemaAt(schema: OpenApiSchema, path: Path): OpenApiSchema | undefined {
  let at: OpenApiSchema | undefined = schema;
  for (const key of path) {
    if (!at) return undefined;
    if (typeof key === 'number') at = isRecord(at.items) ? at.items : undefined;
    else {
      const properties: unknown = at.properties;
      const child = isRecord(properties) ? properties[key] : undefined;
      at = isRecord(child) ? child : isRecord(at.additionalProperties) ? at.additionalProperties : undefined;
    }
  }
  return at;
}

/** `spec.valuesFrom[0].kind`: dots between keys, brackets for indexes and odd keys. */
function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === '' ? 'the object' : out;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** Levenshtein distance (small strings: names and field names). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate closest to `name` when it is close enough to be a typo (or `name` abbreviates it). */
function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const prefix = name.length >= 4 && lower.startsWith(name.toLowerCase());
    const d = lower === name.toLowerCase() ? 0.5 : prefix ? 1 : editDistance(name, candidate);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Examples for the required fields a Flux user most often forgets, by `Kind:path`. */
const REQUIRED_HINTS: Readonly<Record<string, string>> = {
  'HelmRelease:spec.interval': 'add interval: 10m under spec (how often Flux reconciles the release)',
  'HelmRelease:spec.chart.spec': 'add spec.chart.spec with chart and sourceRef, or use spec.chartRef instead of spec.chart',
  'HelmRelease:spec.chart.spec.chart': 'add chart: <chart name in the repository> under spec.chart.spec',
  'HelmRelease:spec.chart.spec.sourceRef': 'add sourceRef: {kind: HelmRepository, name: <repository>} under spec.chart.spec',
  'Kustomization:spec.interval': 'add interval: 10m under spec (how often Flux reconciles the Kustomization)',
  'Kustomization:spec.prune': 'add prune: true (or false) under spec: Flux wants an explicit choice about deleting removed objects',
  'Kustomization:spec.sourceRef': 'add sourceRef: {kind: GitRepository, name: flux-system} under spec',
  'HelmRepository:spec.url': 'add url: https://<chart repository> under spec',
  'OCIRepository:spec.url': 'add url: oci://<registry>/<repository> under spec',
  'OCIRepository:spec.interval': 'add interval: 1h under spec (how often Flux checks the registry)',
};

const CEL_HINTS: Readonly<Record<string, string>> = {
  "!has(self.retryInterval) || self.name != 'RemediateOnFailure'": 'remove retryInterval, or use strategy name RetryOnFailure',
  "!has(self.retryInterval) || self.name == 'RetryOnFailure'": 'remove retryInterval, or use strategy name RetryOnFailure',
  'has(self.configMapRef) || has(self.secretRef)': 'set exactly one of configMapRef and secretRef',
  '!has(self.configMapRef) || !has(self.secretRef)': 'set exactly one of configMapRef and secretRef',
};

interface Finding {
  readonly path: Path;
  readonly message: string;
  readonly hint?: string;
}

/** Message and hint for one schema violation of `r`; undefined when it should not be reported. */
function explain(r: Resource, v: SchemaViolation, schema: OpenApiSchema, patch: boolean): Finding | undefined {
  const value = valueAt(r.value, v.path);
  // `${VAR}` is replaced by a Flux Kustomization's postBuild substitution before the object is applied
  if (typeof value === 'string' && value.includes('${') && v.keyword !== 'unknown-field') return undefined;
  const where = formatPath(v.path);
  const last = v.path[v.path.length - 1];
  const node = schemaAt(schema, v.path);
  switch (v.keyword) {
    case 'required': {
      if (patch) return undefined;
      const hint = REQUIRED_HINTS[`${r.kind}:${v.path.join('.')}`] ?? `add ${String(last)} under ${formatPath(v.path.slice(0, -1))}`;
      return { path: v.path, message: `${where} is required`, hint };
    }
    case 'unknown-field': {
      const parent = v.path.slice(0, -1);
      const siblings = Object.keys(asRecord(schemaAt(schema, parent)?.properties));
      const key = String(last);
      const near = closest(key, siblings);
      const nested = Object.keys(asRecord(schemaAt(schema, [...parent, 'spec'])?.properties));
      let hint = 'remove it, or check its spelling and indentation';
      if (near) hint = `did you mean ${near}?`;
      else if (siblings.includes('spec') && nested.includes(key)) hint = `move it under ${formatPath([...parent, 'spec'])}`;
      return { path: v.path, message: `${where} is not a field of ${r.kind} ${r.apiVersion}`, hint };
    }
    case 'pattern': {
      const pattern = typeof node?.pattern === 'string' ? node.pattern : v.message.replace(/^does not match pattern /, '');
      if (pattern === FLUX_DURATION_PATTERN) {
        return { path: v.path, message: `${where} ${show(value)} is not a valid duration (${pattern})`, hint: 'use a duration such as 10m or 1h30m' };
      }
      if (pattern === FLUX_SOURCE_TIMEOUT_PATTERN) {
        return {
          path: v.path,
          message: `${where} ${show(value)} is not a valid timeout (${pattern})`,
          hint: 'use a duration in ms, s or m, such as 60s or 5m (this field takes no h unit)',
        };
      }
      if (pattern === '^(http|https|oci)://.*$') {
        return { path: v.path, message: `${where} ${show(value)} is not an http://, https:// or oci:// URL`, hint: 'write the full URL with its scheme, such as https://charts.example.com' };
      }
      if (pattern === '^oci://.*$') {
        return { path: v.path, message: `${where} ${show(value)} is not an oci:// URL`, hint: 'use oci://<registry>/<repository>; for an HTTP(S) chart repository use a HelmRepository' };
      }
      return { path: v.path, message: `${where} ${show(value)} does not match the pattern ${pattern}`, hint: `change the value to match ${pattern}` };
    }
    case 'enum': {
      const allowed = Array.isArray(node?.enum) ? node.enum.map((e) => String(e)) : [];
      const text = allowed.length > 0 ? allowed.join(', ') : v.message.replace(/^must be one of: /, '');
      let hint = `use one of: ${text}`;
      const near = typeof value === 'string' ? closest(value, allowed) : undefined;
      const at = dotted(v);
      if (at === 'spec.chart.spec.sourceRef.kind' && (value === 'OCIRepository' || value === 'HelmChart' || value === 'ExternalArtifact')) {
        hint = `a chart from an ${String(value)} goes in spec.chartRef (kind and name) instead of spec.chart`;
      } else if (at === 'spec.chartRef.kind' && (value === 'HelmRepository' || value === 'GitRepository' || value === 'Bucket')) {
        hint = `a chart from a ${String(value)} goes in spec.chart.spec (chart and sourceRef) instead of spec.chartRef`;
      } else if (near) hint = `did you mean ${near}?`;
      return { path: v.path, message: `${where} ${show(value)} is not one of ${text}`, hint };
    }
    case 'maxLength': {
      const max = typeof node?.maxLength === 'number' ? node.maxLength : undefined;
      const length = typeof value === 'string' ? [...value].length : undefined;
      const message = max !== undefined && length !== undefined ? `${where} is ${length} characters long, over the limit of ${max}` : `${where} ${v.message}`;
      let hint = max !== undefined ? `shorten it to at most ${max} characters` : 'shorten it';
      if (dotted(v) === 'spec.releaseName') hint = 'Helm release names are at most 53 characters: choose a shorter releaseName (Flux shortens only the default name)';
      else if (typeof last === 'string' && /namespace$/i.test(last)) hint = 'Kubernetes namespace names are at most 63 characters: use a shorter namespace';
      return { path: v.path, message, hint };
    }
    case 'minLength':
      return { path: v.path, message: node?.minLength === 1 ? `${where} must not be empty` : `${where} ${v.message}`, hint: 'set a value, or remove the key' };
    case 'type': {
      let hint = `change the value: it ${v.message}`;
      if (typeof value === 'string' && /must be a boolean/.test(v.message) && /^(true|false)$/i.test(value)) hint = 'remove the quotes: the field takes a boolean, not a string';
      else if (typeof value === 'string' && /must be an integer|must be a number/.test(v.message) && /^-?[0-9]+$/.test(value)) hint = 'remove the quotes: the field takes a number, not a string';
      return { path: v.path, message: `${where} ${v.message}`, hint };
    }
    case 'x-kubernetes-validations': {
      if (v.message === '' || (patch && isChartXorViolation(r, v))) return undefined;
      if (isChartXorViolation(r, v)) {
        const spec = asRecord(r.value.spec);
        const both = present(spec.chart) && present(spec.chartRef);
        return {
          path: both ? [...v.path, 'chartRef'] : v.path,
          message: v.message,
          hint: both
            ? 'keep one: spec.chart for a chart from a HelmRepository, GitRepository or Bucket, or spec.chartRef for an OCIRepository or HelmChart'
            : 'add spec.chart.spec (chart and sourceRef) for a chart repository, or spec.chartRef for an OCIRepository or HelmChart',
        };
      }
      const rule = schemaRuleFor(node, v.message);
      return { path: v.path, message: `${where}: ${v.message}`, hint: (rule && CEL_HINTS[rule]) ?? (rule ? `change the object so that the rule holds: ${rule}` : 'change the object so that the rule holds') };
    }
    case 'metadata':
      return { path: v.path, message: `${where} ${v.message}`, hint: 'use lowercase letters, digits and "-" (names may also contain ".")' };
    default:
      return { path: v.path, message: `${where} ${v.message}`, hint: `change the value to satisfy the schema's ${v.keyword}` };
  }
}

const dotted = (v: SchemaViolation): string => v.path.join('.');
const present = (v: unknown): boolean => v !== undefined && v !== null;
const asRecord = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

function isChartXorViolation(r: Resource, v: SchemaViolation): boolean {
  return r.kind === 'HelmRelease' && dotted(v) === 'spec' && v.message === CHART_XOR_CHART_REF_MESSAGE;
}

/** The CEL rule text of `node` whose message is `message` (to pick a hint). */
function schemaRuleFor(node: OpenApiSchema | undefined, message: string): string | undefined {
  const rules = node?.['x-kubernetes-validations'];
  if (!Array.isArray(rules)) return undefined;
  for (const rule of rules) if (isRecord(rule) && rule.message === message && typeof rule.rule === 'string') return rule.rule;
  return undefined;
}

function report(ctx: CheckContext, ruleId: RuleId, r: Resource, violations: readonly SchemaViolation[], schema: OpenApiSchema): Diagnostic[] {
  const patch = isPatch(ctx, r);
  const out: Diagnostic[] = [];
  for (const v of violations) {
    const finding = explain(r, v, schema, patch);
    if (finding) out.push(ctx.diagnostic(ruleId, r.source.path, positionOf(r, finding.path), finding.message, finding.hint));
  }
  return out;
}

/**
 * flux-schema: a HelmRelease (`helm.toolkit.fluxcd.io/v2`), HelmRepository or OCIRepository
 * (`source.toolkit.fluxcd.io/v1`) or Kustomization (`kustomize.toolkit.fluxcd.io/v1`) that breaks its schema:
 * bramble's built-in one, or the CRD of that kind when the checked tree holds it (the `gotk-components.yaml`
 * that `flux bootstrap` commits). Reports required fields, duration and URL patterns, enums, length limits,
 * types, unknown fields, and the CRD's CEL rules (chart xor chartRef on a HelmRelease). In files that a
 * kustomization.yaml uses as patches, required fields and chart xor chartRef are not checked.
 */
export const fluxSchemaRule: Rule = {
  id: 'flux-schema',
  run: (ctx) => {
    const tree = treeCrds(ctx.resources);
    const out: Diagnostic[] = [];
    for (const r of ctx.resources) {
      const builtin = fluxSchemaFor(r.apiVersion, r.kind);
      if (!builtin) continue;
      const crd = tree.index.find(r.apiVersion, r.kind);
      if (!present(r.value.spec)) {
        if (isPatch(ctx, r)) continue;
        const required = schemaAt(crd?.schema ?? builtin.schema, ['spec'])?.required;
        const needs = Array.isArray(required) && required.length > 0 ? ` with ${required.join(', ')}` : '';
        out.push(ctx.diagnostic('flux-schema', r.source.path, positionOf(r, ['spec']), `${r.kind} ${r.name || '(unnamed)'} has no spec`, `add a spec${needs}`));
        continue;
      }
      const violations = crd ? validateCustomResource(tree.index, r.value, { cel: fluxCel }) : validateFluxObject(r.value);
      out.push(...report(ctx, 'flux-schema', r, violations ?? [], crd?.schema ?? builtin.schema));
    }
    return out;
  },
};

function crdLocation(crd: Resource | undefined): string {
  if (!crd) return 'its CustomResourceDefinition';
  const p = positionOf(crd, []);
  return `CustomResourceDefinition ${crd.name || '(unnamed)'} (${crd.source.path}:${p.line})`;
}

/**
 * crd-schema: every CustomResourceDefinition in the checked files validates the custom resources of its kinds
 * (any group): an apiVersion the CRD does not serve, a deprecated version (a warning), and schema violations
 * (types, required fields, patterns, enums, unknown fields, and CEL rules within bramble's subset). Served
 * versions of the Flux kinds flux-schema covers, and Flux API versions removed upstream (removed-api-version),
 * are left to those rules.
 */
export const crdSchemaRule: Rule = {
  id: 'crd-schema',
  run: (ctx) => {
    const tree = treeCrds(ctx.resources);
    if (tree.versions.size === 0) return [];
    const out: Diagnostic[] = [];
    for (const r of ctx.resources) {
      const slash = r.apiVersion.lastIndexOf('/');
      if (slash <= 0) continue;
      const group = r.apiVersion.slice(0, slash);
      const version = r.apiVersion.slice(slash + 1);
      const key = `${group}\n${r.kind}`;
      const versions = tree.versions.get(key);
      if (!versions) continue;
      if (removedFluxApiVersions.some((v) => v.apiVersion === r.apiVersion)) continue;
      const crd = tree.index.find(r.apiVersion, r.kind);
      // flux-schema validates the kinds it knows against the tree's CRD when that CRD serves them
      if (crd && fluxSchemaFor(r.apiVersion, r.kind)) continue;
      const where = crdLocation(tree.definedBy.get(key));
      const served = versions.filter((v) => v.served);
      if (!crd) {
        const preferred = served.find((v) => v.storage && !v.deprecated) ?? served.filter((v) => !v.deprecated).pop() ?? served[served.length - 1];
        const defined = versions.some((v) => v.version === version);
        out.push(
          ctx.diagnostic(
            'crd-schema',
            r.source.path,
            valuePositionOf(r, ['apiVersion']),
            `${r.apiVersion} ${r.kind} is ${defined ? 'not served' : 'not defined'} by ${where}`,
            preferred ? `use apiVersion: ${preferred.apiVersion} (served: ${served.map((v) => v.version).join(', ')})` : `the CustomResourceDefinition serves no version of ${r.kind}`,
          ),
        );
        continue;
      }
      if (crd.deprecated) {
        const replacement = served.find((v) => !v.deprecated && v.storage) ?? served.find((v) => !v.deprecated);
        const severity: Severity = 'warning';
        out.push(
          ctx.diagnostic(
            'crd-schema',
            r.source.path,
            valuePositionOf(r, ['apiVersion']),
            `${r.apiVersion} ${r.kind} is deprecated${crd.deprecationWarning ? ` (${crd.deprecationWarning.replace(/\.$/, '')})` : ''}`,
            replacement ? `use apiVersion: ${replacement.apiVersion}` : 'plan a move to a version that is not deprecated',
            severity,
          ),
        );
      }
      out.push(...report(ctx, 'crd-schema', r, validateCustomResource(tree.index, r.value, { cel: fluxCel }) ?? [], crd.schema));
    }
    return out;
  },
};

/** A reference from a Flux object to a source, and the kinds it may name. */
interface RefSite {
  readonly group: string;
  readonly kind: string;
  readonly path: readonly string[];
  readonly kinds: readonly string[];
  /** Severity when sources of the kind exist but none matches (a typo): Kustomizations only warn. */
  readonly mismatch: Severity;
  /**
   * Say nothing when no source of the kind is in the tree: Kustomizations name flux-system's
   * GitRepository, which lives in the bootstrap files; a warning on every run would only be noise.
   */
  readonly silentWhenAbsent?: boolean;
}

const REF_SITES: readonly RefSite[] = [
  { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', path: ['spec', 'chart', 'spec', 'sourceRef'], kinds: ['HelmRepository', 'GitRepository', 'Bucket'], mismatch: 'error' },
  { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', path: ['spec', 'chartRef'], kinds: ['OCIRepository', 'HelmChart', 'ExternalArtifact'], mismatch: 'error' },
  // flux-system's GitRepository usually lives in the bootstrap files, which are often outside the checked paths
  { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', path: ['spec', 'sourceRef'], kinds: ['GitRepository', 'OCIRepository', 'Bucket', 'ExternalArtifact'], mismatch: 'warning', silentWhenAbsent: true },
];

const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
const groupOf = (apiVersion: string): string => apiVersion.slice(0, Math.max(0, apiVersion.lastIndexOf('/')));
const qualified = (name: string, namespace: string | undefined): string => (namespace ? `${namespace}/${name}` : name);

/**
 * unresolved-source: a HelmRelease's `spec.chart.spec.sourceRef` or `spec.chartRef`, or a Flux Kustomization's
 * `spec.sourceRef`, names a source (namespace defaulting to the referrer's) that no checked file defines. When
 * no object of that kind is in the tree at all, the source may live outside the checked paths: a warning for a
 * HelmRelease, nothing for a Kustomization (flux-system's GitRepository is in the bootstrap files). When
 * objects of that kind exist but none matches, it is likely a typo: an error for a HelmRelease (a warning for a
 * Kustomization), with a did-you-mean. A namespace missing on either side (set later by kustomize or a Flux
 * Kustomization's targetNamespace) matches any namespace. References that flux-schema rejects are skipped.
 */
export const unresolvedSourceRule: Rule = {
  id: 'unresolved-source',
  run: (ctx) => {
    const sources = new Map<string, Resource[]>();
    for (const r of ctx.resources) {
      if (groupOf(r.apiVersion) !== SOURCE_GROUP || r.name === '') continue;
      sources.set(r.kind, [...(sources.get(r.kind) ?? []), r]);
    }
    const out: Diagnostic[] = [];
    for (const r of ctx.resources) {
      for (const site of REF_SITES) {
        if (r.kind !== site.kind || groupOf(r.apiVersion) !== site.group) continue;
        const ref = valueAt(r.value, site.path);
        if (!isRecord(ref) || typeof ref.kind !== 'string' || !site.kinds.includes(ref.kind)) continue;
        const { kind } = ref;
        if (typeof ref.name !== 'string' || ref.name === '' || ref.name.includes('${')) continue;
        const name = ref.name;
        const namespace = typeof ref.namespace === 'string' && ref.namespace !== '' ? ref.namespace : r.namespace;
        if (namespace?.includes('${')) continue;
        const candidates = sources.get(kind) ?? [];
        const sameNamespace = (s: Resource) => namespace === undefined || s.namespace === undefined || s.namespace === namespace;
        if (candidates.some((s) => s.name === name && sameNamespace(s))) continue;
        const refPath = formatPath(site.path);
        const position = positionOf(r, [...site.path, 'name']);
        if (candidates.length === 0) {
          if (site.silentWhenAbsent) continue;
          out.push(
            ctx.diagnostic(
              'unresolved-source',
              r.source.path,
              position,
              `${refPath} names ${kind} ${qualified(name, namespace)}, but no ${kind} is defined in the checked files`,
              `if it is defined outside the checked paths (another repository, the bootstrap files), include those files or ignore this warning; otherwise add the ${kind}`,
              'warning',
            ),
          );
          continue;
        }
        const elsewhere = candidates.filter((s) => s.name === name).map((s) => s.namespace);
        const near = closest(name, new Set(candidates.filter(sameNamespace).map((s) => s.name)));
        let hint: string;
        if (elsewhere.length > 0 && elsewhere[0] !== undefined) hint = `did you mean namespace ${elsewhere[0]}? set ${refPath}.namespace: ${elsewhere[0]}`;
        else if (near) hint = `did you mean ${near}?`;
        else {
          const known = candidates.slice(0, 5).map((s) => qualified(s.name, s.namespace));
          hint = `the ${kind} objects in the checked files are: ${known.join(', ')}${candidates.length > 5 ? ', ...' : ''}`;
        }
        out.push(
          ctx.diagnostic(
            'unresolved-source',
            r.source.path,
            position,
            `${refPath} names ${kind} ${qualified(name, namespace)}, but no ${kind} of that name is in ${namespace ? `namespace ${namespace}` : 'the checked files'}`,
            hint,
            site.mismatch,
          ),
        );
      }
    }
    return out;
  },
};
