/**
 * The Bramble cluster's tracing stack: the blog post's stack, with its mistakes corrected.
 * `npx bramble synth` runs this and writes the Flux tree under gitops/.
 */
import { App, LokiDatasource, PrometheusDatasource, ServiceEndpoint, TracingStack } from 'bramble';

export default function bramble(app: App): void {
  // kube-prometheus-stack in `monitoring`, with prometheus.prometheusSpec.enableRemoteWriteReceiver
  // set: Tempo's metrics generator writes span metrics and service graphs there.
  const prometheus = PrometheusDatasource.kubePrometheusStack(app, 'prometheus', {
    namespace: 'monitoring',
    remoteWriteReceiver: true,
  });
  // Loki (grafana/loki chart, release `loki`): its gateway takes pushes and queries.
  const loki = new LokiDatasource(app, 'loki', {
    service: new ServiceEndpoint('loki-gateway', 'monitoring', 80),
  });

  new TracingStack(app, 'bramble', {
    cluster: 'bramble',
    namespace: 'monitoring',
    prometheus,
    loki,
    tempo: {
      retention: '72h',
      persistence: { storageClassName: 'local-path', size: '10Gi' },
      processors: ['service-graphs', 'span-metrics'],
    },
    alloy: {
      otlp: { grpcPort: 4317, httpPort: 4318 },
      // 8192 spans per batch, as in the post; bramble writes send_batch_max_size = 8192 with it,
      // since Alloy >= 1.11 caps batches at 3000 by default and refuses a larger send_batch_size.
      batch: { sendBatchSize: 8192, timeout: '200ms' },
    },
  });
}
