import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BATCH_DEFAULTS,
  componentCatalog,
  describeType,
  getComponentSchema,
  parseBase2Bytes,
  parseGoDuration,
  type BodySchema,
  type ComponentSchema,
} from '../../../src/alloy/catalog';

const second = 1e9;

describe('parseGoDuration', () => {
  const ok: [string, number][] = [
    ['200ms', 0.2 * second],
    ['1m30s', 90 * second],
    ['0', 0],
    ['0s', 0],
    ['-1.5h', -5400 * second],
    ['.5s', 0.5 * second],
    ['1.s', 1 * second],
    ['2h45m', 9900 * second],
    ['10µs', 10e3],
    ['1us', 1e3],
  ];
  for (const [text, ns] of ok) {
    it(`parses ${JSON.stringify(text)}`, () => assert.deepEqual(parseGoDuration(text), { ok: true, value: ns }));
  }

  const bad: [string, string][] = [
    ['', 'time: invalid duration ""'],
    ['5', 'time: missing unit in duration "5"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['abc', 'time: invalid duration "abc"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
  ];
  for (const [text, error] of bad) {
    it(`rejects ${JSON.stringify(text)} with Go's message`, () => assert.deepEqual(parseGoDuration(text), { ok: false, error }));
  }
});

describe('parseBase2Bytes', () => {
  it('parses binary units and their KB/MB spellings as powers of 1024', () => {
    assert.deepEqual(parseBase2Bytes('512KiB'), { ok: true, value: 512 * 1024 });
    assert.deepEqual(parseBase2Bytes('4MiB'), { ok: true, value: 4 * 1024 ** 2 });
    assert.deepEqual(parseBase2Bytes('1GB'), { ok: true, value: 1024 ** 3 });
    assert.deepEqual(parseBase2Bytes('1GiB512MiB'), { ok: true, value: 1.5 * 1024 ** 3 });
    assert.deepEqual(parseBase2Bytes('0'), { ok: true, value: 0 });
  });

  it('rejects a missing or unknown unit', () => {
    assert.deepEqual(parseBase2Bytes('1024'), { ok: false, error: 'units: unknown unit  in 1024' });
    assert.deepEqual(parseBase2Bytes('5XB'), { ok: false, error: 'units: unknown unit XB in 5XB' });
    assert.deepEqual(parseBase2Bytes('MiB'), { ok: false, error: 'units: invalid MiB' });
  });
});

function allBodies(b: BodySchema, out: BodySchema[] = []): BodySchema[] {
  out.push(b);
  for (const nested of b.blocks) allBodies(nested.body, out);
  return out;
}

describe('the component catalog', () => {
  const required = [
    'otelcol.receiver.otlp',
    'otelcol.processor.batch',
    'otelcol.processor.memory_limiter',
    'otelcol.processor.k8sattributes',
    'otelcol.processor.probabilistic_sampler',
    'otelcol.processor.tail_sampling',
    'otelcol.exporter.otlp',
    'otelcol.exporter.otlphttp',
    'otelcol.connector.spanmetrics',
    'otelcol.connector.servicegraph',
    'discovery.kubernetes',
    'discovery.relabel',
    'loki.source.kubernetes',
    'loki.source.file',
    'local.file_match',
    'loki.process',
    'loki.relabel',
    'loki.write',
  ];

  it('covers the components bramble emits', () => {
    for (const name of required) assert.ok(getComponentSchema(name), name);
    assert.equal(getComponentSchema('prometheus.scrape'), undefined);
  });

  for (const c of componentCatalog.values()) {
    it(`${c.name}: names are unique in every body, and otelcol conventions hold`, () => {
      for (const b of allBodies(c.body)) {
        const names = [...b.attributes.map((a) => a.name), ...b.blocks.map((x) => x.name)];
        assert.equal(new Set(names).size, names.length, `duplicate names in a body of ${c.name}: ${names.join(', ')}`);
      }
      if (c.name.startsWith('otelcol.')) checkOtelcol(c);
    });
  }

  it('exports what the log pipeline references', () => {
    const exportsOf = (name: string) => getComponentSchema(name)?.exports.map((e) => e.name);
    assert.deepEqual(exportsOf('discovery.kubernetes'), ['targets']);
    assert.deepEqual(exportsOf('discovery.relabel'), ['output', 'rules']);
    assert.deepEqual(exportsOf('local.file_match'), ['targets']);
    assert.deepEqual(exportsOf('loki.process'), ['receiver']);
    assert.deepEqual(exportsOf('loki.relabel'), ['receiver', 'rules']);
    assert.deepEqual(exportsOf('loki.write'), ['receiver']);
    assert.deepEqual(exportsOf('loki.source.file'), []);
    assert.deepEqual(exportsOf('loki.source.kubernetes'), []);
  });

  it('records the batch defaults the size rule uses', () => {
    assert.deepEqual(BATCH_DEFAULTS, { sendBatchSize: 2000, sendBatchMaxSize: 3000 });
    const body = getComponentSchema('otelcol.processor.batch')?.body;
    assert.equal(body?.attributes.find((a) => a.name === 'send_batch_size')?.default, 2000);
    assert.equal(body?.attributes.find((a) => a.name === 'send_batch_max_size')?.default, 3000);
  });

  it('describes types as the Alloy docs write them', () => {
    const forwardTo = getComponentSchema('loki.source.file')?.body.attributes.find((a) => a.name === 'forward_to');
    assert.equal(forwardTo && describeType(forwardTo.type), 'list(loki.LogsReceiver)');
    const targets = getComponentSchema('discovery.relabel')?.body.attributes.find((a) => a.name === 'targets');
    assert.equal(targets && describeType(targets.type), 'list(map(string))');
  });
});

function checkOtelcol(c: ComponentSchema): void {
  assert.ok(c.body.blocks.some((b) => b.name === 'debug_metrics'), `${c.name} accepts debug_metrics`);
  if (c.role === 'processor' || c.role === 'exporter' || c.role === 'connector') {
    assert.deepEqual(c.exports.map((e) => e.name), ['input'], `${c.name} exports input`);
  }
  if (c.role === 'receiver' || c.role === 'processor' || c.role === 'connector') {
    const output = c.body.blocks.find((b) => b.name === 'output');
    assert.ok(output?.required, `${c.name} requires an output block`);
    assert.deepEqual(c.output, ['metrics', 'logs', 'traces']);
  } else {
    assert.equal(c.body.blocks.find((b) => b.name === 'output'), undefined, `${c.name} has no output block`);
  }
}
