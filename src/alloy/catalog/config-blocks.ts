/**
 * Top-level blocks that are not components (notes §3): config blocks (`logging`, `tracing`,
 * `argument`, `export`, `foreach`, `import.*`), `declare`, and service blocks (`http`, …).
 */
import { attr, block, body, openBody, req, t } from './build';
import type { BodySchema, ComponentSchema } from './schema';
import { logsReceiverType } from './logs';
import { consumerType } from './otelcol-common';

/** Config block names (checked once per module, never components). */
export const CONFIG_BLOCK_NAMES: ReadonlySet<string> = new Set([
  'foreach',
  'argument',
  'export',
  'logging',
  'tracing',
  'import.file',
  'import.string',
  'import.http',
  'import.git',
]);

/** Service block names. */
export const SERVICE_BLOCK_NAMES: ReadonlySet<string> = new Set([
  'http',
  'cluster',
  'livedebugging',
  'remotecfg',
  'ui',
  'otel',
  'labelstore',
]);

const config = (name: string, b: BodySchema, exports: ComponentSchema['exports'] = []): ComponentSchema => ({
  name,
  role: 'config',
  body: b,
  exports,
});

/** Schemas of the config and service blocks the validator checks (the others are not modelled). */
export const configBlockSchemas: ReadonlyMap<string, ComponentSchema> = new Map(
  [
    config('logging', body([attr('level', t.string), attr('format', t.string), attr('write_to', t.list(logsReceiverType))])),
    config(
      'tracing',
      body([attr('sampling_fraction', t.number), attr('write_to', t.list(consumerType))], [block('sampler', openBody)]),
    ),
    config('argument', body([attr('optional', t.bool), attr('comment', t.string), attr('default', t.any)]), [
      { name: 'value', type: t.any },
    ]),
    config('export', body([req('value', t.any)])),
    config(
      'foreach',
      body([
        req('collection', t.list(t.any)),
        req('var', t.string),
        attr('id', t.string),
        attr('hash_string_id', t.bool),
        attr('enable_metrics', t.bool),
      ],
      // The template's own contents are validated as a scope of their own.
      [block('template', { attributes: [], blocks: [], opaque: true }, { doc: 'Required; reported before the argument checks, as Alloy does.' })],
      ),
    ),
    config('import.string', body([req('content', t.secret)])),
    config('import.file', body([req('filename', t.string)], [], { open: true })),
    config(
      'import.http',
      body(
        [
          req('url', t.string),
          attr('poll_frequency', t.duration, { default: '1m' }),
          attr('poll_timeout', t.duration, { default: '10s' }),
          attr('method', t.string, { default: 'GET' }),
          attr('headers', t.map(t.string)),
          attr('body', t.string),
        ],
        [block('client', openBody)],
      ),
    ),
    config('import.git', body([req('repository', t.string), attr('revision', t.string, { default: 'main' }), req('path', t.string)], [], { open: true })),
    // Services.
    config('http', body([], [block('tls', openBody)])),
    config('livedebugging', body([attr('enabled', t.bool)], [], { open: true })),
  ].map((s) => [s.name, s]),
);
