/**
 * Plugin types Grafana offers as trace-to-logs targets.
 * @see grafana/grafana packages/grafana-o11y-ds-frontend/src/TraceToLogs/TraceToLogsSettings.tsx
 */
export const logsDatasourceTypes: readonly string[] = [
  'loki',
  'elasticsearch',
  'grafana-splunk-datasource',
  'grafana-opensearch-datasource',
  'grafana-falconlogscale-datasource',
  'googlecloud-logging-datasource',
  'victoriametrics-logs-datasource',
];

/**
 * Plugin types Grafana offers as trace-to-metrics and service-map targets.
 * @see grafana/grafana packages/grafana-o11y-ds-frontend/src/TraceToMetrics/TraceToMetricsSettings.tsx
 */
export const metricsDatasourceTypes: readonly string[] = ['prometheus', 'victoriametrics-metrics-datasource'];
