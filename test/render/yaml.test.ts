import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { canonicalize, locateValuePath, stringifyDocument, stringifyFile } from '../../src/render/yaml';

describe('canonicalize', () => {
  it('puts apiVersion, kind and metadata first and sorts the rest, at every depth', () => {
    const out = canonicalize({ spec: { b: 1, a: { d: 1, c: 2 } }, metadata: { name: 'x' }, kind: 'K', apiVersion: 'v1', data: {} });
    assert.deepEqual(Object.keys(out as object), ['apiVersion', 'kind', 'metadata', 'data', 'spec']);
    assert.deepEqual(Object.keys((out as { spec: { a: object } }).spec.a), ['c', 'd']);
  });

  it('keeps array order and drops undefined members', () => {
    assert.deepEqual(canonicalize({ a: [3, 1, 2], b: undefined }), { a: [3, 1, 2] });
  });

  it('sorts nested apiVersion like any other key', () => {
    const out = canonicalize({ spec: { kind: 'x', apiVersion: 'y' } }) as { spec: object };
    assert.deepEqual(Object.keys(out.spec), ['apiVersion', 'kind']);
  });
});

describe('stringifyDocument', () => {
  it('quotes strings YAML 1.1 readers (Kubernetes, Helm) would turn into booleans or octal', () => {
    const text = stringifyDocument({ a: 'on', b: 'yes', c: 'n', d: '0775', e: 'true' });
    const back = parse(text, { version: '1.1' }) as Record<string, unknown>;
    assert.deepEqual(back, { a: 'on', b: 'yes', c: 'n', d: '0775', e: 'true' });
  });

  it('writes multi-line strings with tabs as literal blocks that read back exactly', () => {
    const config = 'a "b" {\n\tc = 1\n}\n';
    const text = stringifyDocument({ content: config });
    assert.match(text, /content: \|/);
    assert.equal((parse(text) as { content: string }).content, config);
  });

  it('never folds long lines', () => {
    const long = 'x '.repeat(200).trim();
    assert.equal(stringifyDocument({ long }).split('\n').length, 2);
  });

  it('is deterministic whatever the key insertion order', () => {
    assert.equal(stringifyDocument({ b: 1, a: { y: 1, x: 2 } }), stringifyDocument({ a: { x: 2, y: 1 }, b: 1 }));
  });
});

describe('stringifyFile', () => {
  it('writes the header as comments and separates documents', () => {
    const text = stringifyFile([{ a: 1 }, { b: 2 }], ['Generated.', '']);
    assert.equal(text, '# Generated.\n#\na: 1\n---\nb: 2\n');
  });
});

describe('locateValuePath', () => {
  const text = '# head\na: 1\n---\nspec:\n  values:\n    tempo:\n      retention: 3d\n  list:\n    - x\n    - y\n';
  it('finds a key in the n-th document', () => {
    assert.deepEqual(locateValuePath(text, 1, ['spec', 'values', 'tempo', 'retention']), { line: 7, column: 7 });
  });
  it('finds a sequence item', () => {
    assert.deepEqual(locateValuePath(text, 1, ['spec', 'list', 1]), { line: 10, column: 7 });
  });
  it('stops at the deepest existing key', () => {
    assert.deepEqual(locateValuePath(text, 1, ['spec', 'values', 'missing']), { line: 5, column: 3 });
  });
  it('is undefined for a missing document', () => {
    assert.equal(locateValuePath(text, 5, ['a']), undefined);
  });

  it('maps a spot inside an embedded literal block to the file line and column', () => {
    const file = stringifyFile([{ data: { 'config.yaml': 'a: 1\nb:\n  c: 2\n' } }], ['header']);
    // header, data:, config.yaml: |, a: 1, b:, c: 2
    const pos = locateValuePath(file, 0, ['data', 'config.yaml'], (text) => locateValuePath(text, 0, ['b', 'c']));
    assert.deepEqual(pos, { line: 6, column: 7 });
    assert.equal(file.split('\n')[5]!.slice(pos!.column - 1), 'c: 2');
  });
});
