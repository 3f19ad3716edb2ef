import type { CorrelationTag, MetricsQuery } from '../grafana/tempo-datasource';

/**
 * One piece of pod identity carried by both signals: a span resource attribute (set by
 * otelcol.processor.k8sattributes) and the Loki label the log pipeline gives the pod's logs.
 * Trace-to-logs works only when both sides agree, so both are derived from this one table.
 */
export interface PodIdentity {
  /** The span resource attribute, such as `k8s.pod.name`. */
  readonly spanAttribute: string;
  /** The Loki label, such as `pod`. */
  readonly lokiLabel: string;
  /** The Kubernetes discovery meta label the Loki label is copied from. */
  readonly discoveryLabel: string;
}

/** Namespace and pod: what trace-to-logs filters on. */
export const podIdentity: readonly PodIdentity[] = [
  { spanAttribute: 'k8s.namespace.name', lokiLabel: 'namespace', discoveryLabel: '__meta_kubernetes_namespace' },
  { spanAttribute: 'k8s.pod.name', lokiLabel: 'pod', discoveryLabel: '__meta_kubernetes_pod_name' },
];

/** Labels logs carry besides the pod identity. */
export const extraLogLabels = [{ label: 'container', source: '__meta_kubernetes_pod_container_name' }] as const;

/** Trace-to-logs tags: span attribute to Loki label. */
export const traceToLogsTags: readonly CorrelationTag[] = podIdentity.map((p) => ({ key: p.spanAttribute, value: p.lokiLabel }));

/**
 * Trace-to-metrics tags: the span's `service.name` is the `service` label of Tempo's span metrics.
 * @see https://grafana.com/docs/tempo/latest/metrics-from-traces/span-metrics/span-metrics-metrics-generator/
 */
export const traceToMetricsTags: readonly CorrelationTag[] = [{ key: 'service.name', value: 'service' }];

/** Queries over Tempo's span metrics (`traces_spanmetrics_*`), in Grafana's UI syntax. */
export const spanMetricsQueries: readonly MetricsQuery[] = [
  { name: 'Request rate', query: 'sum(rate(traces_spanmetrics_calls_total{$__tags}[5m]))' },
  { name: 'Error rate', query: 'sum(rate(traces_spanmetrics_calls_total{$__tags, status_code="STATUS_CODE_ERROR"}[5m]))' },
  {
    name: 'Latency p95',
    query: 'histogram_quantile(0.95, sum by (le) (rate(traces_spanmetrics_latency_bucket{$__tags}[5m])))',
  },
];
