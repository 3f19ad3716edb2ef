/**
 * bramble's own structural schemas for the Flux kinds it knows, written by hand (the upstream CRD files are
 * not shipped): HelmRelease `helm.toolkit.fluxcd.io/v2`, HelmRepository and OCIRepository
 * `source.toolkit.fluxcd.io/v1`, and Kustomization `kustomize.toolkit.fluxcd.io/v1`.
 *
 * The field names, types, required lists, patterns, enums, length limits, defaults and CEL rules follow the
 * CRDs of Flux v2.9.4 (helm-controller v1.6.3, source-controller release/v1.9.x, kustomize-controller
 * v1.9.4); a conformance test compares them with those CRDs path by path. Only `spec` is described:
 * `status` belongs to the controllers (the status subresource makes the API server ignore it).
 */
import { validateOpenApi, type CelEvaluator, type OpenApiSchema, type SchemaViolation } from '../check/openapi';

/** The pattern of Flux interval and timeout fields (a Go duration in ms, s, m and h). */
export const FLUX_DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';

/** The pattern of source-controller's `timeout` fields, which (unlike `interval`) take no `h` unit. */
export const FLUX_SOURCE_TIMEOUT_PATTERN = '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$';

/** The message of HelmRelease's CEL rule that exactly one of `spec.chart` and `spec.chartRef` is set. */
export const CHART_XOR_CHART_REF_MESSAGE = 'either chart or chartRef must be set';

/** HelmRelease's CEL rule (on `spec`) for chart xor chartRef, verbatim from the CRD. */
export const CHART_XOR_CHART_REF_RULE = '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))';

const str = (extra: OpenApiSchema = {}): OpenApiSchema => ({ type: 'string', ...extra });
const bounded = (minLength: number, maxLength: number): OpenApiSchema => str({ minLength, maxLength });
const bool = (extra: OpenApiSchema = {}): OpenApiSchema => ({ type: 'boolean', ...extra });
const int = (): OpenApiSchema => ({ type: 'integer' });
const duration = (): OpenApiSchema => str({ pattern: FLUX_DURATION_PATTERN });
const oneOf = (values: readonly string[], extra: OpenApiSchema = {}): OpenApiSchema => str({ enum: [...values], ...extra });
const list = (items: OpenApiSchema): OpenApiSchema => ({ type: 'array', items });
const stringMap = (): OpenApiSchema => ({ type: 'object', additionalProperties: { type: 'string' } });
const obj = (properties: Record<string, OpenApiSchema>, required: readonly string[] = [], extra: OpenApiSchema = {}): OpenApiSchema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required: [...required] } : {}),
  ...extra,
});
const cel = (...rules: { rule: string; message: string }[]): OpenApiSchema => ({ 'x-kubernetes-validations': rules });
const localRef = (): OpenApiSchema => obj({ name: str() }, ['name']);
const metadataMaps = (): OpenApiSchema => obj({ annotations: stringMap(), labels: stringMap() });
const selector = (): OpenApiSchema =>
  obj({
    annotationSelector: str(),
    group: str(),
    kind: str(),
    labelSelector: str(),
    name: str(),
    namespace: str(),
    version: str(),
  });
const dependsOn = (): OpenApiSchema => list(obj({ name: str(), namespace: str(), readyExpr: str() }, ['name']));
const healthCheckExprs = (): OpenApiSchema =>
  list(obj({ apiVersion: str(), current: str(), failed: str(), inProgress: str(), kind: str() }, ['apiVersion', 'current']));
const images = (): OpenApiSchema => list(obj({ digest: str(), name: str(), newName: str(), newTag: str() }, ['name']));
const patches = (): OpenApiSchema => list(obj({ patch: str(), target: selector() }, ['patch']));
const ignoreRules = (): OpenApiSchema => list(obj({ paths: list(str()), target: selector() }, ['paths']));
const kubeConfig = (): OpenApiSchema =>
  obj({ configMapRef: localRef(), secretRef: obj({ key: str(), name: str() }, ['name']) }, [], {
    // Both rules carry the same message in the CRDs (fluxcd/pkg apis/meta KubeConfigReference).
    ...cel(
      { rule: 'has(self.configMapRef) || has(self.secretRef)', message: 'exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified' },
      { rule: '!has(self.configMapRef) || !has(self.secretRef)', message: 'exactly one of spec.kubeConfig.configMapRef or spec.kubeConfig.secretRef must be specified' },
    ),
  });
const resource = (spec: OpenApiSchema): OpenApiSchema => ({
  type: 'object',
  properties: { apiVersion: str(), kind: str(), metadata: { type: 'object' }, spec },
});

const CRDS_POLICY = ['Skip', 'Create', 'CreateReplace'];
const STRATEGY_NAMES = ['RemediateOnFailure', 'RetryOnFailure'];
const SERVER_SIDE_APPLY = ['enabled', 'disabled', 'auto'];
const OCI_PROVIDERS = ['generic', 'aws', 'azure', 'gcp'];

/** HelmRelease v2 (helm-controller v1.6.3, api/v2/helmrelease_types.go). */
const helmReleaseV2 = resource(
  obj(
    {
      chart: obj(
        {
          metadata: metadataMaps(),
          spec: obj(
            {
              chart: bounded(1, 2048),
              ignoreMissingValuesFiles: bool(),
              interval: duration(),
              reconcileStrategy: oneOf(['ChartVersion', 'Revision'], { default: 'ChartVersion' }),
              sourceRef: obj(
                { apiVersion: str(), kind: oneOf(['HelmRepository', 'GitRepository', 'Bucket']), name: bounded(1, 253), namespace: bounded(1, 63) },
                ['kind', 'name'],
              ),
              valuesFiles: list(str()),
              verify: obj({ provider: oneOf(['cosign', 'notation'], { default: 'cosign' }), secretRef: localRef() }, ['provider']),
              version: str({ default: '*' }),
            },
            ['chart', 'sourceRef'],
          ),
        },
        ['spec'],
      ),
      chartRef: obj(
        { apiVersion: str(), kind: oneOf(['OCIRepository', 'HelmChart', 'ExternalArtifact']), name: bounded(1, 253), namespace: bounded(1, 63) },
        ['kind', 'name'],
      ),
      commonMetadata: metadataMaps(),
      dependsOn: dependsOn(),
      driftDetection: obj({ ignore: ignoreRules(), mode: oneOf(['enabled', 'warn', 'disabled']) }),
      healthCheckExprs: healthCheckExprs(),
      install: obj({
        crds: oneOf(CRDS_POLICY),
        createNamespace: bool(),
        disableHooks: bool(),
        disableOpenAPIValidation: bool(),
        disableSchemaValidation: bool(),
        disableTakeOwnership: bool(),
        disableWait: bool(),
        disableWaitForJobs: bool(),
        remediation: obj({ ignoreTestFailures: bool(), remediateLastFailure: bool(), retries: int() }),
        replace: bool(),
        serverSideApply: bool(),
        skipCRDs: bool(),
        strategy: obj({ name: oneOf(STRATEGY_NAMES), retryInterval: duration() }, ['name'], {
          ...cel({ rule: "!has(self.retryInterval) || self.name != 'RemediateOnFailure'", message: ".retryInterval cannot be set when .name is 'RemediateOnFailure'" }),
        }),
        timeout: duration(),
      }),
      interval: duration(),
      kubeConfig: kubeConfig(),
      maxHistory: int(),
      persistentClient: bool(),
      postRenderStrategy: oneOf(['nohooks', 'combined', 'separate']),
      postRenderers: list(obj({ kustomize: obj({ images: images(), patches: patches() }) })),
      releaseName: bounded(1, 53),
      rollback: obj({
        cleanupOnFail: bool(),
        disableHooks: bool(),
        disableWait: bool(),
        disableWaitForJobs: bool(),
        force: bool(),
        recreate: bool(),
        serverSideApply: oneOf(SERVER_SIDE_APPLY),
        timeout: duration(),
      }),
      serviceAccountName: bounded(1, 253),
      storageNamespace: bounded(1, 63),
      suspend: bool(),
      targetNamespace: bounded(1, 63),
      test: obj({
        enable: bool(),
        filters: list(obj({ exclude: bool(), name: bounded(1, 253) }, ['name'])),
        ignoreFailures: bool(),
        timeout: duration(),
      }),
      timeout: duration(),
      uninstall: obj({
        deletionPropagation: oneOf(['background', 'foreground', 'orphan'], { default: 'background' }),
        disableHooks: bool(),
        disableWait: bool(),
        keepHistory: bool(),
        timeout: duration(),
      }),
      upgrade: obj({
        chartNameChangeStrategy: oneOf(['InPlaceUpdate', 'Reinstall']),
        cleanupOnFail: bool(),
        crds: oneOf(CRDS_POLICY),
        disableHooks: bool(),
        disableOpenAPIValidation: bool(),
        disableSchemaValidation: bool(),
        disableTakeOwnership: bool(),
        disableWait: bool(),
        disableWaitForJobs: bool(),
        force: bool(),
        preserveValues: bool(),
        remediation: obj({ ignoreTestFailures: bool(), remediateLastFailure: bool(), retries: int(), strategy: oneOf(['rollback', 'uninstall']) }),
        serverSideApply: oneOf(SERVER_SIDE_APPLY),
        strategy: obj({ name: oneOf(STRATEGY_NAMES), retryInterval: duration() }, ['name'], {
          ...cel({ rule: "!has(self.retryInterval) || self.name == 'RetryOnFailure'", message: ".retryInterval can only be set when .name is 'RetryOnFailure'" }),
        }),
        timeout: duration(),
      }),
      // Helm values are whatever the chart reads: the CRD keeps them as they are.
      values: { 'x-kubernetes-preserve-unknown-fields': true },
      valuesFrom: list(
        obj(
          {
            kind: oneOf(['Secret', 'ConfigMap']),
            literal: bool(),
            name: bounded(1, 253),
            optional: bool(),
            targetPath: str({ maxLength: 250, pattern: '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$' }),
            valuesKey: str({ maxLength: 253, pattern: '^[\\-._a-zA-Z0-9]+$' }),
          },
          ['kind', 'name'],
        ),
      ),
      waitStrategy: obj({ name: oneOf(['poller', 'legacy']) }, ['name']),
    },
    ['interval'],
    cel({ rule: CHART_XOR_CHART_REF_RULE, message: CHART_XOR_CHART_REF_MESSAGE }),
  ),
);

/** HelmRepository v1 (source-controller api/v1/helmrepository_types.go). */
const helmRepositoryV1 = resource(
  obj(
    {
      accessFrom: obj({ namespaceSelectors: list(obj({ matchLabels: stringMap() })) }, ['namespaceSelectors']),
      certSecretRef: localRef(),
      insecure: bool(),
      // Optional here (unlike OCIRepository): the controller defaults it to 1m and ignores it for type oci.
      interval: duration(),
      passCredentials: bool(),
      provider: oneOf(OCI_PROVIDERS, { default: 'generic' }),
      secretRef: localRef(),
      suspend: bool(),
      timeout: str({ pattern: FLUX_SOURCE_TIMEOUT_PATTERN }),
      type: oneOf(['default', 'oci']),
      url: str({ pattern: '^(http|https|oci)://.*$' }),
    },
    ['url'],
  ),
);

/** OCIRepository v1 (source-controller api/v1/ocirepository_types.go). */
const ociRepositoryV1 = resource(
  obj(
    {
      certSecretRef: localRef(),
      ignore: str(),
      insecure: bool(),
      interval: duration(),
      layerSelector: obj({ mediaType: str(), operation: oneOf(['extract', 'copy']) }),
      provider: oneOf(OCI_PROVIDERS, { default: 'generic' }),
      proxySecretRef: localRef(),
      ref: obj({ digest: str(), semver: str(), semverFilter: str(), tag: str() }),
      secretRef: localRef(),
      serviceAccountName: str(),
      suspend: bool(),
      timeout: str({ pattern: FLUX_SOURCE_TIMEOUT_PATTERN, default: '60s' }),
      url: str({ pattern: '^oci://.*$' }),
      verify: obj(
        {
          matchOIDCIdentity: list(obj({ issuer: str(), subject: str() }, ['issuer', 'subject'])),
          provider: oneOf(['cosign', 'notation'], { default: 'cosign' }),
          secretRef: localRef(),
          trustedRootSecretRef: localRef(),
        },
        ['provider'],
      ),
    },
    ['interval', 'url'],
  ),
);

/** Kustomization v1 (kustomize-controller api/v1/kustomization_types.go). */
const kustomizationV1 = resource(
  obj(
    {
      buildMetadata: list(oneOf(['originAnnotations', 'transformerAnnotations'])),
      commonMetadata: metadataMaps(),
      components: list(str()),
      decryption: obj({ provider: oneOf(['sops']), secretRef: localRef(), serviceAccountName: str() }, ['provider']),
      deletionPolicy: oneOf(['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan']),
      dependsOn: dependsOn(),
      force: bool({ default: false }),
      healthCheckExprs: healthCheckExprs(),
      healthChecks: list(obj({ apiVersion: str(), kind: str(), name: str(), namespace: str() }, ['kind', 'name'])),
      ignore: ignoreRules(),
      ignoreMissingComponents: bool(),
      images: images(),
      interval: duration(),
      kubeConfig: kubeConfig(),
      namePrefix: bounded(1, 200),
      nameSuffix: bounded(1, 200),
      patches: patches(),
      path: str(),
      postBuild: obj({
        substitute: stringMap(),
        substituteFrom: list(obj({ kind: oneOf(['Secret', 'ConfigMap']), name: bounded(1, 253), optional: bool({ default: false }) }, ['kind', 'name'])),
        substituteStrategy: oneOf(['WithVariables', 'Always']),
      }),
      prune: bool(),
      retryInterval: duration(),
      serviceAccountName: str(),
      sourceRef: obj({ apiVersion: str(), kind: oneOf(['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact']), name: str(), namespace: str() }, ['kind', 'name']),
      suspend: bool(),
      targetNamespace: bounded(1, 63),
      timeout: duration(),
      wait: bool(),
    },
    ['interval', 'prune', 'sourceRef'],
  ),
);

/** A built-in schema for one Flux kind at one API version. */
export interface FluxKindSchema {
  /** e.g. `helm.toolkit.fluxcd.io`. */
  readonly group: string;
  /** e.g. `v2`. */
  readonly version: string;
  /** `group/version`. */
  readonly apiVersion: string;
  readonly kind: string;
  /** The whole object's schema (apiVersion, kind, metadata, spec), like a CRD's `openAPIV3Schema` without status. */
  readonly schema: OpenApiSchema;
}

const kindSchema = (group: string, version: string, kind: string, schema: OpenApiSchema): FluxKindSchema => ({
  group,
  version,
  apiVersion: `${group}/${version}`,
  kind,
  schema,
});

/** The Flux kinds bramble validates with its own schemas, at the one version each controller serves. */
export const fluxSchemas: readonly FluxKindSchema[] = [
  kindSchema('helm.toolkit.fluxcd.io', 'v2', 'HelmRelease', helmReleaseV2),
  kindSchema('source.toolkit.fluxcd.io', 'v1', 'HelmRepository', helmRepositoryV1),
  kindSchema('source.toolkit.fluxcd.io', 'v1', 'OCIRepository', ociRepositoryV1),
  kindSchema('kustomize.toolkit.fluxcd.io', 'v1', 'Kustomization', kustomizationV1),
];

/** The built-in schema for `apiVersion` and `kind`, or undefined when bramble has none. */
export function fluxSchemaFor(apiVersion: string, kind: string): FluxKindSchema | undefined {
  return fluxSchemas.find((s) => s.apiVersion === apiVersion && s.kind === kind);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Evaluates the small CEL subset that Flux's CRDs use in `x-kubernetes-validations`: `has(self.a.b)`,
 * `self.a == 'text'`, `self.a != 'text'`, `!`, `&&`, `||` and parentheses. Returns undefined for any other
 * expression, and when the expression would fail at run time (a field read that is absent), so callers treat
 * it as not evaluated. A key whose value is null counts as absent, as the API server prunes it first.
 */
export function evaluateCelSubset(expression: string, self: unknown): boolean | undefined {
  const tokens = tokenize(expression);
  if (!tokens) return undefined;
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const fail = Symbol('fail');
  type Result = boolean | typeof fail;

  const fieldPath = (): string[] | typeof fail => {
    if (peek() !== 'self') return fail;
    at++;
    const parts: string[] = [];
    while (peek() === '.') {
      at++;
      const name = peek();
      if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return fail;
      parts.push(name);
      at++;
    }
    return parts.length > 0 ? parts : fail;
  };
  const read = (parts: string[]): { found: boolean; value: unknown } | typeof fail => {
    let value: unknown = self;
    for (let i = 0; i < parts.length; i++) {
      if (!isRecord(value)) return fail;
      const next = value[parts[i]!];
      if (next === undefined || next === null) return i === parts.length - 1 ? { found: false, value: undefined } : fail;
      value = next;
    }
    return { found: true, value };
  };
  const primary = (): Result => {
    const token = peek();
    if (token === '!') {
      at++;
      const inner = primary();
      return inner === fail ? fail : !inner;
    }
    if (token === '(') {
      at++;
      const inner = or();
      if (inner === fail || peek() !== ')') return fail;
      at++;
      return inner;
    }
    if (token === 'has') {
      at++;
      if (peek() !== '(') return fail;
      at++;
      const parts = fieldPath();
      if (parts === fail || peek() !== ')') return fail;
      at++;
      const found = read(parts);
      return found === fail ? fail : found.found;
    }
    const parts = fieldPath();
    if (parts === fail) return fail;
    const op = peek();
    if (op !== '==' && op !== '!=') return fail;
    at++;
    const literal = peek();
    if (literal === undefined || !/^'.*'$/.test(literal)) return fail;
    at++;
    const found = read(parts);
    if (found === fail || !found.found) return fail;
    const equal = found.value === literal.slice(1, -1);
    return op === '==' ? equal : !equal;
  };
  // CEL's && and || are commutative about errors; this subset gives up on any error instead.
  const and = (): Result => {
    let left = primary();
    while (peek() === '&&') {
      at++;
      const right = primary();
      left = left === fail || right === fail ? fail : left && right;
    }
    return left;
  };
  const or = (): Result => {
    let left = and();
    while (peek() === '||') {
      at++;
      const right = and();
      left = left === fail || right === fail ? fail : left || right;
    }
    return left;
  };
  const result = or();
  return result === fail || at !== tokens.length ? undefined : result;
}

function tokenize(expression: string): string[] | undefined {
  const tokens: string[] = [];
  const re = /\s*(?:(&&|\|\||==|!=|[!().])|([A-Za-z_][A-Za-z0-9_]*)|('[^'\\]*'))/y;
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(expression);
    if (!m) return undefined;
    tokens.push(m[1] ?? m[2] ?? m[3] ?? '');
    at = re.lastIndex;
  }
  return tokens;
}

/**
 * A {@link CelEvaluator} for Flux CRDs (and any CRD whose rules stay within {@link evaluateCelSubset}):
 * chart xor chartRef on a HelmRelease, the install/upgrade strategy rules, kubeConfig's exactly-one rule.
 * Rules outside the subset are not evaluated.
 */
export const fluxCel: CelEvaluator = (rule, self) => evaluateCelSubset(rule.rule, self);

/**
 * Validates a Flux object against bramble's built-in schema for its apiVersion and kind, CEL rules
 * included, ignoring `status`. Returns undefined when bramble has no schema for it. Never throws.
 */
export function validateFluxObject(object: unknown): SchemaViolation[] | undefined {
  if (!isRecord(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  const kind = fluxSchemaFor(object.apiVersion, object.kind);
  if (!kind) return undefined;
  let value = object;
  if ('status' in value) {
    // every Flux CRD has the status subresource: the API server drops status on create and update
    value = { ...object };
    delete value.status;
  }
  return validateOpenApi(kind.schema, value, { resource: true, cel: fluxCel });
}
