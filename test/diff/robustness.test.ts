import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { diffTrees, hasChanges, renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../src/diff';
import { diffLines, diffSequence } from '../../src/diff/sequence';

/** Every rendering of base -> head (so a throw anywhere fails the test). */
function renderAll(base: { path: string; content: string }[], head: { path: string; content: string }[]): string[] {
  const d = diffTrees(base, head);
  return [renderDiffText(d), renderDiffMarkdown(d), renderDiffJson(d)];
}

describe('diffTrees on odd input', () => {
  it('never throws on documents that are not resources or do not parse', () => {
    const odd = [
      '',
      '---\n---\n',
      '42\n',
      '- a\n- b\n',
      'a: &a [x]\nb: [*a, *a, *a]\n',
      'a: [\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  c.alloy: "a {"\n  v.yaml: "a: ["\n',
      'apiVersion: 7\nkind: [x]\nmetadata: "m"\n',
      'k: {{ .Values.x }}\n',
    ];
    for (const a of odd) {
      for (const b of odd) {
        assert.doesNotThrow(() => renderAll([{ path: 'f.yaml', content: a }], [{ path: 'f.yaml', content: b }]), `${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
      }
    }
  });

  it('compares a YAML alias bomb as text instead of expanding it', () => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const d = diffTrees([{ path: 'f.yaml', content: bomb }], [{ path: 'f.yaml', content: bomb + 'z: 1\n' }]);
    assert.deepEqual(d.files, [{ path: 'f.yaml', status: 'changed', compared: 'text', lines: { added: 1, removed: 0 }, note: 'base and head do not parse as YAML' }]);
  });

  it('reports a document that is not a map by its file and index', () => {
    const d = diffTrees([{ path: 'f.yaml', content: '- a\n' }], [{ path: 'f.yaml', content: '- b\n' }]);
    assert.deepEqual(
      d.resources.map((r) => [r.file, r.index, r.name, r.values]),
      [['f.yaml', 0, undefined, [{ path: '[0]', status: 'changed', old: 'a', new: 'b' }]]],
    );
  });

  it('finds no change between a tree and a copy of it, and never throws, for any text', () => {
    const file = fc.record({ path: fc.constantFrom('a.yaml', 'b.yml', 'c.alloy', 'd.txt'), content: fc.string({ maxLength: 200 }) });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 4 }), fc.array(file, { maxLength: 4 }), (base, head) => {
        renderAll(base, head);
        assert.equal(hasChanges(diffTrees(base, base.map((f) => ({ ...f })))), false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the edit script', () => {
  it('turns a into b with deletions before insertions in each run', () => {
    const edits = diffSequence(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
    assert.deepEqual(edits, [
      { op: 'equal', a: 0, b: 0 },
      { op: 'delete', a: 1 },
      { op: 'insert', b: 1 },
      { op: 'equal', a: 2, b: 2 },
      { op: 'equal', a: 3, b: 3 },
      { op: 'insert', b: 4 },
    ]);
    assert.deepEqual(diffLines('a\nb\n', 'a\nb\nc\nd'), { lines: ['+ c', '+ d'], added: 2, removed: 0 });
  });

  it('keeps every element of a and b exactly once, in order', () => {
    const list = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 12 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const edits = diffSequence(a, b);
        assert.deepEqual(edits.flatMap((e) => (e.op === 'insert' ? [] : [a[e.a]])), a);
        assert.deepEqual(edits.flatMap((e) => (e.op === 'delete' ? [] : [b[e.b]])), b);
        for (const e of edits) if (e.op === 'equal') assert.equal(a[e.a], b[e.b]);
      }),
    );
  });
});
