/**
 * The otelcol.* components bramble emits. Facts (names, kinds, types, defaults, required,
 * cross-field rules and their messages) from shared/notes/alloy-syntax.md §7, which records the Go
 * structs of grafana/alloy@66ebea8 (v1.18); where the notes list an argument the converter
 * fixtures also use, both agree.
 */
import { at, attr, block, body, durationArg, finding, numberArg, bytesArg, openBody, positiveDuration, req, t } from './build';
import {
  clientTlsBlock,
  consumerType,
  grpcServerBlock,
  handlerType,
  httpServerBlock,
  outputBlock,
  retryOnFailureBlock,
  sendingQueueBlock,
  withDebugMetrics,
} from './otelcol-common';
import type { BlockSchema, BodySchema, ComponentSchema, Rule, RuleFinding } from './schema';

const docs = (name: string): string => `https://grafana.com/docs/alloy/latest/reference/components/otelcol/${name}/`;
const inputExport = [{ name: 'input', type: consumerType, doc: 'Send data here (list it in another output block).' }];

// ---------------------------------------------------------------------------------------------
// otelcol.receiver.otlp

export const receiverOtlp: ComponentSchema = {
  name: 'otelcol.receiver.otlp',
  role: 'receiver',
  body: withDebugMetrics(body([], [grpcServerBlock, httpServerBlock, outputBlock()])),
  exports: [],
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.receiver.otlp'),
};

// ---------------------------------------------------------------------------------------------
// otelcol.processor.batch

/** Alloy's defaults since v1.11.0. */
export const BATCH_DEFAULTS = { sendBatchSize: 2000, sendBatchMaxSize: 3000 } as const;

const batchSizes: Rule = (ctx) => {
  const size = numberArg(ctx, 'send_batch_size', BATCH_DEFAULTS.sendBatchSize);
  const max = numberArg(ctx, 'send_batch_max_size', BATCH_DEFAULTS.sendBatchMaxSize);
  if (size === undefined || max === undefined || max === 0 || max >= size) return [];
  return [
    finding(
      'alloy-batch-size',
      'send_batch_max_size must be greater or equal to send_batch_size when not 0',
      at(ctx, 'send_batch_max_size', 'send_batch_size'),
    ),
  ];
};

export const processorBatch: ComponentSchema = {
  name: 'otelcol.processor.batch',
  role: 'processor',
  body: withDebugMetrics(
    body(
      [
        attr('timeout', t.duration, { default: '200ms' }),
        attr('send_batch_size', t.uint, { default: BATCH_DEFAULTS.sendBatchSize, doc: 'Items per signal that trigger a send.' }),
        attr('send_batch_max_size', t.uint, { default: BATCH_DEFAULTS.sendBatchMaxSize, doc: '0 or ≥ send_batch_size.' }),
        attr('metadata_keys', t.list(t.string), { default: [] }),
        attr('metadata_cardinality_limit', t.uint, { default: 1000 }),
      ],
      [outputBlock()],
      { rules: [batchSizes] },
    ),
  ),
  exports: inputExport,
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.processor.batch'),
};

// ---------------------------------------------------------------------------------------------
// otelcol.processor.memory_limiter

const memoryLimits: Rule = (ctx) => {
  const limit = bytesArg(ctx, 'limit', 0);
  const spike = bytesArg(ctx, 'spike_limit', 0);
  const pct = numberArg(ctx, 'limit_percentage', 0);
  const spikePct = numberArg(ctx, 'spike_limit_percentage', 0);
  const code = 'alloy-memory-limiter';
  // Alloy's Validate reports the first failure only, in this order.
  if (limit === undefined || pct === undefined) return [];
  if (limit > 0 && pct > 0) {
    return [finding(code, 'either limit or limit_percentage must be set, but not both', at(ctx, 'limit_percentage'))];
  }
  if (limit > 0) {
    if (spike !== undefined && spike >= limit) {
      return [finding(code, 'spike_limit must be less than limit', at(ctx, 'spike_limit'))];
    }
    return [];
  }
  if (pct > 0) {
    if (spikePct === undefined) return [];
    if (pct > 100 || spikePct <= 0 || spikePct > 100) {
      return [
        finding(
          code,
          // Alloy's wording, doubled "and" included.
          'limit_percentage and spike_limit_percentage must be greater than 0 and and less or equal than 100',
          at(ctx, pct > 100 ? 'limit_percentage' : 'spike_limit_percentage', 'limit_percentage'),
        ),
      ];
    }
    return [];
  }
  return [finding(code, 'either limit or limit_percentage must be set to greater than zero', ctx.block)];
};

export const processorMemoryLimiter: ComponentSchema = {
  name: 'otelcol.processor.memory_limiter',
  role: 'processor',
  body: withDebugMetrics(
    body(
      [
        attr('check_interval', t.duration, { required: true }),
        attr('limit', t.bytes, { default: '0MiB' }),
        attr('spike_limit', t.bytes, { doc: 'Default 20% of limit; must be below limit.' }),
        attr('limit_percentage', { kind: 'number', integer: true, min: 0, max: 100 }, { default: 0 }),
        attr('spike_limit_percentage', { kind: 'number', integer: true, min: 0, max: 100 }, { default: 0 }),
      ],
      [outputBlock()],
      { rules: [positiveDuration('check_interval', 'alloy-memory-limiter'), memoryLimits] },
    ),
  ),
  exports: inputExport,
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.processor.memory_limiter'),
};

// ---------------------------------------------------------------------------------------------
// otelcol.processor.k8sattributes

const k8sTagBlock = (name: string): BlockSchema =>
  block(
    name,
    body([attr('tag_name', t.string), attr('key', t.string), attr('key_regex', t.string), attr('from', t.string, { default: 'pod' })]),
    { repeatable: true },
  );

const k8sFilterBlock = (name: string): BlockSchema =>
  block(name, body([req('key', t.string), req('value', t.string), attr('op', t.string, { default: 'equals' })]), { repeatable: true });

export const processorK8sAttributes: ComponentSchema = {
  name: 'otelcol.processor.k8sattributes',
  role: 'processor',
  body: withDebugMetrics(
    body(
      [
        attr('auth_type', t.string, { default: 'serviceAccount', doc: 'none, serviceAccount or kubeConfig.' }),
        attr('passthrough', t.bool, { default: false }),
        attr('wait_for_metadata', t.bool, { default: false }),
        attr('wait_for_metadata_timeout', t.duration, { default: '10s' }),
        attr('watch_sync_period', t.duration, { default: '5m' }),
        attr('pod_delete_grace_period', t.duration, { default: '120s' }),
      ],
      [
        block(
          'extract',
          body(
            [
              attr('metadata', t.list(t.string)),
              attr('otel_annotations', t.bool, { default: false }),
              attr('deployment_name_from_replicaset', t.bool, { default: true }),
            ],
            [k8sTagBlock('annotation'), k8sTagBlock('label')],
          ),
        ),
        block('filter', body([attr('node', t.string), attr('namespace', t.string)], [k8sFilterBlock('field'), k8sFilterBlock('label')])),
        block(
          'pod_association',
          body(
            [],
            [
              block('source', body([req('from', t.oneOf('resource_attribute', 'connection')), attr('name', t.string)]), {
                required: true,
                repeatable: true,
              }),
            ],
          ),
          { repeatable: true },
        ),
        block('exclude', body([], [block('pod', body([req('name', t.string)]), { repeatable: true })])),
        outputBlock(),
      ],
    ),
  ),
  exports: inputExport,
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.processor.k8sattributes'),
};

// ---------------------------------------------------------------------------------------------
// otelcol.processor.probabilistic_sampler

export const processorProbabilisticSampler: ComponentSchema = {
  name: 'otelcol.processor.probabilistic_sampler',
  role: 'processor',
  body: withDebugMetrics(
    body(
      [
        attr('sampling_percentage', t.number, { default: 0 }),
        attr('hash_seed', t.uint, { default: 0 }),
        attr('mode', t.oneOf('', 'proportional', 'equalizing', 'hash_seed'), { default: '' }),
        attr('fail_closed', t.bool, { default: true }),
        attr('sampling_precision', t.int, { default: 4 }),
        attr('attribute_source', t.oneOf('traceID', 'record'), { default: 'traceID' }),
        attr('from_attribute', t.string, { default: '' }),
        attr('sampling_priority', t.string, { default: '' }),
      ],
      [outputBlock()],
    ),
  ),
  exports: inputExport,
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.processor.probabilistic_sampler'),
};

// ---------------------------------------------------------------------------------------------
// otelcol.processor.tail_sampling

/** Policy `type` values. */
export const TAIL_SAMPLING_POLICY_TYPES = [
  'always_sample',
  'latency',
  'numeric_attribute',
  'probabilistic',
  'status_code',
  'string_attribute',
  'rate_limiting',
  'bytes_limiting',
  'span_count',
  'trace_state',
  'boolean_attribute',
  'ottl_condition',
  'trace_flags',
  'and',
  'not',
  'drop',
  'composite',
] as const;

/** The sub-blocks every policy (and sub-policy) may carry, one per simple policy type. */
const sharedPolicyBlocks: readonly BlockSchema[] = [
  block('latency', body([req('threshold_ms', t.int), attr('upper_threshold_ms', t.int)])),
  block(
    'numeric_attribute',
    body([req('key', t.string), req('min_value', t.int), req('max_value', t.int), attr('invert_match', t.bool)]),
  ),
  block('probabilistic', body([req('sampling_percentage', t.number), attr('hash_salt', t.string)])),
  block('status_code', body([req('status_codes', t.list(t.string))])),
  block(
    'string_attribute',
    body([
      req('key', t.string),
      req('values', t.list(t.string)),
      attr('enabled_regex_matching', t.bool),
      attr('cache_max_size', t.int),
      attr('invert_match', t.bool),
    ]),
  ),
  block('rate_limiting', body([req('spans_per_second', t.int), attr('burst_capacity', t.int)])),
  block('bytes_limiting', body([req('bytes_per_second', t.int), attr('burst_capacity', t.int)])),
  block('span_count', body([req('min_spans', t.int), attr('max_spans', t.int)])),
  block('boolean_attribute', body([req('key', t.string), req('value', t.bool), attr('invert_match', t.bool)])),
  block('ottl_condition', body([req('error_mode', t.string), attr('span', t.list(t.string)), attr('spanevent', t.list(t.string))])),
  block('trace_state', body([req('key', t.string), req('values', t.list(t.string))])),
];

const policyHeader = [req('name', t.string), req('type', t.oneOf(...TAIL_SAMPLING_POLICY_TYPES))];

/** A sub-policy (`and_sub_policy`, `drop_sub_policy`, `not_sub_policy`, `composite_sub_policy`). */
const subPolicy = (name: string, options: { required?: boolean; repeatable?: boolean }): BlockSchema =>
  block(name, body(policyHeader, sharedPolicyBlocks), options);

const policyBody: BodySchema = body(policyHeader, [
  ...sharedPolicyBlocks,
  block('and', body([], [subPolicy('and_sub_policy', { required: true, repeatable: true })])),
  block('drop', body([], [subPolicy('drop_sub_policy', { required: true, repeatable: true })])),
  block('not', body([], [subPolicy('not_sub_policy', { required: true })])),
  block(
    'composite',
    body(
      [req('max_total_spans_per_second', t.int), req('policy_order', t.list(t.string))],
      [
        subPolicy('composite_sub_policy', { repeatable: true }),
        block('rate_allocation', body([req('policy', t.string), req('percent', t.int)]), { repeatable: true }),
      ],
    ),
  ),
]);

const tailSamplingPositive: Rule = (ctx) => {
  const out: RuleFinding[] = [];
  const wait = durationArg(ctx, 'decision_wait');
  if (wait !== undefined && wait <= 0) {
    out.push(finding('alloy-invalid-value', 'decision_wait must be greater than zero', at(ctx, 'decision_wait')));
  }
  const traces = numberArg(ctx, 'num_traces');
  if (traces !== undefined && traces <= 0) {
    out.push(finding('alloy-invalid-value', 'num_traces must be greater than zero', at(ctx, 'num_traces')));
  }
  return out;
};

export const processorTailSampling: ComponentSchema = {
  name: 'otelcol.processor.tail_sampling',
  role: 'processor',
  body: withDebugMetrics(
    body(
      [
        attr('decision_wait', t.duration, { default: '30s' }),
        attr('decision_wait_after_root_received', t.duration, { default: '0s' }),
        attr('num_traces', t.uint, { default: 50000 }),
        attr('expected_new_traces_per_sec', t.uint, { default: 0 }),
        attr('maximum_trace_size_bytes', t.uint, { default: 0 }),
        attr('block_on_overflow', t.bool, { default: false }),
        attr('sample_on_first_match', t.bool, { default: false }),
        attr('drop_pending_traces_on_shutdown', t.bool, { default: false }),
        attr('decision_cache', t.object, { default: {}, doc: '{sampled_cache_size = N, non_sampled_cache_size = N}: an attribute, not a block.' }),
      ],
      [block('policy', policyBody, { required: true, repeatable: true, doc: 'At least one.' }), outputBlock()],
      { rules: [tailSamplingPositive] },
    ),
  ),
  exports: inputExport,
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.processor.tail_sampling'),
};

// ---------------------------------------------------------------------------------------------
// otelcol.exporter.otlp / otlphttp

const compression = t.oneOf('gzip', 'zlib', 'deflate', 'snappy', 'zstd', 'none', '');

export const exporterOtlp: ComponentSchema = {
  name: 'otelcol.exporter.otlp',
  role: 'exporter',
  body: withDebugMetrics(
    body(
      [attr('timeout', t.duration, { default: '5s' })],
      [
        block(
          'client',
          body(
            [
              req('endpoint', t.string, '`host:port`'),
              attr('compression', compression, { default: 'gzip' }),
              attr('headers', t.map(t.string), { default: {} }),
              attr('balancer_name', t.string, { default: 'round_robin' }),
              attr('authority', t.string),
              attr('wait_for_ready', t.bool, { default: false }),
              attr('read_buffer_size', t.bytes),
              attr('write_buffer_size', t.bytes, { default: '512KiB' }),
              attr('auth', handlerType),
            ],
            [
              clientTlsBlock,
              block(
                'keepalive',
                body([attr('ping_wait', t.duration), attr('ping_response_timeout', t.duration), attr('ping_without_stream', t.bool)]),
              ),
            ],
          ),
          { required: true },
        ),
        sendingQueueBlock,
        retryOnFailureBlock,
      ],
    ),
  ),
  exports: inputExport,
  docs: docs('otelcol.exporter.otlp'),
  notes: 'The deprecated `blocking` queue argument is not in the Go struct: Alloy rejects it, and so does the catalog.',
};

export const exporterOtlpHttp: ComponentSchema = {
  name: 'otelcol.exporter.otlphttp',
  role: 'exporter',
  body: withDebugMetrics(
    body(
      [
        attr('traces_endpoint', t.string),
        attr('metrics_endpoint', t.string),
        attr('logs_endpoint', t.string),
        attr('encoding', t.oneOf('proto', 'json'), { default: 'proto' }),
      ],
      [
        block(
          'client',
          body(
            [
              req('endpoint', t.string, 'A URL.'),
              attr('proxy_url', t.string),
              attr('compression', compression, { default: 'gzip' }),
              attr('headers', t.map(t.string), { default: {} }),
              attr('timeout', t.duration, { default: '30s' }),
              attr('read_buffer_size', t.bytes, { default: 0 }),
              attr('write_buffer_size', t.bytes, { default: '512KiB' }),
              attr('max_idle_conns', t.int, { default: 100 }),
              attr('max_idle_conns_per_host', t.int, { default: 0 }),
              attr('max_conns_per_host', t.int, { default: 0 }),
              attr('idle_conn_timeout', t.duration, { default: '90s' }),
              attr('disable_keep_alives', t.bool, { default: false }),
              attr('http2_read_idle_timeout', t.duration, { default: '0s' }),
              attr('http2_ping_timeout', t.duration, { default: '15s' }),
              attr('force_attempt_http2', t.bool, { default: true }),
              attr('auth', handlerType),
            ],
            // compression_params and cookies are listed without their contents in the notes.
            [clientTlsBlock, block('compression_params', openBody), block('cookies', openBody)],
          ),
          { required: true },
        ),
        sendingQueueBlock,
        retryOnFailureBlock,
      ],
    ),
  ),
  exports: inputExport,
  docs: docs('otelcol.exporter.otlphttp'),
  notes: 'No top-level `timeout`: it is `client.timeout`.',
};

// ---------------------------------------------------------------------------------------------
// otelcol.connector.spanmetrics / servicegraph

const dimensionBlock = (name: string): BlockSchema =>
  block(name, body([attr('name', t.string), attr('default', t.string), attr('glob', t.string)]), { repeatable: true });

const histogramKinds: Rule = (ctx) => {
  const explicit = ctx.blocks('explicit').length > 0;
  const exponential = ctx.blocks('exponential').length > 0;
  if (explicit !== exponential) return [];
  return [
    finding(
      'alloy-spanmetrics-histogram',
      `histogram must have exactly one of explicit or exponential, but has ${explicit ? 'both' : 'neither'}`,
      ctx.block,
    ),
  ];
};

export const connectorSpanMetrics: ComponentSchema = {
  name: 'otelcol.connector.spanmetrics',
  role: 'connector',
  body: withDebugMetrics(
    body(
      [
        attr('exclude_dimensions', t.list(t.string), { default: [] }),
        attr('resource_metrics_key_attributes', t.list(t.string), { default: [] }),
        attr('include_instrumentation_scope', t.list(t.string), { default: [] }),
        attr('aggregation_temporality', t.oneOf('CUMULATIVE', 'DELTA'), { default: 'CUMULATIVE' }),
        attr('metrics_flush_interval', t.duration, { default: '60s' }),
        attr('metrics_expiration', t.duration, { default: '0s' }),
        attr('series_expiration', t.duration, { default: '0s' }),
        attr('resource_metrics_cache_size', t.int, { default: 1000 }),
        attr('metric_timestamp_cache_size', t.int, { default: 1000 }),
        attr('aggregation_cardinality_limit', t.int, { default: 0 }),
        attr('dimensions_cache_size', t.int, { default: 0, doc: 'Deprecated.' }),
        attr('namespace', t.string, { default: 'traces.span.metrics' }),
        attr('include_collector_instance_id', t.bool, { default: false }),
      ],
      [
        block(
          'histogram',
          body(
            [attr('disable', t.bool, { default: false }), attr('unit', t.oneOf('ms', 's'), { default: 'ms' })],
            [
              dimensionBlock('dimension'),
              block('explicit', body([attr('buckets', t.list(t.duration))])),
              block('exponential', body([attr('max_size', t.int, { default: 160 })])),
            ],
            { rules: [histogramKinds] },
          ),
          { required: true },
        ),
        dimensionBlock('dimension'),
        dimensionBlock('calls_dimension'),
        block('exemplars', body([attr('enabled', t.bool, { default: false }), attr('max_per_data_point', t.int, { default: 5 })])),
        block('events', body([attr('enabled', t.bool, { default: false })], [dimensionBlock('dimension')])),
        outputBlock(),
      ],
      { rules: [positiveDuration('metrics_flush_interval', 'alloy-invalid-value')] },
    ),
  ),
  exports: inputExport,
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.connector.spanmetrics'),
  notes: 'Produces metrics only; the output block is the shared one.',
};

export const connectorServiceGraph: ComponentSchema = {
  name: 'otelcol.connector.servicegraph',
  role: 'connector',
  body: withDebugMetrics(
    body(
      [
        attr('latency_histogram_buckets', t.list(t.duration)),
        attr('dimensions', t.list(t.string), { default: [] }),
        attr('cache_loop', t.duration, { default: '1m' }),
        attr('store_expiration_loop', t.duration, { default: '2s' }),
        attr('metrics_flush_interval', t.duration, { default: '60s', doc: '0s flushes on every batch.' }),
        attr('virtual_node_peer_attributes', t.list(t.string), { default: ['peer.service', 'db.name', 'db.system'] }),
        attr('virtual_node_extra_label', t.bool, { default: false }),
        attr('database_name_attributes', t.list(t.string), { default: ['db.name'] }),
        attr('exponential_histogram_max_size', t.int, { default: 0, doc: 'A number (int32); the docs wrongly say list(string).' }),
      ],
      [block('store', body([attr('max_items', t.int, { default: 1000 }), attr('ttl', t.duration, { default: '2s' })])), outputBlock()],
    ),
  ),
  exports: inputExport,
  output: ['metrics', 'logs', 'traces'],
  docs: docs('otelcol.connector.servicegraph'),
  notes: 'The deprecated `database_name_attribute` is not in the Go struct: Alloy rejects it, and so does the catalog.',
};

/** The otelcol components of the catalog. */
export const otelcolComponents: readonly ComponentSchema[] = [
  receiverOtlp,
  processorBatch,
  processorMemoryLimiter,
  processorK8sAttributes,
  processorProbabilisticSampler,
  processorTailSampling,
  exporterOtlp,
  exporterOtlpHttp,
  connectorSpanMetrics,
  connectorServiceGraph,
];
