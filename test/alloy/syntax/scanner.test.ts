import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeUtf8, Scanner, tokenize, type Position } from '../../../src/alloy/syntax';

const kinds = (source: string): string[] => tokenize(source).map((t) => t.kind);

function scanErrors(source: string | Uint8Array): Array<[string, number, number]> {
  const errors: Array<[string, number, number]> = [];
  const onError = (message: string, at: Position): void => void errors.push([message, at.line, at.column]);
  const scanner =
    typeof source === 'string'
      ? new Scanner(source, { onError })
      : new Scanner(decodeUtf8(source), { onError, fromBytes: true });
  while (scanner.next().kind !== 'EOF');
  return errors;
}

describe('scanner', () => {
  it('scans identifiers, keywords, numbers, strings and operators', () => {
    assert.deepEqual(kinds('a.b_1 true null 10 1.5 .5 1e3 "s" `r` || && == != <= >= < > ! = + - * / % ^ { } ( ) [ ] , .'), [
      'IDENT', '.', 'IDENT', 'BOOL', 'NULL', 'NUMBER', 'FLOAT', 'FLOAT', 'FLOAT', 'STRING', 'STRING',
      '||', '&&', '==', '!=', '<=', '>=', '<', '>', '!', '=', '+', '-', '*', '/', '%', '^',
      '{', '}', '(', ')', '[', ']', ',', '.', 'EOF',
    ]);
  });

  it('accepts Unicode letters and digits in identifiers', () => {
    const [t] = tokenize('métrica_café۱');
    assert.equal(t?.kind, 'IDENT');
    assert.equal(t?.text, 'métrica_café۱');
  });

  it('inserts a TERMINATOR only after a value, at the newline', () => {
    assert.deepEqual(kinds('a = 1\nb = [\n2,\n]\n'), [
      'IDENT', '=', 'NUMBER', 'TERMINATOR', 'IDENT', '=', '[', 'NUMBER', ',', ']', 'TERMINATOR', 'EOF',
    ]);
    assert.deepEqual(kinds('x +\ny'), ['IDENT', '+', 'IDENT', 'TERMINATOR', 'EOF']);
  });

  it('lets a comment that ends the line act as the newline', () => {
    const tokens = tokenize('a = 1 // c\nb = 2 /* d */\n');
    assert.deepEqual(tokens.map((t) => t.kind), [
      'IDENT', '=', 'NUMBER', 'TERMINATOR', 'COMMENT', 'IDENT', '=', 'NUMBER', 'TERMINATOR', 'COMMENT', 'EOF',
    ]);
    assert.equal(tokens[3]?.start.column, 7, 'the terminator sits where the comment starts');
    assert.deepEqual(kinds('a /* c */ b'), ['IDENT', 'COMMENT', 'IDENT', 'TERMINATOR', 'EOF']);
  });

  it('counts columns and offsets in UTF-8 bytes', () => {
    const tokens = tokenize('é = "😀" @');
    assert.deepEqual(tokens.map((t) => [t.kind, t.start.offset, t.start.column]), [
      ['IDENT', 0, 1], ['=', 3, 4], ['STRING', 5, 6], ['ILLEGAL', 12, 13], ['TERMINATOR', 13, 14], ['EOF', 13, 14],
    ]);
    assert.deepEqual(scanErrors('é = 1 @'), [["illegal character U+0040 '@'", 1, 8]]);
  });

  it('tracks lines across raw strings and block comments', () => {
    const tokens = tokenize('a = `x\ny`\n/* 1\n2 */ b');
    const b = tokens.find((t) => t.text === 'b');
    assert.deepEqual([b?.start.line, b?.start.column], [4, 6]);
    assert.deepEqual([tokens[2]?.end.line, tokens[2]?.end.column], [2, 3]);
  });

  it('strips \\r from comments and raw strings', () => {
    const tokens = tokenize('// c\r\n/* a\r\nb */ x = `p\r\nq`', { insertTerminators: false });
    assert.deepEqual(tokens.filter((t) => t.kind === 'COMMENT' || t.kind === 'STRING').map((t) => t.text), ['// c', '/* a\nb */', '`p\nq`']);
  });

  it('skips a leading byte order mark only', () => {
    assert.deepEqual(scanErrors('\ufeffa = 1'), []);
    assert.deepEqual(scanErrors('a = 1\ufeff'), [['illegal byte order mark', 1, 6]]);
  });

  it('reports lexical errors with Alloy wording', () => {
    assert.deepEqual(scanErrors('a = "x\\q"'), [['unknown escape sequence', 1, 8]]);
    assert.deepEqual(scanErrors('a = "\\\'"'), [['unknown escape sequence', 1, 7]]);
    assert.deepEqual(scanErrors('a = "\\uD800"'), [['escape sequence is invalid Unicode code point', 1, 7]]);
    assert.deepEqual(scanErrors('a = "\\x4G"'), [["illegal character U+0047 'G' in escape sequence", 1, 9]]);
    assert.deepEqual(scanErrors('a = "abc'), [['string literal not terminated', 1, 5]]);
    assert.deepEqual(scanErrors('a = `abc'), [['raw string literal not terminated', 1, 5]]);
    assert.deepEqual(scanErrors('/* x'), [['block comment not terminated', 1, 1]]);
    assert.deepEqual(scanErrors("a = 'x'"), [['illegal single-quoted string; use double quotes', 1, 5]]);
    assert.deepEqual(scanErrors('a = 10E'), [['exponent has no digits', 1, 5]]);
    assert.deepEqual(scanErrors('a\u0000'), [['illegal character NUL', 1, 2], ['illegal character U+0000', 1, 2]]);
    assert.deepEqual(scanErrors('#'), [["illegal character U+0023 '#'", 1, 1]]);
    assert.deepEqual(scanErrors('a & b'), [["illegal character U+0026 '&'", 1, 3]]);
  });

  it('accepts every valid escape', () => {
    assert.deepEqual(scanErrors('a = "\\a\\b\\f\\n\\r\\t\\v\\\\\\"\\101\\x41\\u00e9\\U0001F600"'), []);
  });

  it('reports invalid UTF-8 in bytes, and unpaired surrogates in strings', () => {
    assert.deepEqual(scanErrors(Uint8Array.from([0x61, 0x3d, 0x22, 0xff, 0x22])), [['illegal UTF-8 encoding', 1, 4]]);
    assert.deepEqual(scanErrors(Uint8Array.from([0xe9, 0x3d])), [
      ['illegal UTF-8 encoding', 1, 1],
      ["illegal character U+FFFD '\ufffd'", 1, 1],
    ]);
    assert.deepEqual(scanErrors('a = "\ud800"'), [['illegal UTF-8 encoding', 1, 6]]);
  });

  it('decodes valid UTF-8 and marks each invalid byte', () => {
    assert.equal(decodeUtf8(new TextEncoder().encode('é😀x')), 'é😀x');
    assert.equal(decodeUtf8(Uint8Array.from([0xc0, 0x80, 0xed, 0xa0, 0x80])), '\udcc0\udc80\udced\udca0\udc80');
  });

  it('keeps the text of every identifier when thousands of distinct ones share cache slots', () => {
    // The scanner reuses identifier strings through a small hash table: collisions must not mix them up.
    const names = Array.from({ length: 20000 }, (_, i) => (i % 3 === 0 ? `n${i}` : i % 3 === 1 ? `x_${i % 500}` : `é${i}`));
    const texts = tokenize(names.join(' ')).filter((t) => t.kind === 'IDENT').map((t) => t.text);
    assert.deepEqual(texts, names);
  });

  it('gives adjacent tokens equal positions where one ends and the next starts', () => {
    const [a, dot, b] = tokenize('a.b');
    assert.deepEqual(a?.end, { offset: 1, line: 1, column: 2 });
    assert.deepEqual(dot?.start, { offset: 1, line: 1, column: 2 });
    assert.deepEqual(dot?.end, { offset: 2, line: 1, column: 3 });
    assert.deepEqual(b?.start, { offset: 2, line: 1, column: 3 });
    assert.deepEqual(b?.end, { offset: 3, line: 1, column: 4 });
  });
});

describe('scanner line table', () => {
  /** The line starts of `source`, computed directly. */
  const expectedStarts = (source: string): number[] => {
    const starts = [0];
    const bytes = Buffer.from(source, 'utf8');
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
    return starts;
  };
  const scanAll = (scanner: Scanner): void => {
    while (scanner.scan() !== 'EOF');
  };

  it('lists every line start at EOF, for sources longer than the reused buffer', () => {
    const big = Array.from({ length: 5000 }, (_, i) => `a${i} = "é${i}"`).join('\n') + '\n';
    const scanner = new Scanner(big);
    scanAll(scanner);
    assert.deepEqual(scanner.lineStarts, expectedStarts(big));
    assert.deepEqual(scanner.positionAt(Buffer.byteLength(big) - 2), { offset: Buffer.byteLength(big) - 2, line: 5000, column: 16 });
    // A later, smaller source gets the (reused, larger) buffer and only its own lines.
    const small = 'x = 1\n\ny = 2';
    const again = new Scanner(small);
    scanAll(again);
    assert.deepEqual(again.lineStarts, [0, 6, 7]);
  });

  it('lists the lines scanned so far before EOF, and positions offsets in them', () => {
    const source = 'a = 1\nb = 2\nc = 3\n';
    const scanner = new Scanner(source);
    while (scanner.scan() !== 'IDENT' || scanner.text !== 'b');
    assert.deepEqual(scanner.lineStarts, [0, 6]);
    assert.deepEqual(scanner.positionAt(8), { offset: 8, line: 2, column: 3 });
    assert.deepEqual(scanner.positionAt(3), { offset: 3, line: 1, column: 4 });
    scanAll(scanner);
    assert.deepEqual(scanner.lineStarts, [0, 6, 12, 18]);
  });

  it('keeps the lines of scanners used at the same time apart', () => {
    const one = 'a\nb\nc\n';
    const two = 'x\n\n\n\ny\n';
    const first = new Scanner(one);
    const second = new Scanner(two);
    for (;;) {
      const k1 = first.scan();
      const k2 = second.scan();
      if (k1 === 'EOF' && k2 === 'EOF') break;
    }
    assert.deepEqual(first.lineStarts, expectedStarts(one));
    assert.deepEqual(second.lineStarts, expectedStarts(two));
    // A third scanner, which may get a buffer one of them left, does not disturb them.
    scanAll(new Scanner('p\nq\n'));
    assert.deepEqual(first.lineStarts, expectedStarts(one));
    assert.deepEqual(first.positionAt(4), { offset: 4, line: 3, column: 1 });
  });
});
