import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alloyChart, chartModel, findUnknownKeys, modelPaths, tempoChart, versionBounds, admitsFrom, admitsBelow } from '../../../src/check/charts';
import type { Diagnostic } from '../../../src/check/diagnostic';
import { runChecks } from '../../../src/check/engine';
import { unknownValuesKeyRule } from '../../../src/check/rules/values-keys';
import { parseYaml } from '../../../src/check/source';
import { defaultTree } from '../../support/default-tree';

const lines = (...l: string[]) => l.join('\n') + '\n';

/** Runs the rule over files given as [path, text]. */
function check(...files: [string, string][]): Diagnostic[] {
  return runChecks(
    files.map(([path, text]) => parseYaml(path, text)),
    [unknownValuesKeyRule],
  );
}

/** The findings as `line:column path -> hint`, the message's leading key path only. */
const brief = (ds: readonly Diagnostic[]) => ds.map((d) => `${d.line}:${d.column} ${/^[^\s:]+/.exec(d.message)![0]} -> ${d.hint ?? ''}`);

/** A HelmRelease of `chart` at `version` (omitted: no version), with `values` lines indented under `spec.values`. */
function release(chart: string, version: string | undefined, ...values: string[]): string {
  return lines(
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    `  name: ${chart}`,
    '  namespace: monitoring',
    'spec:',
    '  interval: 10m',
    '  chart:',
    '    spec:',
    `      chart: ${chart}`,
    ...(version !== undefined ? [`      version: "${version}"`] : []),
    '      sourceRef: {kind: HelmRepository, name: grafana, namespace: flux-system}',
    '  values:',
    ...values.map((v) => `    ${v}`),
  );
}
// With a version, the first values line is line 14 of the file; without, line 13.

const PROCESSORS = 'processors are enabled at tempo.overrides.defaults.metrics_generator.processors (chart ≥ 1.19)';
const RETENTION = 'retention is tempo.retention (Tempo rejects unknown storage keys and crash-loops)';

describe('unknown-values-key: tempo', () => {
  it("flags the blog post's values at each wrong key, with the fix in the hint", () => {
    const text = release(
      'tempo',
      '>=1.10.0 <2.0.0',
      'tempo:', //                                  14
      '  storage:',
      '    trace:',
      '      backend: local',
      '      local:',
      '        path: /var/tempo/traces',
      '      retention: 72h', //                    20
      '  receivers:',
      '    otlp:',
      '      protocols:',
      '        grpc: {endpoint: "0.0.0.0:4317"}',
      '        http: {endpoint: "0.0.0.0:4318"}',
      'persistence:', //                            26
      '  enabled: true',
      '  storageClassName: local-path',
      '  size: 10Gi',
      'metricsGenerator:', //                       30
      '  enabled: true',
      '  remoteWriteUrl: "http://kube-prometheus-stack-prometheus.monitoring:9090/api/v1/write"',
      '  processors: [service-graphs, span-metrics]',
    );
    const found = check(['tempo/release.yaml', text]);
    assert.deepEqual(brief(found), [
      `20:11 tempo.storage.trace.retention -> ${RETENTION}`,
      '31:7 metricsGenerator.enabled -> the chart reads tempo.metricsGenerator (move this to tempo.metricsGenerator.enabled)',
      '32:7 metricsGenerator.remoteWriteUrl -> the chart reads tempo.metricsGenerator (move this to tempo.metricsGenerator.remoteWriteUrl)',
      `33:7 metricsGenerator.processors -> ${PROCESSORS}`,
    ]);
    for (const d of found) {
      assert.equal(d.ruleId, 'unknown-values-key');
      assert.equal(d.severity, 'error');
      assert.equal(d.file, 'tempo/release.yaml');
      assert.match(d.message, /\(HelmRelease monitoring\/tempo\)$/);
    }
    assert.match(found[0]!.message, /Tempo has no setting storage\.trace\.retention; the tempo chart copies tempo\.storage into Tempo's config verbatim/);
    assert.match(found[1]!.message, /not a value of the tempo chart: the chart never reads it, so Helm ignores it silently/);
  });

  it('flags retention under storage.trace.local, and processors under tempo.metricsGenerator', () => {
    const text = release(
      'tempo',
      '1.26.7',
      'tempo:',
      '  retention: 72h',
      '  storage: {trace: {backend: local, local: {path: /var/tempo/traces, retention: 72h}}}',
      '  metricsGenerator:',
      '    enabled: true',
      '    processors: [service-graphs]',
    );
    assert.deepEqual(brief(check(['r.yaml', text])), [
      `16:74 tempo.storage.trace.local.retention -> ${RETENTION}`,
      `19:9 tempo.metricsGenerator.processors -> ${PROCESSORS}`,
    ]);
  });

  it('accepts a clean, realistic tempo release', () => {
    const text = release(
      'tempo',
      '1.26.7',
      'replicas: 1',
      'fullnameOverride: tempo',
      'tempo:',
      '  repository: grafana/tempo',
      '  tag: "2.10.1"',
      '  pullSecrets: [regcred]',
      '  retention: 72h',
      '  resources: {requests: {cpu: 100m, memory: 512Mi}, limits: {memory: 2Gi}}',
      '  securityContext: {readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}',
      '  extraArgs: {log.level: debug}',
      '  extraEnv: [{name: GOMEMLIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory}}}]',
      '  storage:',
      '    trace:',
      '      backend: local',
      '      local: {path: /var/tempo/traces}',
      '      wal: {path: /var/tempo/wal}',
      '  receivers:',
      '    otlp:',
      '      protocols:',
      '        grpc: {endpoint: "0.0.0.0:4317"}',
      '        http: {endpoint: "0.0.0.0:4318"}',
      '  metricsGenerator:',
      '    enabled: true',
      '    remoteWriteUrl: "http://kube-prometheus-stack-prometheus.monitoring.svc:9090/api/v1/write"',
      '    storage: {path: /var/tempo/generator, remote_write: [{url: "http://prom:9090/api/v1/write", send_exemplars: true}]}',
      '    traces_storage: {path: /var/tempo/generator-traces}',
      '  overrides:',
      '    defaults:',
      '      metrics_generator:',
      '        processors: [service-graphs, span-metrics]',
      'persistence:',
      '  enabled: true',
      '  storageClassName: local-path',
      '  size: 10Gi',
      '  annotations: {backup.velero.io/backup-volumes: storage}',
      'serviceMonitor: {enabled: true, interval: 30s, scrapeTimeout: 10s, additionalLabels: {release: kube-prometheus-stack}}',
      'service: {type: ClusterIP, annotations: {a: b}}',
      'podAnnotations: {prometheus.io/scrape: "false"}',
      'nodeSelector: {kubernetes.io/os: linux}',
      'tolerations: [{key: dedicated, operator: Equal, value: observability, effect: NoSchedule}]',
      'affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}',
      'securityContext: {runAsUser: 10001, fsGroup: 10001}',
      'revisionHistoryLimit: 3',
    );
    assert.deepEqual(check(['r.yaml', text]), []);
  });

  it('accepts any Tempo setting inside the maps copied verbatim, and checks the modelled ones', () => {
    const text = release(
      'tempo',
      '2.2.4',
      'tempo:',
      '  streamOverHttpEnabled: true',
      '  receivers: {zipkin: {endpoint: "0.0.0.0:9411"}, otlp: {protocols: {grpc: {endpoint: "0.0.0.0:4317", max_recv_msg_size_mib: 16}}}}',
      '  overrides:',
      '    defaults:',
      '      ingestion: {rate_limit_bytes: 30000000, burst_size_bytes: 40000000}',
      '      metrics_generator: {processors: [local-blocks], max_active_series: 100000}',
      '  per_tenant_overrides: {tenant-a: {ingestion: {max_traces_per_user: 1000}}}',
      '  metricsGenerator:',
      '    processor: {service_graphs: {dimensions: [k8s.namespace.name]}, span_metrics: {enable_target_info: true}}',
      '    registry: {collection_interval: 15s, external_labels: {cluster: primary}}',
      '  server: {http_listen_port: 3200, grpc_listen_port: 9095, log_level: info}',
      '  ingester: {max_block_duration: 30m}',
      '  querier: {max_concurrent_queries: 20}',
      '  queryFrontend: {search: {concurrent_jobs: 2000}}',
      '  storage:',
      '    trace:',
      '      backend: s3',
      '      s3: {bucket: traces, endpoint: minio:9000, insecure: true}',
      '      wal: {path: /var/tempo/wal, v2_encoding: snappy}',
      '      block: {version: vParquet4}',
      '      pool: {max_workers: 400}',
      '      blocklist_poll: 5m',
      '      backnd: s3', //                              37
    );
    const found = check(['r.yaml', text]);
    assert.deepEqual(brief(found), ['37:11 tempo.storage.trace.backnd -> did you mean tempo.storage.trace.backend?']);
    assert.match(found[0]!.message, /^tempo\.storage\.trace\.backnd: Tempo has no setting storage\.trace\.backnd; .* exits on an unknown setting, so the pod crash-loops/);
  });

  it('suggests the closest sibling key for a typo', () => {
    const text = release('tempo', '1.26.7', 'persistance: {enabled: true}', 'tempo:', '  metricsGenerator: {enabeld: true, remoteWriteURL: "http://x"}');
    assert.deepEqual(brief(check(['r.yaml', text])), [
      '14:5 persistance -> did you mean persistence?',
      '16:26 tempo.metricsGenerator.enabeld -> did you mean tempo.metricsGenerator.enabled?',
      '16:41 tempo.metricsGenerator.remoteWriteURL -> did you mean tempo.metricsGenerator.remoteWriteUrl?',
    ]);
  });

  it('points top-level keys that belong under tempo: to their place', () => {
    const text = release('tempo', undefined, 'retention: 72h', 'storage: {trace: {backend: local}}', 'global_overrides: {}');
    assert.deepEqual(brief(check(['r.yaml', text])), [
      '13:5 retention -> the chart reads tempo.retention',
      '14:15 storage.trace -> the chart reads tempo.storage (move this to tempo.storage.trace)',
      '15:5 global_overrides -> chart 1.19.0 renamed tempo.global_overrides to tempo.overrides (the old tempo.overrides is now tempo.per_tenant_overrides)',
    ]);
  });

  it('names the 1.19 rename of tempo.global_overrides', () => {
    const text = release('tempo', '1.26.7', 'tempo:', '  global_overrides: {metrics_generator_processors: [service-graphs]}');
    assert.deepEqual(brief(check(['r.yaml', text])), [
      '15:7 tempo.global_overrides -> chart 1.19.0 renamed tempo.global_overrides to tempo.overrides (the old tempo.overrides is now tempo.per_tenant_overrides)',
    ]);
  });

  it('flags a key that only later chart versions read, when the version cannot reach them', () => {
    const values = ['tempo: {streamOverHttpEnabled: true}', 'initContainers: []', 'global: {imageRegistry: mirror.local}'];
    const at = (version: string | undefined) => brief(check(['r.yaml', release('tempo', version, ...values)])).map((s) => s.split(' ->')[0]);
    assert.deepEqual(at('1.26.7'), ['14:13 tempo.streamOverHttpEnabled', '15:5 initContainers']);
    assert.deepEqual(at('>=1.10.0 <2.0.0'), ['14:13 tempo.streamOverHttpEnabled', '15:5 initContainers']);
    assert.deepEqual(at('1.24.4'), ['14:13 tempo.streamOverHttpEnabled', '15:5 initContainers', '16:14 global.imageRegistry']);
    assert.deepEqual(at('2.x'), []);
    assert.deepEqual(at('2.1.0'), ['14:13 tempo.streamOverHttpEnabled']);
    assert.deepEqual(at(undefined).length, 0);
    const d = check(['r.yaml', release('tempo', '1.26.7', ...values)])[0]!;
    assert.match(d.message, /^tempo\.streamOverHttpEnabled is read by the tempo chart only from 2\.2\.0 on, and this release's version \(1\.26\.7\) stays below it/);
    assert.equal(d.hint, 'upgrade the chart to 2.2.0 or later, or remove tempo.streamOverHttpEnabled');
  });

  it('leaves releases alone whose version the model does not describe', () => {
    for (const version of ['1.18.3', '<1.23.0', '3.0.0', '>=3.1.0']) {
      assert.deepEqual(check(['r.yaml', release('tempo', version, 'persistance: {}')]), [], version);
    }
  });

  it('expands merge keys and reports a merged key where it is written', () => {
    const text = lines(
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata:',
      '  name: tempo',
      '  labels: &common {team: observability}',
      'spec:',
      '  chart: {spec: {chart: tempo, sourceRef: {kind: HelmRepository, name: g}}}',
      '  values:',
      '    podLabels: *common',
      '    serviceAccount:',
      '      <<: {create: true, nmae: tempo}',
      '      name: tempo',
    );
    assert.deepEqual(brief(check(['r.yaml', text])), ['11:26 serviceAccount.nmae -> did you mean serviceAccount.name?']);
  });

  it('is silenced by bramble:ignore', () => {
    const text = release('tempo', '1.26.7', 'persistance: {} # bramble:ignore unknown-values-key');
    assert.deepEqual(check(['r.yaml', text]), []);
  });
});

describe('unknown-values-key: alloy', () => {
  it('accepts a clean, realistic alloy release', () => {
    const text = release(
      'alloy',
      '1.11.1',
      'controller: {type: deployment, replicas: 1, podAnnotations: {a: b}, tolerations: []}',
      'alloy:',
      '  configMap:',
      '    create: true',
      '    content: |',
      '      otelcol.receiver.otlp "default" {',
      '        grpc { endpoint = "0.0.0.0:4317" }',
      '      }',
      '  extraPorts:',
      '    - {name: otlp-grpc, port: 4317, targetPort: 4317, protocol: TCP}',
      '    - {name: faro, port: 12347, targetPort: 12347, protocol: TCP, appProtocol: h2c, nodePort: 31129, hostPort: 12347}',
      '  extraEnv: [{name: GOMEMLIMIT, value: 400MiB}]',
      '  resources: {requests: {cpu: 50m}}',
      '  mounts: {varlog: true, extra: [{name: x, mountPath: /x}]}',
      'service: {type: ClusterIP, internalTrafficPolicy: Local}',
      'serviceMonitor: {enabled: true, relabelings: [{action: keep}]}',
      'ingress: {enabled: false, ingressClassName: nginx}',
      'crds: {create: false}',
    );
    assert.deepEqual(check(['alloy.yaml', text]), []);
  });

  it('flags extraPort, unknown extraPorts fields and top-level alloy keys', () => {
    const text = release(
      'alloy',
      '1.11.1',
      'alloy:',
      '  extraPort: []',
      '  extraPorts:',
      '    - name: otlp-grpc',
      '      containerPort: 4317',
      '      nam: x',
      'configMap: {content: ""}',
      'listenPort: 12345',
    );
    assert.deepEqual(brief(check(['a.yaml', text])), [
      '15:7 alloy.extraPort -> the chart reads alloy.extraPorts (a list of {name, port, targetPort, protocol})',
      '18:11 alloy.extraPorts[0].containerPort -> the chart uses targetPort as the container port (and the Service targetPort); set port and targetPort',
      '19:11 alloy.extraPorts[0].nam -> did you mean alloy.extraPorts[0].name?',
      '20:17 configMap.content -> the chart reads alloy.configMap (move this to alloy.configMap.content)',
      '21:5 listenPort -> the chart reads alloy.listenPort',
    ]);
  });

  it('reads the legacy agent: key like alloy: and checks it the same way', () => {
    const text = release('alloy', '1.11.1', 'agent:', '  configMap: {content: ""}', '  listenPrt: 12345');
    assert.deepEqual(brief(check(['a.yaml', text])), ['16:7 agent.listenPrt -> did you mean agent.listenPort?']);
  });
});

describe('unknown-values-key: where the values and the chart come from', () => {
  const tempoRelease = (extra: string[]) =>
    lines(
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata: {name: tempo, namespace: monitoring}',
      'spec:',
      '  chart: {spec: {chart: tempo, version: "1.26.7", sourceRef: {kind: HelmRepository, name: g}}}',
      ...extra,
    );

  it('checks valuesFrom ConfigMaps and Secrets, with positions in their own file', () => {
    const rel = tempoRelease([
      '  valuesFrom:',
      '    - kind: ConfigMap',
      '      name: tempo-values',
      '    - {kind: Secret, name: tempo-secret, valuesKey: extra.yaml}',
      '    - {kind: ConfigMap, name: tempo-values, valuesKey: retention, targetPath: tempo.retention}',
    ]);
    const values = lines(
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: tempo-values, namespace: monitoring}',
      'data:',
      '  retention: 72h',
      '  values.yaml: |',
      '    tempo:',
      '      storage:',
      '        trace:',
      '          retention: 72h', //        10
      '    metricsGenerator:',
      '      enabled: true', //             12
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: {name: tempo-secret, namespace: monitoring}',
      'stringData:',
      '  extra.yaml: |',
      '    persistance: {enabled: true}', // 19
    );
    const found = check(['tempo/release.yaml', rel], ['tempo/values.yaml', values]);
    assert.deepEqual(brief(found), [
      `10:11 tempo.storage.trace.retention -> ${RETENTION}`,
      '12:7 metricsGenerator.enabled -> the chart reads tempo.metricsGenerator (move this to tempo.metricsGenerator.enabled)',
      '19:5 persistance -> did you mean persistence?',
    ]);
    assert.ok(found.every((d) => d.file === 'tempo/values.yaml'));
    assert.match(found[1]!.message, /\(ConfigMap tempo-values values\.yaml, values of HelmRelease monitoring\/tempo\)$/);
    assert.match(found[2]!.message, /\(Secret tempo-secret extra\.yaml, values of HelmRelease monitoring\/tempo\)$/);
  });

  it('ignores a ConfigMap that no tempo or alloy release names, or that lives in another namespace', () => {
    const cm = (meta: string) => lines('apiVersion: v1', 'kind: ConfigMap', `metadata: ${meta}`, 'data:', '  values.yaml: |', '    persistance: {}');
    const rel = tempoRelease(['  valuesFrom: [{kind: ConfigMap, name: tempo-values}]']);
    assert.deepEqual(check(['r.yaml', rel], ['cm.yaml', cm('{name: other, namespace: monitoring}')]), []);
    assert.deepEqual(check(['r.yaml', rel], ['cm.yaml', cm('{name: tempo-values, namespace: default}')]), []);
    // Without a namespace the ConfigMap gets one from its kustomization: it may be the release's.
    assert.deepEqual(brief(check(['r.yaml', rel], ['cm.yaml', cm('{name: tempo-values}')])), ['6:5 persistance -> did you mean persistence?']);
  });

  it('recognises the chart of a chartRef to an OCIRepository in the tree, with its tag or semver', () => {
    const oci = (ref: string) =>
      lines(
        'apiVersion: source.toolkit.fluxcd.io/v1',
        'kind: OCIRepository',
        'metadata: {name: tempo-chart, namespace: flux-system}',
        'spec:',
        '  interval: 1h',
        '  url: oci://ghcr.io/grafana-community/helm-charts/tempo',
        `  ref: ${ref}`,
      );
    const rel = lines(
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata: {name: traces, namespace: monitoring}',
      'spec:',
      '  chartRef: {kind: OCIRepository, name: tempo-chart, namespace: flux-system}',
      '  values:',
      '    tempo: {streamOverHttpEnabled: true}',
      '    metricsGenerator: {enabled: true}',
    );
    const found = check(['rel.yaml', rel], ['oci.yaml', oci('{tag: 1.26.7}')]);
    assert.deepEqual(brief(found).map((s) => s.split(' ->')[0]), ['7:13 tempo.streamOverHttpEnabled', '8:24 metricsGenerator.enabled']);
    assert.deepEqual(brief(check(['rel.yaml', rel], ['oci.yaml', oci('{semver: ">=2.2.0"}')])).map((s) => s.split(' ->')[0]), ['8:24 metricsGenerator.enabled']);
    assert.deepEqual(check(['rel.yaml', rel]), [], 'the OCIRepository is not in the tree');
    const other = oci('{tag: 1.0.0}').replace('helm-charts/tempo', 'charts/podinfo');
    assert.deepEqual(check(['rel.yaml', rel], ['oci.yaml', other]), []);
  });

  it('ignores HelmReleases of charts it has no model of', () => {
    const text = release('podinfo', '6.x', 'persistance: {}', 'metricsGenerator: {enabled: true}');
    assert.deepEqual(check(['p.yaml', text]), []);
    assert.deepEqual(check(['p.yaml', release('./charts/tempo', undefined, 'persistance: {}')]), []);
  });

  it('never throws on malformed releases and values', () => {
    const odd = [
      release('tempo', '1.26.7').replace('  values:\n', '  values: 3\n'),
      release('tempo', '1.26.7', '- a', '- b'),
      release('tempo', '1.26.7', '? [a, b]', ': 1', '"": 2', 'null: 3', 'tempo: [1, 2]', 'persistence: x'),
      lines('apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'metadata: {name: x}', 'spec: 3'),
      lines('apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'spec: {chartRef: {}, valuesFrom: [null, 3, {kind: ConfigMap}]}'),
      lines('apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'spec: {chart: {spec: {chart: tempo, version: "not a version"}}, values: {x: &a {y: 1}, z: *a}}'),
      lines('apiVersion: helm.toolkit.fluxcd.io/v2', 'kind: HelmRelease', 'spec: {chart: {spec: {chart: [tempo]}}, valuesFrom: 3}'),
      release('tempo', '1.26.7', 'tempo: {storage: {trace: [1]}, metricsGenerator: null}', 'constructor: 1', '__proto__: {a: 1}'),
    ];
    for (const text of odd) assert.doesNotThrow(() => check(['odd.yaml', text]));
    assert.deepEqual(
      brief(check(['odd.yaml', odd[2]!])).map((s) => s.split(' ->')[0]),
      ['16:5 ""', '17:5 null'],
    );
    assert.deepEqual(brief(check(['odd.yaml', odd[7]!])).map((s) => s.split(' ->')[0]), ['15:5 constructor', '16:5 __proto__']);
    assert.deepEqual(brief(check(['odd.yaml', odd[5]!])).map((s) => s.split(' ->')[0]), ['3:74 x', '3:88 z']);
  });

  it("finds nothing in bramble's own tempo and alloy releases", () => {
    const sources = defaultTree().files.map((f) => parseYaml(f.path, f.content));
    assert.ok(sources.some((s) => s.text.includes('chart: tempo')));
    assert.deepEqual(runChecks(sources, [unknownValuesKeyRule]), []);
  });
});

describe('values models', () => {
  it('has no hint for a key the model accepts (hints are for mistakes)', () => {
    for (const model of [tempoChart, alloyChart]) {
      const paths = new Set(modelPaths(model).map((p) => p.path));
      for (const hint of Object.keys(model.hints)) assert.ok(!paths.has(hint), `${model.chart}: ${hint}`);
      for (const key of Object.keys(model.unlisted)) assert.ok(paths.has(key), `${model.chart}: unlisted ${key} is not in the model`);
    }
  });

  it('knows tempo and alloy by chart name only', () => {
    assert.equal(chartModel('tempo'), tempoChart);
    assert.equal(chartModel('alloy'), alloyChart);
    assert.equal(chartModel('tempo-distributed'), undefined);
    assert.equal(chartModel('constructor'), undefined);
  });

  it('walks a bare values document', () => {
    const source = parseYaml('v.yaml', 'tempo:\n  storage:\n    trace:\n      retention: 1h\n');
    const doc = source.documents[0]!;
    assert.deepEqual(
      findUnknownKeys(tempoChart, doc, doc.contents).map((k) => [k.path, k.offset, k.setting]),
      [['tempo.storage.trace.retention', 35, { map: 'tempo.storage', path: 'storage.trace.retention' }]],
    );
  });
});

describe('version constraints', () => {
  const show = (c: string) => {
    const b = versionBounds(c);
    if (!b) return 'unparsed';
    const end = (x: { version: readonly number[]; inclusive: boolean } | undefined, open: string, closed: string) =>
      x ? `${x.inclusive ? closed : open}${x.version.join('.')}` : '-';
    return `${end(b.lower, '>', '>=')} ${end(b.upper, '<', '<=')}`;
  };
  it('computes the bounds Flux (Masterminds semver) admits', () => {
    assert.equal(show('1.26.7'), '>=1.26.7 <=1.26.7');
    assert.equal(show('v1.26.7'), '>=1.26.7 <=1.26.7');
    assert.equal(show('>=1.10.0 <2.0.0'), '>=1.10.0 <2.0.0');
    assert.equal(show('>= 1.10.0, < 2.0.0'), '>=1.10.0 <2.0.0');
    assert.equal(show('1.x'), '>=1.0.0 <2.0.0');
    assert.equal(show('1.26.*'), '>=1.26.0 <1.27.0');
    assert.equal(show('~1.26'), '>=1.26.0 <1.27.0');
    assert.equal(show('~1.26.3'), '>=1.26.3 <1.27.0');
    assert.equal(show('^1.2.3'), '>=1.2.3 <2.0.0');
    assert.equal(show('^0.3.1'), '>=0.3.1 <0.4.0');
    assert.equal(show('1.2 - 1.4.5'), '>=1.2.0 <=1.4.5');
    assert.equal(show('<=1.26'), '- <1.27.0');
    assert.equal(show('*'), '- -');
    assert.equal(show(''), '- -');
    assert.equal(show('>1.0.0 <1.5.0 || 2.x'), '>1.0.0 <3.0.0');
    assert.equal(show('1.x || >=2.1.0'), '>=1.0.0 -');
    assert.equal(show('!=1.2.3'), '- -');
    assert.equal(show('latest'), 'unparsed');
  });
  it('answers whether a constraint can reach a version', () => {
    assert.equal(admitsFrom(versionBounds('1.26.7'), '2.2.0'), false);
    assert.equal(admitsFrom(versionBounds('<2.2.0'), '2.2.0'), false);
    assert.equal(admitsFrom(versionBounds('<=2.2.0'), '2.2.0'), true);
    assert.equal(admitsFrom(undefined, '2.2.0'), true);
    assert.equal(admitsBelow(versionBounds('>=3.0.0'), '3.0.0'), false);
    assert.equal(admitsBelow(versionBounds('>2.9.9'), '3.0.0'), true);
  });
});
