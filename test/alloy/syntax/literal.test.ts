import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { literalValue, parse, type AttributeStmt, type LiteralExpr } from '../../../src/alloy/syntax';

function valueOf(source: string): unknown {
  const { file, diagnostics } = parse(`x = ${source}\n`);
  assert.deepEqual(diagnostics, []);
  return literalValue((file!.body[0] as AttributeStmt).value as LiteralExpr);
}

describe('literalValue', () => {
  it('decodes numbers as Alloy evaluates them, octal quirk included', () => {
    assert.equal(valueOf('10'), 10);
    assert.equal(valueOf('0755'), 493);
    assert.equal(valueOf('09'), 9);
    assert.equal(valueOf('0'), 0);
    assert.equal(valueOf('1.'), 1);
    assert.equal(valueOf('.5'), 0.5);
    assert.equal(valueOf('2.5e-3'), 0.0025);
    assert.equal(valueOf('1E+2'), 100);
  });

  it('decodes strings, raw strings, booleans and null', () => {
    assert.equal(valueOf('"a\\tb\\n\\"q\\"\\\\"'), 'a\tb\n"q"\\');
    assert.equal(valueOf('"\\x41\\101\\u00e9\\U0001F600"'), 'AAé😀');
    assert.equal(valueOf('"\\xc3\\xa9"'), 'é', '\\x escapes are bytes');
    assert.equal(valueOf('"\\xff"'), '\ufffd');
    assert.equal(valueOf('"${env}"'), '${env}');
    assert.equal(valueOf('`raw \\n\r\nline`'), 'raw \\n\nline');
    assert.equal(valueOf('true'), true);
    assert.equal(valueOf('false'), false);
    assert.equal(valueOf('null'), null);
  });
});
