import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, parse, positionAt, tokenize, type AttributeStmt, type BlockStmt } from '../../../src/alloy/syntax';
import { exprShape, fileShape } from './ast-shape';

const errors = (source: string | Uint8Array): string[] => parse(source).diagnostics.map((d) => formatDiagnostic(d));

function valueOf(source: string): ReturnType<typeof exprShape> {
  const { file, diagnostics } = parse(`x = ${source}\n`);
  assert.deepEqual(diagnostics, []);
  return exprShape((file!.body[0] as AttributeStmt).value);
}

describe('parser', () => {
  it('parses attributes and labelled, nested blocks', () => {
    const { file, diagnostics } = parse('a = 1\notelcol.receiver.otlp "default" {\n  grpc { }\n  output { traces = [] }\n}\n');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(fileShape(file!), [
      ['attr', 'a', ['lit', 'number', '1']],
      ['block', 'otelcol.receiver.otlp', 'default', [
        ['block', 'grpc', null, []],
        ['block', 'output', null, [['attr', 'traces', ['list', []]]]],
      ]],
    ]);
  });

  it('parses an empty file and a comment-only file', () => {
    assert.deepEqual(parse('').file?.body, []);
    const { file } = parse('// hello\n/* there */\n');
    assert.deepEqual(file?.comments.map((c) => c.text), ['// hello', '/* there */']);
  });

  it('follows Alloy precedence and associativity', () => {
    assert.deepEqual(valueOf('1 + 2 * 3'), ['+', ['lit', 'number', '1'], ['*', ['lit', 'number', '2'], ['lit', 'number', '3']]]);
    assert.deepEqual(valueOf('1 - 2 - 3'), ['-', ['-', ['lit', 'number', '1'], ['lit', 'number', '2']], ['lit', 'number', '3']]);
    assert.deepEqual(valueOf('2 ^ 3 ^ 2'), ['^', ['lit', 'number', '2'], ['^', ['lit', 'number', '3'], ['lit', 'number', '2']]]);
    assert.deepEqual(valueOf('-2 ^ 2'), ['^', ['-', ['lit', 'number', '2']], ['lit', 'number', '2']]);
    assert.deepEqual(valueOf('a || b && c == d'), ['||', ['id', 'a'], ['&&', ['id', 'b'], ['==', ['id', 'c'], ['id', 'd']]]]);
    assert.deepEqual(valueOf('1 < 2 == true'), ['==', ['<', ['lit', 'number', '1'], ['lit', 'number', '2']], ['lit', 'bool', 'true']]);
  });

  it('parses references, calls, indexes and parentheses', () => {
    assert.deepEqual(valueOf('otelcol.processor.batch.default.input'), [
      '.', ['.', ['.', ['.', ['id', 'otelcol'], 'processor'], 'batch'], 'default'], 'input',
    ]);
    assert.deepEqual(valueOf('sys.env("HOME")[0]'), ['[]', ['call', ['.', ['id', 'sys'], 'env'], [['lit', 'string', '"HOME"']]], ['lit', 'number', '0']]);
    assert.deepEqual(valueOf('(a.b)(1)'), ['call', ['()', ['.', ['id', 'a'], 'b']], [['lit', 'number', '1']]]);
    assert.deepEqual(valueOf('x.y .z'), ['.', ['.', ['id', 'x'], 'y'], 'z']);
  });

  it('keeps object keys as written: bare or quoted raw text', () => {
    assert.deepEqual(valueOf('{a = 1, "b c" = 2, "a\\"b" = 3, `raw` = 4}'), ['object', [
      ['a', false, ['lit', 'number', '1']],
      ['b c', true, ['lit', 'number', '2']],
      ['a\\"b', true, ['lit', 'number', '3']],
      ['raw', true, ['lit', 'number', '4']],
    ]]);
  });

  it('accepts multi-line lists, objects and calls with trailing commas', () => {
    assert.deepEqual(errors('a = [\n  1,\n  2,\n]\nb = {\n  k = 1,\n}\nc = f(\n  1,\n)\n'), []);
  });

  it('accepts an empty label, and keeps it for the printer to drop', () => {
    const { file } = parse('b "" { }\n');
    assert.equal((file!.body[0] as BlockStmt).label, '');
  });

  it('records byte offsets of nodes, which positionAt turns into lines and byte columns', () => {
    const { file } = parse('é = [1,\n  22]\n');
    const attr = file!.body[0] as AttributeStmt;
    assert.deepEqual([attr.start, attr.value.start, attr.value.end, attr.end], [0, 5, 14, 14]);
    assert.deepEqual(file!.lineStarts, [0, 9, 15]);
    assert.deepEqual(positionAt(file!, attr.start!), { offset: 0, line: 1, column: 1 });
    assert.deepEqual(positionAt(file!, attr.value.start!), { offset: 5, line: 1, column: 6 });
    assert.deepEqual(positionAt(file!, attr.value.end!), { offset: 14, line: 2, column: 6 });
  });

  it('keeps offsets and positions of every token and comment in step with the scanner', () => {
    // A BOM, CRLF, multi-byte text, comments (one ending a line), a multi-line block comment and string.
    const source = '\ufeffa = 1 // x\r\nb "é" {\n  c = [\n    "ü", /* m\n */ 2,\n  ]\n  d = `r\ns`\n}\n';
    const { file } = parse(source);
    assert.ok(file);
    const tokens = tokenize(source);
    assert.ok(tokens.length > 20);
    for (const t of tokens) {
      assert.deepEqual(positionAt(file, t.start.offset), t.start, `start of ${t.kind} ${JSON.stringify(t.text)}`);
      assert.deepEqual(positionAt(file, t.end.offset), t.end, `end of ${t.kind} ${JSON.stringify(t.text)}`);
    }
    const [comment] = file.comments;
    assert.deepEqual([comment?.text, positionAt(file, comment!.start)], ['// x', { offset: 9, line: 1, column: 10 }]);
  });

  it('returns no file and Alloy-worded diagnostics on errors', () => {
    const result = parse('a = 1 b = 2\n');
    assert.equal(result.file, undefined);
    assert.deepEqual(errors('a = 1 b = 2\n'), ['1:7: expected TERMINATOR, got IDENT']);
    assert.deepEqual(errors('a.b = 1\n'), ['1:1: attribute names may only consist of a single identifier with no "."']);
    assert.deepEqual(errors('a "l" = 1\n'), ['1:3: attribute names may not have labels']);
    assert.deepEqual(errors('b x {}\n'), ['1:3: expected block label, got IDENT']);
    assert.deepEqual(errors('b "x y" {}\n'), ['1:3: expected block label to be a valid identifier, but got "x y"']);
    assert.deepEqual(errors('b `x` {}\n'), ['1:3: expected block label to be a double quoted string, but got "`x`"']);
    assert.deepEqual(errors('b "x" "y" {}\n'), ['1:7: expected block body, got STRING']);
    assert.deepEqual(errors('b\n'), ['1:2: expected block label, got TERMINATOR']);
    assert.deepEqual(errors('x = [\n  1\n]\n'), ["2:4: missing ',' in expression list"]);
    assert.deepEqual(errors('x = {\n  a = 1\n}\n'), ["2:8: missing ',' in field list"]);
    assert.deepEqual(errors('x = {1 = 1}\n'), ['1:6: expected field name (string or identifier), got NUMBER']);
    assert.deepEqual(errors('x = a.null\n'), ['1:7: expected IDENT, got NULL']);
    assert.deepEqual(errors('x = (1\n'), ['1:7: expected ), got TERMINATOR']);
    assert.deepEqual(errors('x = \n'), ['2:1: expected expression, got EOF']);
    assert.deepEqual(errors('x = c.d "l" {\n  y = 1\n}\n'), ['1:5: cannot use a block as an expression']);
    assert.deepEqual(errors('b {\n  a = 1\n'), ['3:1: expected }, got EOF']);
    assert.deepEqual(errors('}\n'), ['1:1: expected identifier, got }']);
  });

  it('recovers from an unterminated block label as Alloy does (validator-testdata syntax_errors)', () => {
    // The label text is the raw token minus its first and last character, even when the string is
    // unterminated; the statement is then abandoned up to the next identifier (past the newline),
    // so the next line's name is reported as a missing TERMINATOR and the `}` as a new statement.
    assert.deepEqual(errors('a "b {\n\tc = 1\n}\n'), [
      '1:3: string literal not terminated',
      '1:3: expected block label to be a valid identifier, but got "b "',
      '2:2: expected TERMINATOR, got IDENT',
      '3:1: expected identifier, got }',
    ]);
    // A two-character unterminated label is empty, hence no label error; a lone quote as well.
    assert.deepEqual(errors('a "b\n'), ['1:3: string literal not terminated', '1:5: expected attribute assignment or block body, got TERMINATOR']);
    assert.deepEqual(errors('A"'), ['1:2: string literal not terminated', '1:3: expected attribute assignment or block body, got TERMINATOR']);
  });

  it('reports one parser error per line but every scanner error', () => {
    assert.deepEqual(errors('a = 1 2 3 4\nb = 1 2\n'), ['1:7: expected TERMINATOR, got NUMBER', '2:7: expected TERMINATOR, got NUMBER']);
    assert.deepEqual(errors('a = # @\n'), [
      "1:5: illegal character U+0023 '#'",
      '1:5: expected expression, got ILLEGAL',
      "1:7: illegal character U+0040 '@'",
    ]);
  });

  it('reports invalid UTF-8 when given bytes', () => {
    assert.deepEqual(errors(Uint8Array.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xc3, 0x22, 0x0a])), ['1:6: illegal UTF-8 encoding']);
    assert.deepEqual(errors(new TextEncoder().encode('a = "é"\n')), []);
  });

  it('formats diagnostics with and without a file name', () => {
    const [d] = parse('a = 1 b\n').diagnostics;
    assert.equal(formatDiagnostic(d!), '1:7: expected TERMINATOR, got IDENT');
    assert.equal(formatDiagnostic(d!, 'config.alloy'), 'config.alloy:1:7: expected TERMINATOR, got IDENT');
  });
});
