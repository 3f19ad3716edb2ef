import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../../src/check/diagnostic';
import { runChecks, type Rule } from '../../../src/check/engine';
import { loadTree } from '../../../src/check/load';
import {
  correlationTagsRule,
  exporterEndpointRule,
  generatorNoProcessorsRule,
  remoteWriteReceiverRule,
  samplingBeforeMetricsRule,
  unescapedDollarRule,
  unescapedReferences,
  unexposedPortRule,
  unfedMetricsRule,
  unknownDatasourceUidRule,
  wiringRules,
} from '../../../src/check/rules/wiring';
import { parseYaml } from '../../../src/check/source';
import { repoRoot } from '../../support/paths';

const run = (files: Record<string, string>, rules: readonly Rule[] = wiringRules): Diagnostic[] =>
  runChecks(
    Object.entries(files).map(([p, t]) => parseYaml(p, t)),
    rules,
  );
/** `file:line:col severity rule-id` of each finding. */
const check = (files: Record<string, string>, rules: readonly Rule[] = wiringRules): string[] =>
  run(files, rules).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);

/** Indents every line of `text` by `n` spaces. */
const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

/** A HelmRelease (values start on line 10, at column 5). */
function helmRelease(o: { name: string; namespace?: string; chart: string; version?: string; releaseName?: string; values: string }): string {
  return [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata:',
    `  name: ${o.name}`,
    `  namespace: ${o.namespace ?? 'monitoring'}`,
    'spec:',
    `  releaseName: ${o.releaseName ?? o.name}`,
    `  chart: {spec: {chart: ${o.chart}, ${o.version ? `version: ${o.version}, ` : ''}sourceRef: {kind: HelmRepository, name: grafana, namespace: flux-system}}}`,
    '  values:',
    indent(o.values, 4),
  ].join('\n');
}

const tempo = (o: { name?: string; namespace?: string; version?: string; values?: string } = {}) =>
  helmRelease({ name: o.name ?? 'tempo', chart: 'tempo', values: o.values ?? 'tempo: {retention: 72h}', ...(o.namespace ? { namespace: o.namespace } : {}), ...(o.version ? { version: o.version } : {}) });

/** An alloy HelmRelease; the Alloy config's first line is file line 13, indented by 10 spaces. */
function alloy(config: string, extraPorts = '[{name: otlp-grpc, port: 4317, targetPort: 4317}, {name: otlp-http, port: 4318, targetPort: 4318}]', namespace?: string): string {
  return helmRelease({
    name: 'alloy',
    chart: 'alloy',
    ...(namespace ? { namespace } : {}),
    values: ['alloy:', '  configMap:', '    content: |', indent(config, 6), `  extraPorts: ${extraPorts}`].join('\n'),
  });
}

const exporterTo = (endpoint: string) =>
  [
    'otelcol.receiver.otlp "default" {',
    '\tgrpc { }',
    '\toutput { traces = [otelcol.exporter.otlp.tempo.input] }',
    '}',
    'otelcol.exporter.otlp "tempo" {',
    '\tclient {',
    `\t\tendpoint = ${endpoint}`,
    '\t\ttls { insecure = true }',
    '\t}',
    '}',
  ].join('\n');

describe('exporter-endpoint', () => {
  const rules = [exporterEndpointRule];

  it('accepts the Service a tempo release named tempo gets, in all the forms cluster DNS resolves', () => {
    for (const host of ['tempo.monitoring.svc.cluster.local', 'tempo.monitoring.svc', 'tempo.monitoring', 'tempo']) {
      assert.deepEqual(check({ 't.yaml': tempo(), 'a.yaml': alloy(exporterTo(`"${host}:4317"`)) }, rules), [], host);
    }
  });

  it('reports an endpoint that is no Tempo Service, at the string inside the YAML block', () => {
    const found = run({ 't.yaml': tempo(), 'a.yaml': alloy(exporterTo('"tempo-distributor.monitoring.svc.cluster.local:4317"')) }, rules);
    assert.deepEqual(
      found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`),
      // Line 13 + 6 (the endpoint is the config's 7th line); 10 spaces of YAML indent, 2 tabs, `endpoint = `.
      ['a.yaml:19:24 error exporter-endpoint'],
    );
    assert.match(found[0]!.message, /^otelcol\.exporter\.otlp "tempo" sends to "tempo-distributor\.monitoring\.svc\.cluster\.local:4317", which is no Tempo Service/);
    assert.match(found[0]!.hint!, /use endpoint = "tempo\.monitoring\.svc\.cluster\.local:4317"/);
  });

  it('names the Service after the chart fullname: release tracing → tracing-tempo', () => {
    const files = (host: string) => ({ 't.yaml': tempo({ name: 'tracing' }), 'a.yaml': alloy(exporterTo(`"${host}:4317"`)) });
    assert.deepEqual(check(files('tracing-tempo.monitoring.svc.cluster.local'), rules), []);
    const found = run(files('tempo.monitoring.svc.cluster.local'), rules);
    assert.deepEqual(found.map((d) => `${d.line}:${d.column} ${d.ruleId}`), ['19:24 exporter-endpoint']);
    assert.match(found[0]!.hint!, /the tempo release "tracing" creates Service "tracing-tempo" in monitoring: use endpoint = "tracing-tempo\.monitoring\.svc\.cluster\.local:4317"/);
  });

  it("reports Tempo's OTLP/HTTP port on the gRPC exporter, and follows a moved gRPC port", () => {
    const found = run({ 't.yaml': tempo(), 'a.yaml': alloy(exporterTo('"tempo.monitoring.svc:4318"')) }, rules);
    assert.deepEqual(found.map((d) => `${d.line}:${d.column} ${d.severity}`), ['19:24 error']);
    assert.match(found[0]!.message, /OTLP\/HTTP port/);
    const moved = tempo({ values: 'tempo:\n  receivers: {otlp: {protocols: {grpc: {endpoint: "0.0.0.0:14317"}}}}' });
    assert.deepEqual(check({ 't.yaml': moved, 'a.yaml': alloy(exporterTo('"tempo.monitoring.svc:14317"')) }, rules), []);
    assert.equal(check({ 't.yaml': moved, 'a.yaml': alloy(exporterTo('"tempo.monitoring.svc:4317"')) }, rules).length, 1);
  });

  it('resolves a bare name in the namespace of the Alloy release', () => {
    assert.equal(check({ 't.yaml': tempo(), 'a.yaml': alloy(exporterTo('"tempo:4317"'), undefined, 'alloy') }, rules).length, 1);
    assert.deepEqual(check({ 't.yaml': tempo(), 'a.yaml': alloy(exporterTo('"tempo.monitoring:4317"'), undefined, 'alloy') }, rules), []);
  });

  it('leaves external hosts, non-literal endpoints, other Services of the tree and trees without Tempo alone', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: otel-gateway, namespace: monitoring}\nspec: {ports: [{port: 4317}]}\n';
    for (const endpoint of ['"otel.example.com:4317"', '"10.0.0.7:4317"', 'sys.env("TEMPO_ENDPOINT")', '"otel-gateway.monitoring.svc:4317"']) {
      assert.deepEqual(check({ 't.yaml': tempo(), 's.yaml': svc, 'a.yaml': alloy(exporterTo(endpoint)) }, rules), [], endpoint);
    }
    assert.deepEqual(check({ 'a.yaml': alloy(exporterTo('"tempo-distributor:4317"')) }, rules), []);
  });

  it('skips a config holding {{ (Helm tpl) and counts columns in characters after non-ASCII text', () => {
    assert.deepEqual(check({ 't.yaml': tempo(), 'a.yaml': alloy(exporterTo('"nope:4317" // {{ .Values.x }}')) }, rules), []);
    const config = 'otelcol.exporter.otlp "tempo" {\n\tclient { /* né */ endpoint = "nope:4317" }\n}';
    // Alloy puts the string at byte column 32; in characters (é is 2 bytes) that is 31, after 10 of YAML indent.
    assert.deepEqual(check({ 't.yaml': tempo(), 'a.yaml': alloy(config) }, rules), ['a.yaml:14:41 error exporter-endpoint']);
  });

  it('reads the chart name of a chartRef OCIRepository and the config of the legacy agent: key', () => {
    const oci = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata: {name: tempo-chart, namespace: monitoring}\nspec: {url: oci://ghcr.io/grafana-community/helm-charts/tempo, interval: 1h}\n';
    const hr = [
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata: {name: traces, namespace: monitoring}',
      'spec:',
      '  interval: 10m',
      '  chartRef: {kind: OCIRepository, name: tempo-chart}',
    ].join('\n');
    const agent = helmRelease({ name: 'alloy', chart: 'alloy', values: `agent:\n  configMap:\n    content: |\n${indent(exporterTo('"tempo:4317"'), 6)}\n  extraPorts: []` });
    // Release traces → Service traces-tempo, so "tempo" does not resolve.
    assert.deepEqual(check({ 'o.yaml': oci, 't.yaml': hr, 'a.yaml': agent }, rules), ['a.yaml:19:24 error exporter-endpoint']);
  });
});

describe('unexposed-port', () => {
  const rules = [unexposedPortRule];
  const receiver = ['otelcol.receiver.otlp "default" {', '\tgrpc {', '\t\tendpoint = "0.0.0.0:4317"', '\t}', '\thttp { }', '\toutput { }', '}'].join('\n');

  it('reports a receiver port that alloy.extraPorts does not expose, at its block', () => {
    const found = run({ 'a.yaml': alloy(receiver, '[{name: otlp-http, port: 4318, targetPort: 4318}]') }, rules);
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['a.yaml:14:12 error unexposed-port']);
    assert.match(found[0]!.message, /listens for OTLP\/gRPC on port 4317, but alloy\.extraPorts of HelmRelease alloy has no targetPort 4317/);
    assert.match(found[0]!.hint!, /add to alloy\.extraPorts: \{name: otlp-grpc, port: 4317, targetPort: 4317, protocol: TCP\}/);
  });

  it('uses the default port of a server block without endpoint, and asks for targetPort when only port is set', () => {
    const found = run({ 'a.yaml': alloy(receiver, '[{name: otlp-grpc, port: 4317, targetPort: 4317}, {name: otlp-http, port: 4318}]') }, rules);
    assert.deepEqual(found.map((d) => `${d.line}:${d.column}`), ['17:12']);
    assert.match(found[0]!.message, /OTLP\/HTTP on port 4318/);
    assert.match(found[0]!.hint!, /a targetPort: 4318/);
  });

  it('accepts exposed ports, loopback listeners and an unset extraPorts filled by a missing valuesFrom', () => {
    assert.deepEqual(check({ 'a.yaml': alloy(receiver) }, rules), []);
    const local = receiver.replace('0.0.0.0:4317', '127.0.0.1:4317');
    assert.deepEqual(check({ 'a.yaml': alloy(local, '[{name: otlp-http, port: 4318, targetPort: 4318}]') }, rules), []);
    const hr = alloy(receiver, '[]').replace('  values:', '  valuesFrom: [{kind: ConfigMap, name: alloy-values}]\n  values:').replace('  extraPorts: []', '');
    assert.deepEqual(check({ 'a.yaml': hr }, rules), []);
  });
});

/** A sidecar ConfigMap holding a provisioning file (its first line is file line 7, at column 5; jsonData keys start on 13, at 11). */
const provisioning = (body: string, name = 'datasources') =>
  ['apiVersion: v1', 'kind: ConfigMap', `metadata: {name: ${name}, namespace: monitoring, labels: {grafana_datasource: "1"}}`, 'data:', '  datasource.yaml: |', indent(`apiVersion: 1\ndatasources:\n${body}`, 4)].join('\n');
const tempoDatasource = (jsonData: string) => `  - name: Tempo\n    type: tempo\n    uid: tempo\n    url: http://tempo.monitoring.svc:3200\n    jsonData:\n${indent(jsonData, 6)}`;
const lokiDatasource = '  - {name: Loki, type: loki, uid: loki, url: http://loki-gateway.monitoring.svc}';
const kps = (values = 'prometheus: {prometheusSpec: {enableRemoteWriteReceiver: true}}') => helmRelease({ name: 'kube-prometheus-stack', chart: 'kube-prometheus-stack', values });

describe('unknown-datasource-uid', () => {
  const rules = [unknownDatasourceUidRule];

  it('reports a uid that no provisioned datasource of the needed type has, at the uid', () => {
    const found = run({ 'ds.yaml': provisioning(`${tempoDatasource('tracesToLogsV2: {datasourceUid: lokii}')}\n${lokiDatasource}`) }, rules);
    // The provisioning file starts on line 7 (datasources: on 8), so jsonData's first key is on 13.
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['ds.yaml:13:43 error unknown-datasource-uid']);
    assert.match(found[0]!.message, /names datasource uid "lokii", which no datasource in the tree has/);
    assert.match(found[0]!.hint!, /: loki$/);
  });

  it("accepts provisioned uids, GrafanaDatasource objects and kube-prometheus-stack's prometheus", () => {
    const json = 'tracesToLogsV2: {datasourceUid: loki}\nserviceMap: {datasourceUid: prometheus}\ntracesToMetrics: {datasourceUid: prometheus}';
    assert.deepEqual(check({ 'ds.yaml': provisioning(`${tempoDatasource(json)}\n${lokiDatasource}`), 'kps.yaml': kps() }, rules), []);
    const cr = (name: string, ds: string) => `apiVersion: grafana.integreatly.org/v1beta1\nkind: GrafanaDatasource\nmetadata: {name: ${name}, namespace: monitoring}\nspec:\n  instanceSelector: {matchLabels: {dashboards: grafana}}\n  datasource: ${ds}\n`;
    const files = {
      'loki.yaml': cr('loki', '{name: Loki, type: loki, uid: loki, access: proxy, url: http://loki:3100}'),
      'tempo.yaml': cr('tempo', '{name: Tempo, type: tempo, uid: tempo, access: proxy, url: http://tempo:3200, jsonData: {tracesToLogsV2: {datasourceUid: loki}}}'),
    };
    assert.deepEqual(check(files, rules), []);
    assert.deepEqual(check({ ...files, 'tempo.yaml': files['tempo.yaml'].replace('datasourceUid: loki', 'datasourceUid: logs') }, rules), ['tempo.yaml:6:136 error unknown-datasource-uid']);
  });

  it('reports a uid of the wrong type', () => {
    const found = run({ 'ds.yaml': provisioning(`${tempoDatasource('serviceMap: {datasourceUid: loki}')}\n${lokiDatasource}`) }, rules);
    assert.deepEqual(found.map((d) => `${d.line}:${d.column} ${d.severity}`), ['13:39 error']);
    assert.match(found[0]!.message, /which is of type loki/);
  });

  it('warns when the tree provisions no datasource of that type but has Grafana, and is silent without Grafana', () => {
    const ds = provisioning(tempoDatasource('serviceMap: {datasourceUid: prometheus}'));
    assert.deepEqual(check({ 'ds.yaml': ds, 'g.yaml': helmRelease({ name: 'grafana', chart: 'grafana', values: 'sidecar: {datasources: {enabled: true}}' }) }, rules), [
      'ds.yaml:13:39 warning unknown-datasource-uid',
    ]);
    assert.deepEqual(check({ 'ds.yaml': ds }, rules), []);
    // kube-prometheus-stack brings Grafana and a prometheus datasource: a typo is then an error.
    assert.deepEqual(check({ 'ds.yaml': ds.replace('datasourceUid: prometheus', 'datasourceUid: prom'), 'kps.yaml': kps() }, rules), ['ds.yaml:13:39 error unknown-datasource-uid']);
  });
});

describe('unfed-metrics', () => {
  const rules = [unfedMetricsRule];
  // A query entry without query text gets Grafana's default query over traces_spanmetrics_latency_bucket.
  const ds = provisioning(tempoDatasource('serviceMap: {datasourceUid: prometheus}\ntracesToMetrics: {datasourceUid: prometheus, queries: [{name: Latency}]}'));
  const generator = (processors: string) => tempo({ values: `tempo:\n  metricsGenerator: {enabled: true}\n  overrides: {defaults: {metrics_generator: {processors: ${processors}}}}` });

  it('warns at the uid when nothing in the tree produces the metrics the link reads', () => {
    const found = run({ 'ds.yaml': ds, 'kps.yaml': kps(), 't.yaml': generator('[span-metrics]') }, rules);
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['ds.yaml:13:39 warning unfed-metrics']);
    assert.match(found[0]!.message, /^the service map reads traces_service_graph_\* from datasource "prometheus", but nothing in the tree produces them/);
    assert.deepEqual(check({ 'ds.yaml': ds, 't.yaml': tempo() }, rules), ['ds.yaml:13:39 warning unfed-metrics', 'ds.yaml:14:44 warning unfed-metrics']);
  });

  it('accepts a Tempo generating them, an Alloy connector, and custom queries over other metrics', () => {
    assert.deepEqual(check({ 'ds.yaml': ds, 't.yaml': generator('[service-graphs, span-metrics]') }, rules), []);
    const connector = 'otelcol.connector.servicegraph "default" {\n\toutput { }\n}';
    assert.deepEqual(check({ 'ds.yaml': ds, 't.yaml': generator('[span-metrics]'), 'a.yaml': alloy(connector) }, rules), []);
    const custom = provisioning(tempoDatasource("tracesToMetrics:\n  datasourceUid: prometheus\n  queries: [{name: rps, query: 'sum(rate(http_requests_total{$$__tags}[5m]))'}]"));
    assert.deepEqual(check({ 'ds.yaml': custom, 't.yaml': tempo() }, rules), []);
    const noQueries = provisioning(tempoDatasource('tracesToMetrics: {datasourceUid: prometheus}'));
    assert.deepEqual(check({ 'ds.yaml': noQueries, 't.yaml': tempo() }, rules), []);
  });
});

describe('correlation-tags', () => {
  const rules = [correlationTagsRule];

  it('reports string tags at the item, and tags without key', () => {
    const found = run({ 'ds.yaml': provisioning(tempoDatasource("tracesToLogsV2:\n  datasourceUid: loki\n  tags: ['pod', {key: namespace}, {value: x}]")) }, rules);
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['ds.yaml:15:20 error correlation-tags', 'ds.yaml:15:45 error correlation-tags']);
    assert.match(found[0]!.message, /^tag "pod" in tracesToLogsV2\.tags is a plain string/);
    assert.match(found[0]!.hint!, /^write - key: pod/);
  });

  it('accepts {key, value} objects and the strings of the deprecated tracesToLogs', () => {
    const json = "tracesToLogsV2: {tags: [{key: k8s.pod.name, value: pod}]}\ntracesToMetrics: {tags: [{key: service.name}]}\ntracesToLogs: {tags: ['pod']}";
    assert.deepEqual(check({ 'ds.yaml': provisioning(tempoDatasource(json)) }, rules), []);
  });
});

describe('unescaped-dollar', () => {
  const rules = [unescapedDollarRule];

  it('reports ${__span.tags.method} written unescaped, at the value, with the escaped form in the hint', () => {
    const found = run({ 'ds.yaml': provisioning(tempoDatasource("tracesToLogsV2:\n  customQuery: true\n  query: 'method=\"${__span.tags.method}\"'")) }, rules);
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['ds.yaml:15:20 error unescaped-dollar']);
    assert.match(found[0]!.message, /^\$\{__span\.tags\.method\} is expanded by Grafana from its environment/);
    assert.match(found[0]!.hint!, /^write \$\$\{__span\.tags\.method\}/);
  });

  it('accepts $$, Grafana expanders and upper-case environment variables', () => {
    const json = "tracesToLogsV2:\n  query: 'method=\"$${__span.tags.method}\" trace=\"$${__trace.traceId}\"'\ntracesToMetrics:\n  queries: [{name: q, query: 'sum(rate(x{$$__tags}[5m]))'}]\nbasicAuthPassword: $__file{/etc/secrets/pw}\nbasicAuthUser: ${LOKI_USER}";
    assert.deepEqual(check({ 'ds.yaml': provisioning(tempoDatasource(json)) }, rules), []);
  });

  it('finds the references os.ExpandEnv would replace', () => {
    assert.deepEqual(unescapedReferences('{$__tags} $$__tags ${__trace.traceId} $1 $ $$ a$ ${HOME} $__env{X}'), ['$__tags', '${__trace.traceId}', '$1']);
  });
});

describe('generator-no-processors', () => {
  const rules = [generatorNoProcessorsRule];

  it('warns at metricsGenerator.enabled when no processor is set, and at an empty list', () => {
    const found = run({ 't.yaml': tempo({ values: 'tempo:\n  metricsGenerator:\n    enabled: true' }) }, rules);
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['t.yaml:12:18 warning generator-no-processors']);
    assert.match(found[0]!.hint!, /tempo\.overrides\.defaults\.metrics_generator\.processors: \[service-graphs, span-metrics\]/);
    const empty = tempo({ values: 'tempo:\n  metricsGenerator: {enabled: true}\n  overrides: {defaults: {metrics_generator: {processors: []}}}' });
    assert.deepEqual(check({ 't.yaml': empty }, rules), ['t.yaml:12:62 warning generator-no-processors']);
  });

  it('accepts processors, a disabled generator and a pinned chart below 1.19.0', () => {
    assert.deepEqual(check({ 't.yaml': tempo({ values: 'tempo:\n  metricsGenerator: {enabled: true}\n  overrides: {defaults: {metrics_generator: {processors: [span-metrics]}}}' }) }, rules), []);
    assert.deepEqual(check({ 't.yaml': tempo({ values: 'tempo:\n  metricsGenerator: {enabled: false}' }) }, rules), []);
    assert.deepEqual(check({ 't.yaml': tempo({ version: '1.18.3', values: 'tempo:\n  metricsGenerator: {enabled: true}' }) }, rules), []);
  });
});

describe('remote-write-receiver', () => {
  const rules = [remoteWriteReceiverRule];
  const writer = (url: string) => tempo({ values: `tempo:\n  metricsGenerator:\n    enabled: true\n    remoteWriteUrl: ${url}` });
  const url = 'http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090/api/v1/write';

  it('reports a URL that reaches a kube-prometheus-stack Prometheus without the receiver, at the URL', () => {
    const found = run({ 't.yaml': writer(url), 'kps.yaml': kps('prometheus: {prometheusSpec: {retention: 10d}}') }, rules);
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['t.yaml:13:25 error remote-write-receiver']);
    assert.match(found[0]!.hint!, /prometheus\.prometheusSpec\.enableRemoteWriteReceiver: true in HelmRelease kube-prometheus-stack/);
  });

  it('accepts an enabled receiver and says nothing about Prometheus servers outside the tree', () => {
    assert.deepEqual(check({ 't.yaml': writer(url), 'kps.yaml': kps() }, rules), []);
    assert.deepEqual(check({ 't.yaml': writer('http://prometheus-server.monitoring.svc:9090/api/v1/write'), 'kps.yaml': kps('{}') }, rules), []);
  });

  it('follows storage.remote_write and plain Prometheus objects', () => {
    const t = tempo({ values: 'tempo:\n  metricsGenerator:\n    enabled: true\n    storage:\n      remote_write:\n        - url: http://prometheus-operated.monitoring:9090/api/v1/write' });
    const prom = (spec: string) => `apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: main, namespace: monitoring}\nspec: ${spec}\n`;
    assert.deepEqual(check({ 't.yaml': t, 'p.yaml': prom('{replicas: 1}') }, rules), ['t.yaml:15:20 error remote-write-receiver']);
    assert.deepEqual(check({ 't.yaml': t, 'p.yaml': prom('{enableRemoteWriteReceiver: true}') }, rules), []);
  });
});

describe('sampling-before-metrics', () => {
  const rules = [samplingBeforeMetricsRule];
  const pipeline = (receiverTargets: string, extra = '') =>
    [
      'otelcol.receiver.otlp "default" {',
      '\tgrpc { }',
      `\toutput { traces = [${receiverTargets}] }`,
      '}',
      'otelcol.processor.probabilistic_sampler "default" {',
      '\tsampling_percentage = 10',
      '\toutput { traces = [otelcol.processor.batch.default.input] }',
      '}',
      'otelcol.processor.batch "default" {',
      '\toutput { traces = [otelcol.exporter.otlp.tempo.input] }',
      '}',
      'otelcol.exporter.otlp "tempo" {',
      '\tclient { endpoint = "tempo.monitoring.svc:4317" }',
      '}',
      extra,
    ].join('\n');
  const red = tempo({ values: 'tempo:\n  metricsGenerator: {enabled: true}\n  overrides: {defaults: {metrics_generator: {processors: [service-graphs, span-metrics]}}}' });

  it('warns at a sampler ahead of a Tempo that generates RED metrics', () => {
    const found = run({ 't.yaml': red, 'a.yaml': alloy(pipeline('otelcol.processor.probabilistic_sampler.default.input')) }, rules);
    assert.deepEqual(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`), ['a.yaml:17:11 warning sampling-before-metrics']);
    assert.match(found[0]!.message, /^otelcol\.processor\.probabilistic_sampler "default" samples traces on their way to Tempo "tempo" in monitoring/);
  });

  it('accepts a spanmetrics connector fed ahead of the sampler, and a Tempo without RED metrics', () => {
    const connector = 'otelcol.connector.spanmetrics "default" {\n\thistogram {\n\t\texplicit { }\n\t}\n\toutput { }\n}';
    const both = 'otelcol.processor.probabilistic_sampler.default.input, otelcol.connector.spanmetrics.default.input';
    assert.deepEqual(check({ 't.yaml': red, 'a.yaml': alloy(pipeline(both, connector)) }, rules), []);
    assert.deepEqual(check({ 't.yaml': tempo(), 'a.yaml': alloy(pipeline('otelcol.processor.probabilistic_sampler.default.input')) }, rules), []);
  });
});

describe('wiring rules on whole trees', () => {
  it('find nothing in the committed gitops tree', () => {
    const { sources } = loadTree(['gitops'], repoRoot);
    assert.ok(sources.length > 0);
    assert.deepEqual(runChecks(sources, wiringRules), []);
  });

  it('do not throw on odd shapes', () => {
    const files = {
      'a.yaml': helmRelease({ name: 'alloy', chart: 'alloy', values: 'alloy: {configMap: {content: 42}, extraPorts: {a: 1}}' }),
      'b.yaml': helmRelease({ name: 'alloy2', chart: 'alloy', values: 'alloy: {configMap: {content: "otelcol.receiver.otlp \\"x\\" {"}}' }),
      't.yaml': helmRelease({ name: 'tempo', chart: 'tempo', values: '[1, 2]' }),
      'k.yaml': kps('prometheus: [1]\ngrafana: {datasources: [1], additionalDataSources: {a: 1}}'),
      'ds.yaml': provisioning('  - 1\n  - {type: tempo, jsonData: {tracesToLogsV2: {tags: 5, datasourceUid: 7}, serviceMap: 1}}\n  - {type: tempo, jsonData: [1]}'),
      'x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  d.yaml: "apiVersion: 1\\ndatasources: 3"\n',
    };
    assert.doesNotThrow(() => run(files));
  });
});
