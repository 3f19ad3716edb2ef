import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, type AlloyFile } from '../../../src/alloy/syntax';

// The parser builds nodes with constructor functions (src/alloy/syntax/nodes.ts) rather than
// object literals; these tests pin down that callers still get plain objects with the properties,
// in the order, that the literals had.

/** Own keys of each node kind, in order, as the parser's object literals had them. */
const keyOrder: Record<string, readonly string[]> = {
  Attribute: ['kind', 'name', 'value', 'assign', 'start', 'end'],
  Identifier: ['kind', 'name', 'start', 'end'],
  Block: ['kind', 'name', 'body', 'lcurly', 'start', 'end', 'rcurly'],
  LabelledBlock: ['kind', 'name', 'body', 'lcurly', 'start', 'end', 'rcurly', 'label', 'labelPos'],
  Literal: ['kind', 'type', 'raw', 'start', 'end'],
  Array: ['kind', 'elements', 'lbrack', 'rbrack', 'start', 'end'],
  Object: ['kind', 'fields', 'lcurly', 'start', 'end', 'rcurly'],
  Field: ['kind', 'key', 'quoted', 'value', 'start', 'end', 'assign'],
  Access: ['kind', 'value', 'name', 'dot', 'start', 'end'],
  Index: ['kind', 'value', 'index', 'lbrack', 'start', 'end', 'rbrack'],
  Call: ['kind', 'callee', 'args', 'lparen', 'start', 'end', 'rparen'],
  Unary: ['kind', 'op', 'operand', 'start', 'end'],
  Binary: ['kind', 'op', 'left', 'right', 'opPos', 'start', 'end'],
  Paren: ['kind', 'inner', 'lparen', 'rparen', 'start', 'end'],
  Comment: ['text', 'start', 'end'],
};

/** Every node object of a parsed file (statements, expressions, fields, comments). */
function nodesOf(file: AlloyFile): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (typeof x === 'object' && x !== null) {
      out.push(x as Record<string, unknown>);
      for (const v of Object.values(x)) visit(v);
    }
  };
  visit(file.body);
  visit(file.comments);
  return out;
}

describe('parsed nodes', () => {
  const source = [
    '// every kind of node',
    'x = -a.b[0](1, (2 + y), {k = [true], "q" = null}) /* trailing */',
    'otelcol.receiver.otlp "default" {',
    '  grpc { }',
    '}',
    '',
  ].join('\n');

  it('are plain objects with the properties of the object literals, in order', () => {
    const { file, diagnostics } = parse(source);
    assert.deepEqual(diagnostics, []);
    const seen = new Set<string>();
    for (const node of nodesOf(file!)) {
      assert.equal(Object.getPrototypeOf(node), Object.prototype);
      const kind = node.kind === undefined ? 'Comment' : node.kind === 'Block' && 'label' in node ? 'LabelledBlock' : String(node.kind);
      assert.deepEqual(Object.keys(node), keyOrder[kind], `keys of a ${kind} node`);
      seen.add(kind);
    }
    assert.deepEqual([...seen].sort(), Object.keys(keyOrder).sort());
  });

  it('compare equal to the same nodes written as literals', () => {
    const { file } = parse('a = "b"\n');
    assert.deepStrictEqual(file!.body, [
      {
        kind: 'Attribute',
        name: { kind: 'Identifier', name: 'a', start: 0, end: 1 },
        value: { kind: 'Literal', type: 'string', raw: '"b"', start: 4, end: 7 },
        assign: 2,
        start: 0,
        end: 7,
      },
    ]);
    assert.equal(JSON.stringify(file!.body[0]), '{"kind":"Attribute","name":{"kind":"Identifier","name":"a","start":0,"end":1},"value":{"kind":"Literal","type":"string","raw":"\\"b\\"","start":4,"end":7},"assign":2,"start":0,"end":7}');
  });
});
