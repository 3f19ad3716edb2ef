import type { Severity } from './diagnostic';

/** What every rule carries; `satisfies Record<RuleId, RuleInfo>` keeps a rule from compiling without it. */
export interface RuleInfo {
  /** Default severity. */
  readonly severity: Severity;
  /** One line for `--help` and the docs index. */
  readonly summary: string;
}

/**
 * The rule registry. Each id has a page at docs/rules/<id>.md; a test checks that the page exists.
 */
export const rules = {
  'duplicate-key': {
    severity: 'error',
    summary: 'A YAML mapping repeats a key (kustomize and Flux reject it; Helm keeps the last silently).',
  },
  'yaml-syntax': { severity: 'error', summary: 'A YAML file does not parse.' },
  'removed-api-version': {
    severity: 'error',
    summary: 'A Flux object uses an API version the controllers no longer serve (v2beta1, v1beta2, ...).',
  },
  'invalid-duration': {
    severity: 'error',
    summary: 'A duration is not in the form the consuming tool accepts (for example 72h, 200ms).',
  },
  'invalid-value': {
    severity: 'error',
    summary: 'A construct property is outside the range or form its upstream consumer accepts.',
  },
  'port-conflict': { severity: 'error', summary: 'Two receivers or listeners claim the same port.' },
  'unknown-datasource-uid': {
    severity: 'error',
    summary: 'A Grafana correlation names a datasource uid that no provisioned datasource has.',
  },
  'alloy-batch-size': {
    severity: 'error',
    summary: 'otelcol.processor.batch send_batch_max_size must be 0 or at least send_batch_size.',
  },
  'alloy-helm-template': {
    severity: 'error',
    summary: 'Alloy config bound for the Alloy chart contains "{{", which Helm tpl would evaluate.',
  },
  'alloy-syntax': { severity: 'error', summary: 'Alloy configuration does not parse.' },
  'alloy-duplicate-component': {
    severity: 'error',
    summary: 'Two Alloy components (or config blocks) with the same id: Alloy refuses the config.',
  },
  'alloy-component': {
    severity: 'error',
    summary: "An Alloy component's arguments or blocks are wrong: unknown, missing, repeated, of the wrong type, or breaking a rule between fields.",
  },
  'alloy-reference': {
    severity: 'error',
    summary: 'An Alloy reference names a component or export that does not exist, or components reference each other in a cycle.',
  },
  'alloy-dangling-output': {
    severity: 'warning',
    summary: 'An Alloy receiver, processor or connector forwards a signal nowhere, so it is dropped.',
  },
  'remote-write-receiver': {
    severity: 'error',
    summary: 'Tempo remote-writes to a Prometheus that does not accept remote write (every write is a 404).',
  },
  'flux-release-name': {
    severity: 'error',
    summary: 'A HelmRelease release name is invalid or collides with another release.',
  },
  'duplicate-resource': {
    severity: 'error',
    summary: 'Two objects in the tree share kind, namespace and name.',
  },
  drift: {
    severity: 'error',
    summary: 'A generated file differs from what synth produces now (synth --check).',
  },
  'app-load': {
    severity: 'error',
    summary: 'The stack in charts/ could not be loaded or run.',
  },
  'flux-schema': {
    severity: 'error',
    summary: "A Flux object breaks its CRD's schema: a required field, the interval pattern, an enum, chart xor chartRef, an unknown field.",
  },
  'crd-schema': {
    severity: 'error',
    summary: 'A custom resource breaks the schema of a CustomResourceDefinition found in the tree.',
  },
  'unresolved-source': {
    severity: 'error',
    summary: "A HelmRelease's sourceRef or chartRef names a source that is not in the tree (a warning when it may live outside the checked paths).",
  },
  'unknown-values-key': {
    severity: 'error',
    summary: 'A Helm values key that the chart never reads (Helm ignores it silently).',
  },
  'exporter-endpoint': {
    severity: 'error',
    summary: "An Alloy OTLP exporter's endpoint does not resolve to a Tempo Service (host and port) in the tree.",
  },
  'unexposed-port': {
    severity: 'error',
    summary: "An Alloy OTLP receiver listens on a port that the chart's alloy.extraPorts does not expose.",
  },
  'unfed-metrics': {
    severity: 'warning',
    summary: 'serviceMap or tracesToMetrics point at a Prometheus that nothing in the tree feeds with span or service-graph metrics.',
  },
  'correlation-tags': {
    severity: 'error',
    summary: 'tracesToLogsV2 (or tracesToMetrics) tags must be {key, value} objects, not strings.',
  },
  'unescaped-dollar': {
    severity: 'error',
    summary: 'A Grafana provisioning file has an unescaped ${...}: Grafana expands it as an environment variable.',
  },
  'generator-no-processors': {
    severity: 'warning',
    summary: 'Tempo runs the metrics generator with no processor enabled, so it generates nothing.',
  },
  'sampling-before-metrics': {
    severity: 'warning',
    summary: "Alloy samples traces ahead of a Tempo that generates RED metrics: the metrics count only sampled spans.",
  },
  'output-conflict': {
    severity: 'error',
    summary: 'synth would overwrite a file that bramble does not own.',
  },
} as const satisfies Record<string, RuleInfo>;

/** A rule id known to bramble. */
export type RuleId = keyof typeof rules;
