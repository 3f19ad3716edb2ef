import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDuplicateKeys } from '../../src/check/duplicate-keys';
import { parseYaml, positionAt } from '../../src/check/source';

/** The duplicates of a YAML text as `line:col>firstLine:firstCol` strings. */
function dups(text: string): string[] {
  const source = parseYaml('x.yaml', text);
  return source.documents.flatMap((d) =>
    findDuplicateKeys(d).map((k) => {
      const at = positionAt(source, k.offset);
      const first = positionAt(source, k.firstOffset);
      return `${k.key}@${at.line}:${at.column}>${first.line}:${first.column}`;
    }),
  );
}

describe('findDuplicateKeys (kustomize and Flux semantics)', () => {
  it('reports the second key with the position of the first, in block and flow maps', () => {
    assert.deepEqual(dups('a: 1\nb: 2\na: 3\n'), ['a@3:1>1:1']);
    assert.deepEqual(dups('m: {x: 1, y: 2, x: 3}\n'), ['x@1:17>1:5']);
  });
  it('treats keys with equal text as equal whatever the quoting or tag', () => {
    assert.deepEqual(dups('a: 1\n"a": 2\n'), ['a@2:1>1:1']);
    assert.deepEqual(dups("a: 1\n'a': 2\n"), ['a@2:1>1:1']);
    assert.deepEqual(dups('!!str a: 1\na: 2\n'), ['a@2:1>1:7']);
    assert.deepEqual(dups('1: x\n"1": y\n'), ['1@2:1>1:1']);
    assert.deepEqual(dups('true: x\n"true": y\n'), ['true@2:1>1:1']);
  });
  it('treats keys with equal values as equal (kustomize refuses them when converting to JSON)', () => {
    assert.deepEqual(dups('1: x\n01: y\n'), ['01@2:1>1:1']);
    assert.deepEqual(dups('~: x\nnull: y\n'), ['null@2:1>1:1']);
  });
  it('does not confuse different keys', () => {
    assert.deepEqual(dups('a: 1\nA: 2\n"a ": 3\nb: {a: 1}\n'), []);
  });
  it('flags a repeated merge key but not a merge list or an override', () => {
    assert.deepEqual(dups('b1: &b1 {x: 1}\nb2: &b2 {z: 2}\nc:\n  <<: *b1\n  <<: *b2\n'), ['<<@5:3>4:3']);
    assert.deepEqual(dups('b1: &b1 {x: 1}\nb2: &b2 {z: 2}\nc:\n  <<: [*b1, *b2]\n'), []);
    assert.deepEqual(dups('b: &b {x: 1}\nc:\n  <<: *b\n  x: 2\n'), []);
  });
  it('resolves an alias key to the key it names', () => {
    assert.deepEqual(dups('k: &k a\nmap:\n  a: first\n  *k : second\n'), ['a@4:3>3:3']);
  });
  it('collides any two collection keys of one kind, as go-yaml does', () => {
    assert.deepEqual(dups('? [a]\n: 1\n? [b]\n: 2\n'), ['[...]@3:3>1:3']);
  });
  it('checks each document on its own, with file line numbers', () => {
    assert.deepEqual(dups('a: 1\n---\na: 2\n'), []);
    assert.deepEqual(dups('a: 1\n---\nb: 1\nb: 2\n'), ['b@4:1>3:1']);
  });
});
