import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AlloyConfig,
  BatchProcessor,
  K8sAttributesProcessor,
  OtlpExporter,
  OtlpReceiver,
  PodLogsPipeline,
} from '../../src/alloy/components';
import { AlloyRelease } from '../../src/alloy/alloy-release';
import { format, print } from '../../src/alloy/syntax';
import { GitOpsFolder } from '../../src/core/folder';
import { defaultTree, objectNamed } from '../support/default-tree';
import { synthApp } from '../support/synth';

function pipeline(opts: { grpcPort?: number | false; httpPort?: number | false; batch?: ConstructorParameters<typeof BatchProcessor>[0] } = {}) {
  const receiver = new OtlpReceiver({
    ...(opts.grpcPort !== undefined ? { grpcPort: opts.grpcPort } : {}),
    ...(opts.httpPort !== undefined ? { httpPort: opts.httpPort } : {}),
  });
  const batch = new BatchProcessor(opts.batch);
  const exporter = new OtlpExporter({ label: 'tempo', endpoint: 'tempo.tracing.svc.cluster.local:4317' });
  receiver.traces = [batch];
  batch.traces = [exporter];
  const config = new AlloyConfig();
  config.add(receiver, batch, exporter);
  return config;
}

describe('BatchProcessor', () => {
  it('writes send_batch_max_size when the batch size is above Alloy 1.11+ default cap of 3000', () => {
    const b = new BatchProcessor({ sendBatchSize: 8192 });
    assert.equal(b.sendBatchMaxSize, 8192);
    assert.equal(b.effectiveMaxSize, 8192);
  });
  it('keeps the default cap when the batch size fits under it', () => {
    const b = new BatchProcessor({ sendBatchSize: 1000 });
    assert.equal(b.sendBatchMaxSize, undefined);
    assert.equal(b.effectiveMaxSize, 3000);
  });
  it('keeps an explicit cap of 0 (unlimited)', () => {
    assert.equal(new BatchProcessor({ sendBatchSize: 8192, sendBatchMaxSize: 0 }).effectiveMaxSize, 0);
  });
});

describe('the Alloy config', () => {
  it('prints as alloy fmt would (a fixed point of the formatter), in data-flow order', () => {
    const text = print(pipeline({ batch: { sendBatchSize: 8192, timeout: '200ms' } }).toAst());
    assert.equal(format(text).output, text);
    assert.equal(
      text,
      [
        'otelcol.receiver.otlp "default" {',
        '\tgrpc {',
        '\t\tendpoint = "0.0.0.0:4317"',
        '\t}',
        '',
        '\thttp {',
        '\t\tendpoint = "0.0.0.0:4318"',
        '\t}',
        '',
        '\toutput {',
        '\t\ttraces = [otelcol.processor.batch.default.input]',
        '\t}',
        '}',
        '',
        'otelcol.processor.batch "default" {',
        '\ttimeout             = "200ms"',
        '\tsend_batch_size     = 8192',
        '\tsend_batch_max_size = 8192',
        '',
        '\toutput {',
        '\t\ttraces = [otelcol.exporter.otlp.tempo.input]',
        '\t}',
        '}',
        '',
        'otelcol.exporter.otlp "tempo" {',
        '\tclient {',
        '\t\tendpoint = "tempo.tracing.svc.cluster.local:4317"',
        '',
        '\t\ttls {',
        '\t\t\tinsecure = true',
        '\t\t}',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('omits a server whose port is false', () => {
    const text = print(pipeline({ httpPort: false }).toAst());
    assert.doesNotMatch(text, /http \{/);
    assert.match(text, /grpc \{/);
  });

  it('the default stack config is a fixed point of the printer and parses cleanly', () => {
    const content = (objectNamed('HelmRelease', 'alloy').spec!.values as any).alloy.configMap.content as string;
    const formatted = format(content);
    assert.deepEqual(formatted.diagnostics, []);
    assert.equal(formatted.output, content);
    assert.ok(defaultTree().files.length > 0);
  });

  it('renders the k8sattributes extract list and the log pipeline', () => {
    const config = new AlloyConfig();
    const k8s = new K8sAttributesProcessor({ metadata: ['k8s.pod.name', 'k8s.namespace.name', 'k8s.pod.name'] });
    const logs = new PodLogsPipeline({ pushUrl: 'http://loki/loki/api/v1/push', labels: [{ label: 'pod', source: '__meta_kubernetes_pod_name' }] });
    config.add(k8s, ...logs.components());
    const text = print(config.toAst());
    assert.match(text, /metadata = \["k8s\.namespace\.name", "k8s\.pod\.name"\]/);
    assert.match(text, /targets {4}= discovery\.relabel\.pods\.output/);
    assert.match(text, /forward_to = \[loki\.write\.default\.receiver\]/);
    assert.equal(format(text).output, text);
  });
});

describe('AlloyRelease', () => {
  it('derives extraPorts from the receivers and validates ports', () => {
    const { diagnostics } = synthApp((app) => {
      const release = new AlloyRelease(new GitOpsFolder(app, 'f', { path: 'alloy' }), 'a', { namespace: 'm', config: pipeline({ grpcPort: 14317, httpPort: 12345 }) });
      assert.deepEqual(release.extraPorts.map((p) => [p.name, p.port, p.targetPort]), [
        ['otlp-grpc', 14317, 14317],
        ['otlp-http', 12345, 12345],
      ]);
      assert.equal(release.otlpGrpcEndpoint?.hostPort, 'alloy.m.svc.cluster.local:14317');
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['port-conflict']);
    assert.match(diagnostics[0]!.message, /12345, already taken by Alloy's own HTTP server/);
  });

  it('rejects a config that Helm tpl would evaluate', () => {
    const { diagnostics } = synthApp((app) => {
      const config = pipeline();
      config.add(new OtlpExporter({ label: 'templated', endpoint: '{{ .Values.tempo }}:4317' }));
      new AlloyRelease(new GitOpsFolder(app, 'f', { path: 'alloy' }), 'a', { namespace: 'm', config });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['alloy-helm-template']);
  });

  it('builds values as one object: controller, and alloy with configMap and extraPorts', () => {
    synthApp((app) => {
      const release = new AlloyRelease(new GitOpsFolder(app, 'f', { path: 'alloy' }), 'a', { namespace: 'm', config: pipeline() });
      const v = release.values();
      assert.deepEqual(Object.keys(v), ['controller', 'alloy']);
      assert.deepEqual(Object.keys(v.alloy as object), ['configMap', 'extraPorts']);
    });
  });
});
