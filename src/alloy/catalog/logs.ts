/**
 * The log pipeline components: discovery.kubernetes → discovery.relabel → loki.source.kubernetes,
 * local.file_match → loki.source.file, and loki.process → loki.relabel → loki.write.
 *
 * The notes (§7) do not table these. Their top-level arguments, blocks and exports here are the
 * ones the Alloy reference documents for each component (and that the validator testdata uses);
 * nested blocks whose contents are not listed there (HTTP client auth, `loki.write` endpoints,
 * `loki.process` stages, `loki.source.kubernetes` client) are modelled open: unknown names inside
 * them are accepted, so an incomplete table never rejects a valid config.
 */
import { attr, block, body, openBody, req, t, targetsType } from './build';
import type { AttributeSchema, BlockSchema, ComponentSchema } from './schema';

const docs = (ns: string, name: string): string => `https://grafana.com/docs/alloy/latest/reference/components/${ns}/${name}/`;

/** The capsule of `loki.*` `receiver` exports and `forward_to` lists. */
export const logsReceiverType = t.capsule('loki.LogsReceiver');

/** A Prometheus-style relabeling `rule { … }` block (discovery.relabel, loki.relabel). */
export const relabelRuleBlock: BlockSchema = block(
  'rule',
  body([
    attr('source_labels', t.list(t.string)),
    attr('separator', t.string, { default: ';' }),
    attr('regex', t.string, { default: '(.*)' }),
    attr('modulus', t.uint),
    attr('target_label', t.string),
    attr('replacement', t.string, { default: '$1' }),
    attr('action', t.string, { default: 'replace' }),
  ]),
  { repeatable: true },
);

/** The HTTP client arguments discovery components take at their top level (squashed). */
const httpClientAttributes: readonly AttributeSchema[] = [
  attr('bearer_token', t.secret),
  attr('bearer_token_file', t.string),
  attr('proxy_url', t.string),
  attr('no_proxy', t.string),
  attr('proxy_from_environment', t.bool, { default: false }),
  attr('proxy_connect_header', t.map(t.list(t.secret))),
  attr('follow_redirects', t.bool, { default: true }),
  attr('enable_http2', t.bool, { default: true }),
  attr('http_headers', t.map(t.list(t.secret))),
];

const httpClientBlocks: readonly BlockSchema[] = [
  block('basic_auth', body([attr('username', t.string), attr('password', t.secret), attr('password_file', t.string)])),
  block('authorization', body([attr('type', t.string), attr('credentials', t.secret), attr('credentials_file', t.string)])),
  block('oauth2', openBody),
  block('tls_config', openBody),
];

export const discoveryKubernetes: ComponentSchema = {
  name: 'discovery.kubernetes',
  role: 'discovery',
  body: body(
    [
      attr('api_server', t.string),
      req('role', t.string, 'pod, node, service, endpoints, endpointslice or ingress.'),
      attr('kubeconfig_file', t.string),
      ...httpClientAttributes,
    ],
    [
      ...httpClientBlocks,
      block('namespaces', body([attr('own_namespace', t.bool), attr('names', t.list(t.string))])),
      block('selectors', body([req('role', t.string), attr('label', t.string), attr('field', t.string)]), { repeatable: true }),
      block('attach_metadata', body([attr('node', t.bool)], [], { open: true })),
    ],
  ),
  exports: [{ name: 'targets', type: targetsType }],
  docs: docs('discovery', 'discovery.kubernetes'),
};

export const discoveryRelabel: ComponentSchema = {
  name: 'discovery.relabel',
  role: 'relabel',
  body: body([req('targets', targetsType)], [relabelRuleBlock]),
  exports: [
    { name: 'output', type: targetsType },
    { name: 'rules', type: t.capsule('RelabelRules') },
  ],
  docs: docs('discovery', 'discovery.relabel'),
};

export const localFileMatch: ComponentSchema = {
  name: 'local.file_match',
  role: 'discovery',
  body: body([
    req('path_targets', targetsType, 'Targets with __path__ (a glob) and optional __path_exclude__.'),
    attr('sync_period', t.duration, { default: '10s' }),
    attr('ignore_older_than', t.duration, { default: '0s' }),
  ]),
  exports: [{ name: 'targets', type: targetsType }],
  docs: docs('local', 'local.file_match'),
};

export const lokiSourceKubernetes: ComponentSchema = {
  name: 'loki.source.kubernetes',
  role: 'source',
  body: body(
    [req('targets', targetsType), req('forward_to', t.list(logsReceiverType))],
    [block('client', openBody), block('clustering', body([attr('enabled', t.bool, { default: false })]))],
  ),
  exports: [],
  docs: docs('loki', 'loki.source.kubernetes'),
};

export const lokiSourceFile: ComponentSchema = {
  name: 'loki.source.file',
  role: 'source',
  body: body(
    [
      req('targets', targetsType),
      req('forward_to', t.list(logsReceiverType)),
      attr('encoding', t.string, { default: '' }),
      attr('tail_from_end', t.bool, { default: false }),
      attr('legacy_positions_file', t.string, { default: '' }),
      attr('on_positions_file_error', t.oneOf('skip', 'restart_from_end', 'restart_from_beginning'), {
        default: 'restart_from_beginning',
      }),
    ],
    [
      block('decompression', body([req('enabled', t.bool), attr('initial_delay', t.duration), req('format', t.string)])),
      block('file_watch', body([attr('min_poll_frequency', t.duration), attr('max_poll_frequency', t.duration)])),
      block(
        'file_match',
        body([attr('enabled', t.bool, { default: false }), attr('sync_period', t.duration, { default: '10s' }), attr('ignore_older_than', t.duration)]),
      ),
    ],
  ),
  exports: [],
  docs: docs('loki', 'loki.source.file'),
};

export const lokiProcess: ComponentSchema = {
  name: 'loki.process',
  role: 'relabel',
  body: body([req('forward_to', t.list(logsReceiverType))], [], {
    blockPatterns: [{ prefix: 'stage.', body: openBody, doc: 'Processing stages, applied in order; contents not modelled.' }],
  }),
  exports: [{ name: 'receiver', type: logsReceiverType }],
  docs: docs('loki', 'loki.process'),
};

export const lokiRelabel: ComponentSchema = {
  name: 'loki.relabel',
  role: 'relabel',
  body: body([req('forward_to', t.list(logsReceiverType)), attr('max_cache_size', t.int, { default: 10000 })], [relabelRuleBlock]),
  exports: [
    { name: 'receiver', type: logsReceiverType },
    { name: 'rules', type: t.capsule('RelabelRules') },
  ],
  docs: docs('loki', 'loki.relabel'),
};

export const lokiWrite: ComponentSchema = {
  name: 'loki.write',
  role: 'writer',
  body: body(
    [attr('external_labels', t.map(t.string)), attr('max_streams', t.int)],
    [
      block('endpoint', body([req('url', t.string), attr('name', t.string)], [], { open: true }), { repeatable: true }),
      block(
        'wal',
        body([
          attr('enabled', t.bool, { default: false }),
          attr('max_segment_age', t.duration),
          attr('min_read_frequency', t.duration),
          attr('max_read_frequency', t.duration),
          attr('drain_timeout', t.duration),
        ]),
      ),
    ],
  ),
  exports: [{ name: 'receiver', type: logsReceiverType }],
  docs: docs('loki', 'loki.write'),
};

/** The log pipeline components of the catalog. */
export const logComponents: readonly ComponentSchema[] = [
  discoveryKubernetes,
  discoveryRelabel,
  lokiSourceKubernetes,
  lokiSourceFile,
  localFileMatch,
  lokiProcess,
  lokiRelabel,
  lokiWrite,
];

/**
 * `remote.http`: not a log component, but a common source of config for others and part of the
 * validator conformance data. Only `url` (required) is checked; the rest is left open.
 */
export const remoteHttp: ComponentSchema = {
  name: 'remote.http',
  role: 'source',
  body: body([req('url', t.string)], [], { open: true }),
  exports: [{ name: 'content', type: t.secret }],
  docs: docs('remote', 'remote.http'),
  notes: 'Minimal: url only; other arguments and blocks are accepted unchecked.',
};
