import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { flowGraph, sameFlow, type FlowGraph } from '../../src/graph';
import { defaultTree } from '../support/default-tree';
import { repoRoot } from '../support/paths';
import { committedTree, datasourceFile, editAlloyConfig, editYaml, edgeLines, nodeOf, readTree, tempoRelease, withFile } from './trees';

const alloy = 'Alloy (HelmRelease monitoring/alloy)';
const tempo = 'Tempo (HelmRelease monitoring/tempo)';
const c = (name: string) => `alloy_monitoring_alloy_${name}`;

/** Nodes as `id [kind system] label`, with `(external)` for what the tree does not define. */
const nodeLines = (g: FlowGraph) => g.nodes.map((n) => `${n.id} [${n.kind} ${n.system ?? '-'}] ${n.label}${n.external ? ' (external)' : ''}`);

const committed = flowGraph(committedTree());

describe('flowGraph of the default stack', () => {
  it('has exactly the expected nodes', () => {
    assert.deepEqual(nodeLines(committed), [
      'address_kube_prometheus_stack_prometheus_monitoring_svc_cluster_local_9090 [store outside the tree] kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090 (not in the tree) (external)',
      'address_loki_gateway_monitoring_svc_cluster_local_80 [store outside the tree] loki-gateway.monitoring.svc.cluster.local:80 (not in the tree) (external)',
      `${c('discovery_kubernetes_pods')} [component ${alloy}] discovery.kubernetes "pods"`,
      `${c('discovery_relabel_pods')} [component ${alloy}] discovery.relabel "pods"`,
      `${c('loki_source_kubernetes_pods')} [component ${alloy}] loki.source.kubernetes "pods"`,
      `${c('loki_write_default')} [component ${alloy}] loki.write "default"`,
      `${c('otelcol_exporter_otlp_tempo')} [component ${alloy}] otelcol.exporter.otlp "tempo"`,
      `${c('otelcol_processor_batch_default')} [component ${alloy}] otelcol.processor.batch "default"`,
      `${c('otelcol_processor_k8sattributes_default')} [component ${alloy}] otelcol.processor.k8sattributes "default"`,
      `${c('otelcol_receiver_otlp_default')} [component ${alloy}] otelcol.receiver.otlp "default"`,
      'apps [source -] instrumented apps',
      'datasource_uid_loki [datasource Grafana] datasource uid "loki" (not in the tree) (external)',
      'datasource_uid_prometheus [datasource Grafana] datasource uid "prometheus" (not in the tree) (external)',
      'datasource_uid_tempo [datasource Grafana] datasource "Tempo" (type tempo, uid tempo)',
      `tempo_monitoring_tempo [store ${tempo}] Tempo (Service tempo.monitoring)`,
      `tempo_monitoring_tempo_generator [component ${tempo}] metrics generator (service-graphs, span-metrics)`,
    ]);
  });

  it('has exactly the expected edges, sorted', () => {
    assert.deepEqual(edgeLines(committed), [
      `${c('discovery_kubernetes_pods')} -> ${c('discovery_relabel_pods')}: targets`,
      `${c('discovery_relabel_pods')} -> ${c('loki_source_kubernetes_pods')}: targets`,
      `${c('loki_source_kubernetes_pods')} -> ${c('loki_write_default')}: logs`,
      `${c('loki_write_default')} -> address_loki_gateway_monitoring_svc_cluster_local_80: logs`,
      `${c('otelcol_exporter_otlp_tempo')} -> tempo_monitoring_tempo: traces`,
      `${c('otelcol_processor_batch_default')} -> ${c('otelcol_exporter_otlp_tempo')}: traces`,
      `${c('otelcol_processor_k8sattributes_default')} -> ${c('otelcol_processor_batch_default')}: traces`,
      `${c('otelcol_receiver_otlp_default')} -> ${c('otelcol_processor_k8sattributes_default')}: traces`,
      `apps -> ${c('otelcol_receiver_otlp_default')}: traces (OTLP)`,
      'datasource_uid_tempo -> datasource_uid_loki: trace-to-logs (tracesToLogsV2)',
      'datasource_uid_tempo -> datasource_uid_prometheus: the service map, trace-to-metrics',
      'datasource_uid_tempo -> tempo_monitoring_tempo: queries traces',
      'tempo_monitoring_tempo -> tempo_monitoring_tempo_generator: spans',
      'tempo_monitoring_tempo_generator -> address_kube_prometheus_stack_prometheus_monitoring_svc_cluster_local_9090: service-graphs, span-metrics (remote write)',
    ]);
  });

  it('is the same graph from the stack synthesized in memory as from the committed files', () => {
    assert.ok(sameFlow(flowGraph(defaultTree().files), committed));
  });

  it('is deterministic: the same tree in another file order gives the same graph, ids included', () => {
    const files = committedTree();
    assert.deepEqual(flowGraph([...files].reverse()), committed);
    assert.deepEqual(flowGraph(files), flowGraph(files));
  });

  it('gives every node a safe id and every edge ends that are nodes', () => {
    const ids = new Set(committed.nodes.map((n) => n.id));
    assert.equal(ids.size, committed.nodes.length);
    for (const id of ids) assert.match(id, /^[A-Za-z][A-Za-z0-9_]*$/);
    for (const e of committed.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${e.from} -> ${e.to}`);
  });
});

describe('flowGraph follows the Alloy config', () => {
  it('puts an extra processor on the traces path, in place of the edge it splits', () => {
    const files = editAlloyConfig(committedTree(), (config) =>
      config
        .replace('traces = [otelcol.processor.batch.default.input]', 'traces = [otelcol.processor.memory_limiter.default.input]')
        .concat('\notelcol.processor.memory_limiter "default" {\n\tcheck_interval = "1s"\n\tlimit          = "512MiB"\n\n\toutput {\n\t\ttraces = [otelcol.processor.batch.default.input]\n\t}\n}\n'),
    );
    const g = flowGraph(files);
    assert.equal(nodeOf(g, c('otelcol_processor_memory_limiter_default')).label, 'otelcol.processor.memory_limiter "default"');
    const traces = edgeLines(g).filter((l) => l.startsWith(c('otelcol_processor')));
    assert.deepEqual(traces, [
      `${c('otelcol_processor_batch_default')} -> ${c('otelcol_exporter_otlp_tempo')}: traces`,
      `${c('otelcol_processor_k8sattributes_default')} -> ${c('otelcol_processor_memory_limiter_default')}: traces`,
      `${c('otelcol_processor_memory_limiter_default')} -> ${c('otelcol_processor_batch_default')}: traces`,
    ]);
    assert.equal(g.nodes.length, committed.nodes.length + 1);
    assert.equal(g.edges.length, committed.edges.length + 1);
  });

  it('shows an exporter whose host is no Service of the tree as an external node', () => {
    const files = editAlloyConfig(committedTree(), (config) => config.replace('tempo.monitoring.svc.cluster.local:4317', 'tempo-typo.monitoring.svc.cluster.local:4317'));
    const g = flowGraph(files);
    const target = nodeOf(g, 'address_tempo_typo_monitoring_svc_cluster_local_4317');
    assert.deepEqual(target, {
      id: 'address_tempo_typo_monitoring_svc_cluster_local_4317',
      label: 'tempo-typo.monitoring.svc.cluster.local:4317 (not in the tree)',
      kind: 'store',
      system: 'outside the tree',
      external: true,
    });
    const fromExporter = edgeLines(g).filter((l) => l.startsWith(c('otelcol_exporter_otlp_tempo')));
    assert.deepEqual(fromExporter, [`${c('otelcol_exporter_otlp_tempo')} -> address_tempo_typo_monitoring_svc_cluster_local_4317: traces`]);
    // Tempo stays, now fed by nothing.
    assert.ok(!g.edges.some((e) => e.to === 'tempo_monitoring_tempo' && e.from.startsWith('alloy_')));
    nodeOf(g, 'tempo_monitoring_tempo');
  });

  it('shows an endpoint only known at run time as an unknown node of its own', () => {
    const files = editAlloyConfig(committedTree(), (config) => config.replace('endpoint = "tempo.monitoring.svc.cluster.local:4317"', 'endpoint = sys.env("TEMPO_ENDPOINT")'));
    const g = flowGraph(files);
    const edge = g.edges.find((e) => e.from === c('otelcol_exporter_otlp_tempo'));
    assert.ok(edge);
    assert.deepEqual(nodeOf(g, edge.to), { id: edge.to, label: 'unknown address (set at run time)', kind: 'store', system: 'outside the tree', external: true });
  });

  it('resolves a short in-namespace host and an otlphttp URL to Tempo', () => {
    const files = editAlloyConfig(committedTree(), (config) =>
      config.replace('otelcol.exporter.otlp "tempo" {\n\tclient {\n\t\tendpoint = "tempo.monitoring.svc.cluster.local:4317"', 'otelcol.exporter.otlphttp "tempo" {\n\tclient {\n\t\tendpoint = "http://tempo:4318"').replace('otelcol.exporter.otlp.tempo.input', 'otelcol.exporter.otlphttp.tempo.input'),
    );
    const g = flowGraph(files);
    assert.ok(edgeLines(g).includes(`${c('otelcol_exporter_otlphttp_tempo')} -> tempo_monitoring_tempo: traces`));
  });

  it('labels each edge with the signals it carries, merging signals between the same components', () => {
    const files = editAlloyConfig(committedTree(), (config) =>
      config.replace('traces = [otelcol.processor.k8sattributes.default.input]', 'traces  = [otelcol.processor.k8sattributes.default.input]\n\t\tmetrics = [otelcol.processor.k8sattributes.default.input, otelcol.connector.spanmetrics.default.input]').concat(
        '\notelcol.connector.spanmetrics "default" {\n\thistogram {\n\t\texplicit { }\n\t}\n\n\toutput {\n\t\tmetrics = [otelcol.exporter.prometheus.default.input]\n\t}\n}\n',
        '\notelcol.exporter.prometheus "default" {\n\tforward_to = [prometheus.remote_write.default.receiver]\n}\n',
        '\nprometheus.remote_write "default" {\n\tendpoint {\n\t\turl = "http://mimir.example.com/api/v1/push"\n\t}\n}\n',
      ),
    );
    const lines = edgeLines(flowGraph(files));
    for (const expected of [
      `apps -> ${c('otelcol_receiver_otlp_default')}: metrics, traces (OTLP)`,
      `${c('otelcol_receiver_otlp_default')} -> ${c('otelcol_processor_k8sattributes_default')}: metrics, traces`,
      `${c('otelcol_receiver_otlp_default')} -> ${c('otelcol_connector_spanmetrics_default')}: metrics`,
      `${c('otelcol_connector_spanmetrics_default')} -> ${c('otelcol_exporter_prometheus_default')}: metrics`,
      `${c('otelcol_exporter_prometheus_default')} -> ${c('prometheus_remote_write_default')}: metrics`,
      `${c('prometheus_remote_write_default')} -> address_mimir_example_com_80: metrics`,
    ]) {
      assert.ok(lines.includes(expected), `missing ${expected} in\n${lines.join('\n')}`);
    }
  });

  it('shows an Alloy release whose config cannot be read as one unknown node', () => {
    const files = editAlloyConfig(committedTree(), (config) => config.replace('"0.0.0.0:4317"', '"{{ .Values.listen }}"'));
    const g = flowGraph(files);
    const nodes = g.nodes.filter((n) => n.system === alloy);
    assert.deepEqual(nodes, [{ id: 'alloy_monitoring_alloy_config', label: 'configuration unknown', kind: 'component', system: alloy, external: true }]);
    assert.ok(!g.nodes.some((n) => n.id === 'apps'));
  });
});

describe('flowGraph follows Tempo and Grafana', () => {
  it('draws no metrics generator and no remote write when the generator is off', () => {
    const files = editYaml(committedTree(), tempoRelease, (doc) => doc.deleteIn(['spec', 'values', 'tempo', 'metricsGenerator']));
    const g = flowGraph(files);
    assert.ok(!g.nodes.some((n) => n.id === 'tempo_monitoring_tempo_generator'));
    assert.ok(!g.nodes.some((n) => n.id.startsWith('address_kube_prometheus')));
    assert.ok(!g.edges.some((e) => e.from === 'tempo_monitoring_tempo'));
    // The correlations stay: the service map still reads Prometheus, which nothing feeds now.
    assert.ok(edgeLines(g).includes('datasource_uid_tempo -> datasource_uid_prometheus: the service map, trace-to-metrics'));
  });

  it('says when the generator runs with no processor', () => {
    const files = editYaml(committedTree(), tempoRelease, (doc) => doc.deleteIn(['spec', 'values', 'tempo', 'overrides']));
    const g = flowGraph(files);
    assert.equal(nodeOf(g, 'tempo_monitoring_tempo_generator').label, 'metrics generator (no processor)');
    assert.ok(edgeLines(g).includes('tempo_monitoring_tempo_generator -> address_kube_prometheus_stack_prometheus_monitoring_svc_cluster_local_9090: nothing (no processor enabled)'));
  });

  it('resolves Prometheus and its datasource when kube-prometheus-stack is in the tree', () => {
    const kps = [
      'apiVersion: helm.toolkit.fluxcd.io/v2',
      'kind: HelmRelease',
      'metadata: {name: kube-prometheus-stack, namespace: monitoring}',
      'spec:',
      '  interval: 10m',
      '  chart: {spec: {chart: kube-prometheus-stack, sourceRef: {kind: HelmRepository, name: prometheus-community}}}',
      '  values: {prometheus: {prometheusSpec: {enableRemoteWriteReceiver: true}}}',
    ].join('\n');
    const g = flowGraph(withFile(committedTree(), 'infrastructure/kps/release.yaml', kps));
    assert.deepEqual(nodeOf(g, 'prometheus_monitoring_HelmRelease_kube_prometheus_stack'), {
      id: 'prometheus_monitoring_HelmRelease_kube_prometheus_stack',
      label: 'Prometheus (HelmRelease kube-prometheus-stack)',
      kind: 'store',
      system: 'Prometheus',
      external: false,
    });
    const lines = edgeLines(g);
    assert.ok(lines.includes('tempo_monitoring_tempo_generator -> prometheus_monitoring_HelmRelease_kube_prometheus_stack: service-graphs, span-metrics (remote write)'));
    assert.equal(nodeOf(g, 'datasource_uid_prometheus').external, false);
    assert.match(nodeOf(g, 'datasource_uid_prometheus').label, /provisioned by kube-prometheus-stack/);
    assert.ok(!g.nodes.some((n) => n.id.startsWith('address_kube_prometheus')));
  });

  it('links a provisioned Loki datasource to the address its URL names', () => {
    const files = editYaml(committedTree(), datasourceFile, (doc) => {
      const text = doc.getIn(['data', 'tempo-datasource.yaml']) as string;
      doc.setIn(['data', 'tempo-datasource.yaml'], `${text}  - name: Loki\n    type: loki\n    uid: loki\n    url: http://loki-gateway.monitoring.svc.cluster.local\n`);
    });
    const g = flowGraph(files);
    assert.deepEqual(nodeOf(g, 'datasource_uid_loki'), { id: 'datasource_uid_loki', label: 'datasource "Loki" (type loki, uid loki)', kind: 'datasource', system: 'Grafana', external: false });
    // The same Loki the pod logs go to: one node for both.
    const lines = edgeLines(g);
    assert.ok(lines.includes('datasource_uid_loki -> address_loki_gateway_monitoring_svc_cluster_local_80: queries logs'));
    assert.ok(lines.includes(`${c('loki_write_default')} -> address_loki_gateway_monitoring_svc_cluster_local_80: logs`));
  });

  it('graphs a hand-written tree as Helm would deploy it: the blog post’s', () => {
    const g = flowGraph(readTree(join(repoRoot, 'test', 'fixtures', 'trees', 'blog')));
    // The second `alloy:` key replaces the first, config and all; the top-level metricsGenerator is ignored.
    assert.deepEqual(
      g.nodes.map((n) => n.id),
      ['alloy_monitoring_alloy_config', 'tempo_monitoring_tempo'],
    );
    assert.deepEqual(g.edges, []);
  });

  it('graphs an empty tree as an empty graph', () => {
    assert.deepEqual(flowGraph([]), { nodes: [], edges: [] });
    assert.deepEqual(flowGraph([{ path: 'notes.txt', content: 'not yaml: [' }]), { nodes: [], edges: [] });
  });
});
