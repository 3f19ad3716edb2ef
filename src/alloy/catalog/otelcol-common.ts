/**
 * Blocks shared by the otelcol.* components: `output`, `debug_metrics`, client and server TLS,
 * the gRPC and HTTP servers of receivers, and the exporter queue and retry settings.
 * Facts from shared/notes/alloy-syntax.md §7.
 */
import { attr, block, body, mutuallyExclusive, openBody, t } from './build';
import type { BlockSchema, BodySchema, Rule, Signal } from './schema';

/** The capsule every otelcol consumer (`input` export, `output` entries) carries. */
export const consumerType = t.capsule('otelcol.Consumer');

/** The capsule an `auth` argument takes (`otelcol.auth.*` handlers). */
export const handlerType = t.capsule('otelcol.Handler');

/** `output { metrics = […], logs = […], traces = […] }`: required on receivers, processors, connectors. */
export function outputBlock(signals: readonly Signal[] = ['metrics', 'logs', 'traces']): BlockSchema {
  return block(
    'output',
    body(signals.map((s) => attr(s, t.list(consumerType), { default: [] }))),
    { required: true, doc: 'Where to send data; an empty list drops it.' },
  );
}

/** `debug_metrics { … }`: accepted by every otelcol component. */
export const debugMetricsBlock: BlockSchema = block(
  'debug_metrics',
  body([
    attr('disable_high_cardinality_metrics', t.bool, { default: true }),
    attr('level', t.string),
  ]),
);

const tlsPairs: readonly (readonly [string, string])[] = [
  ['ca_pem', 'ca_file'],
  ['cert_pem', 'cert_file'],
  ['key_pem', 'key_file'],
];

/** The TLS attributes shared by client and server TLS blocks. */
const tlsCommonAttributes = [
  attr('ca_file', t.string),
  attr('ca_pem', t.string),
  attr('cert_file', t.string),
  attr('cert_pem', t.string),
  attr('key_file', t.string),
  attr('key_pem', t.secret),
  attr('min_version', t.string, { default: 'TLS 1.2' }),
  attr('max_version', t.string, { default: 'TLS 1.3' }),
  attr('reload_interval', t.duration, { default: '0s' }),
  attr('cipher_suites', t.list(t.string)),
  attr('curve_preferences', t.list(t.string)),
  attr('include_system_ca_certs_pool', t.bool, { default: false }),
];

const tlsRules: readonly Rule[] = [mutuallyExclusive('alloy-tls-conflict', ...tlsPairs)];

/** Client TLS (exporters' `client.tls`). TLS is on by default; `insecure = true` turns it off. */
export const clientTlsBlock: BlockSchema = block(
  'tls',
  body(
    [
      ...tlsCommonAttributes,
      attr('insecure', t.bool, { default: false }),
      attr('insecure_skip_verify', t.bool, { default: false }),
      attr('server_name', t.string),
      attr('include_insecure_cipher_suites', t.bool, { default: false }),
    ],
    [block('tpm', openBody)],
    { rules: tlsRules },
  ),
);

/**
 * Server TLS (receivers' `grpc.tls` / `http.tls`). The notes do not list the server-only
 * attributes (client CA settings), so unknown names are accepted.
 */
export const serverTlsBlock: BlockSchema = block(
  'tls',
  body([...tlsCommonAttributes, attr('client_ca_file', t.string), attr('client_ca_file_reload', t.bool)], [block('tpm', openBody)], {
    open: true,
    rules: tlsRules,
  }),
);

/** A receiver's `grpc { … }` server block. */
export const grpcServerBlock: BlockSchema = block(
  'grpc',
  body(
    [
      attr('endpoint', t.string, { default: '0.0.0.0:4317' }),
      attr('transport', t.string, { default: 'tcp' }),
      attr('read_buffer_size', t.bytes, { default: '512KiB' }),
      attr('write_buffer_size', t.bytes),
      attr('max_recv_msg_size', t.bytes, { default: '4MiB' }),
      attr('max_concurrent_streams', t.uint),
      attr('include_metadata', t.bool, { default: false }),
      attr('auth', handlerType),
    ],
    [
      serverTlsBlock,
      block(
        'keepalive',
        body(
          [],
          [
            block(
              'server_parameters',
              body([
                attr('max_connection_idle', t.duration),
                attr('max_connection_age', t.duration),
                attr('max_connection_age_grace', t.duration),
                attr('time', t.duration),
                attr('timeout', t.duration),
              ]),
            ),
            block(
              'enforcement_policy',
              body([attr('min_time', t.duration, { default: '5m' }), attr('permit_without_stream', t.bool, { default: false })]),
            ),
          ],
        ),
      ),
    ],
  ),
  { doc: 'Absent: no gRPC server. `grpc {}` enables it with defaults.' },
);

const nonEmptyPaths: Rule = (ctx) => {
  const out = [];
  for (const name of ['traces_url_path', 'metrics_url_path', 'logs_url_path']) {
    const v = ctx.value(name);
    if (v?.literal && v.value === '') {
      const a = ctx.attribute(name);
      if (a) out.push({ code: 'alloy-invalid-value', message: `${name} must not be empty`, at: a });
    }
  }
  return out;
};

/** A receiver's `http { … }` server block. */
export const httpServerBlock: BlockSchema = block(
  'http',
  body(
    [
      attr('endpoint', t.string, { default: '0.0.0.0:4318' }),
      attr('traces_url_path', t.string, { default: '/v1/traces' }),
      attr('metrics_url_path', t.string, { default: '/v1/metrics' }),
      attr('logs_url_path', t.string, { default: '/v1/logs' }),
      attr('compression_algorithms', t.list(t.string)),
      attr('max_request_body_size', t.bytes, { default: '20MiB' }),
      attr('include_metadata', t.bool, { default: false }),
      attr('keep_alives_enabled', t.bool, { default: true }),
      attr('auth', handlerType),
      attr('idle_timeout', t.duration, { default: '1m' }),
      attr('read_header_timeout', t.duration, { default: '1m' }),
      attr('write_timeout', t.duration, { default: '30s' }),
      attr('read_timeout', t.duration, { default: '0s' }),
    ],
    [
      serverTlsBlock,
      block(
        'cors',
        body([
          attr('allowed_origins', t.list(t.string)),
          attr('allowed_headers', t.list(t.string), { default: ['X-Requested-With'] }),
          attr('exposed_headers', t.list(t.string)),
          attr('max_age', t.int),
        ]),
      ),
    ],
    { rules: [nonEmptyPaths] },
  ),
  { doc: 'Absent: no HTTP server.' },
);

/** An exporter's `sending_queue { … }`. */
export const sendingQueueBlock: BlockSchema = block(
  'sending_queue',
  body(
    [
      attr('enabled', t.bool, { default: true }),
      attr('num_consumers', t.uint, { default: 10 }),
      attr('queue_size', t.uint, { default: 1000 }),
      attr('sizer', t.oneOf('requests', 'items', 'bytes'), { default: 'requests' }),
      attr('block_on_overflow', t.bool, { default: false }),
      attr('wait_for_result', t.bool, { default: false }),
      attr('storage', t.capsule('otelcol.Handler')),
    ],
    [
      block(
        'batch',
        body([
          attr('flush_timeout', t.duration, { default: '200ms' }),
          attr('min_size', t.uint, { default: 2000 }),
          attr('max_size', t.uint, { default: 3000 }),
          attr('sizer', t.oneOf('requests', 'items', 'bytes'), { default: 'items' }),
        ]),
        { doc: 'Batching is off unless this block is present.' },
      ),
    ],
  ),
);

/** An exporter's `retry_on_failure { … }`. */
export const retryOnFailureBlock: BlockSchema = block(
  'retry_on_failure',
  body([
    attr('enabled', t.bool, { default: true }),
    attr('initial_interval', t.duration, { default: '5s' }),
    attr('randomization_factor', t.number, { default: 0.5 }),
    attr('multiplier', t.number, { default: 1.5 }),
    attr('max_interval', t.duration, { default: '30s' }),
    attr('max_elapsed_time', t.duration, { default: '5m' }),
  ]),
);

/** Appends `debug_metrics` to a component body's blocks. */
export function withDebugMetrics(b: BodySchema): BodySchema {
  return { ...b, blocks: [...b.blocks, debugMetricsBlock] };
}
