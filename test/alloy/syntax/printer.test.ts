import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format, formatDiagnostic, parse, print, printBody, type AlloyFile, type AttributeStmt } from '../../../src/alloy/syntax';

/** `alloy fmt` of `source`; tabs shown as → to keep expectations readable. */
function fmt(source: string): string {
  const result = format(source);
  assert.deepEqual(result.diagnostics.map((d) => formatDiagnostic(d)), []);
  return (result.output as string).replace(/\t/g, '→');
}

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

describe('printer', () => {
  it('writes printer output plus one newline; an empty file is one newline', () => {
    const { file } = parse('a=1');
    assert.equal(printBody(file!), 'a = 1');
    assert.equal(print(file!), 'a = 1\n');
    assert.equal(format('').output, '\n');
    assert.equal(format('\n\n// only\n\n').output, '// only\n');
  });

  it('aligns = across a run of one-line attributes, ending the run after a multi-line one', () => {
    assert.equal(
      fmt('a = 1\nlong_name = 2\nm = [\n1,\n]\nafter_multi = 3\nx = 4\n\nlonely = 5\n'),
      lines('a         = 1', 'long_name = 2', 'm         = [', '→1,', ']', 'after_multi = 3', 'x           = 4', '', 'lonely = 5'),
    );
  });

  it('measures alignment in code points', () => {
    assert.equal(fmt('é = 1\nab = 2\n'), lines('é  = 1', 'ab = 2'));
  });

  it('indents with tabs, puts a blank line before blocks and expands block bodies', () => {
    assert.equal(
      fmt('a = 1\nouter {\n    inner { deep = true }\n  y = 2\n}\nc = 3\n'),
      lines('a = 1', '', 'outer {', '→inner {', '→→deep = true', '→}', '→y = 2', '}', 'c = 3'),
    );
    assert.equal(fmt('b {}\nb "l" {\n\n}\n'), lines('b { }', '', 'b "l" { }'));
    assert.equal(fmt('b "" { a = 1 }\n'), lines('b {', '→a = 1', '}'));
  });

  it('keeps at most one blank line and drops leading ones', () => {
    assert.equal(fmt('\n\n\na = 1\n\n\n\nb = 2\n'), lines('a = 1', '', 'b = 2'));
  });

  it('spaces operators and removes padding inside one-line brackets', () => {
    assert.equal(fmt('a=1+-2*(3-x.y[0])\nb = { k = "v" }\nc = [ 1, 2, ]\nd = f (1,2)\ne = ! true\n'), lines(
      'a = 1 + -2 * (3 - x.y[0])',
      'b = {k = "v"}',
      'c = [1, 2]',
      'd = f(1, 2)',
      'e = !true',
    ));
  });

  it('follows the source line breaks of lists, objects and calls', () => {
    assert.equal(fmt('a = [1,\n2]\nb = f(\n1,\n)\nc = [{\nk = 1,\n}]\n'), lines(
      'a = [1,', '→2]', 'b = f(', '→1,', ')', 'c = [{', '→k = 1,', '}]',
    ));
    assert.equal(fmt('o = {\nk = 1,\n\nlonger = [\n1,\n],\nz = 2,\n}\n'), lines(
      'o = {', '→k      = 1,', '→longer = [', '→→1,', '→],', '→z = 2,', '}',
    ));
  });

  it('prints literals verbatim, re-quotes labels and quoted keys', () => {
    assert.equal(fmt('a = 0755\nb = 1E+2\nc = "\\x41é"\nd = `raw\n  text`\n'), lines('a = 0755', 'b = 1E+2', 'c = "\\x41é"', 'd = `raw', '  text`'));
    assert.equal(fmt('o = {"plain" = 1, "a b" = 2}\n'), lines('o = {"plain" = 1, "a b" = 2}'));
  });

  it('reproduces the upstream quirks: raw TAB in a string, escapes in quoted keys', () => {
    assert.equal(fmt('a = "x\ty"\nbbb = 1\n'), lines('a   = "x y"', 'bbb = 1'));
    assert.equal(fmt('o = {"a\\"b" = 1}\n'), lines('o = {"a\\\\\\"b" = 1}'));
  });

  it('keeps comments in place, aligns trailing ones and re-indents them', () => {
    assert.equal(
      fmt('// head\n\nshort = 1 // one\nlonger_name = 22 // two\nblk {\n// inner\n  x = 1 /* c */\n  // last\n}\n'),
      lines(
        '// head',
        '',
        'short       = 1  // one',
        'longer_name = 22 // two',
        // As upstream: a comment before a block (here a trailing one) takes the blank line's place.
        'blk {',
        '→// inner',
        '→x = 1 /* c */',
        '→// last',
        '}',
      ),
    );
  });

  it('loses the blank line before a block when a comment sits right above it', () => {
    assert.equal(fmt('a = 1\n// about blk\nblk {}\n'), lines('a = 1', '// about blk', 'blk { }'));
    assert.equal(fmt('a = 1\n\n// about blk\nblk {}\n'), lines('a = 1', '', '// about blk', 'blk { }'));
  });

  it('keeps comments inside lists and empty blocks', () => {
    assert.equal(fmt('l = [ // c\n  1, // d\n  // e\n]\nb { // f\n}\nc { /* g */ }\n'), lines(
      'l = [ // c', '→1, // d', '→// e', ']', '', 'b { // f', '}', '', 'c { /* g */ }',
    ));
  });

  it('normalises CRLF and strips trailing whitespace', () => {
    assert.equal(fmt('a = 1   \r\n// c  \r\nb = 2\t\r\n'), lines('a = 1', '// c', 'b = 2'));
  });

  it('writes text that is not ASCII exactly as it is, lone surrogates and a leading BOM included', () => {
    // Hand-made nodes: the parser would reject these strings, the printer must not alter them.
    const attr = (name: string, raw: string): AttributeStmt => ({
      kind: 'Attribute',
      name: { kind: 'Identifier', name },
      value: { kind: 'Literal', type: 'string', raw },
    });
    const file = (...body: AttributeStmt[]): AlloyFile => ({ kind: 'File', body, comments: [] });
    assert.equal(print(file(attr('\ufeffa', '"x"'))), '\ufeffa = "x"\n');
    assert.equal(print(file(attr('é', '"\ud800😀\udc00"'), attr('bb', '"é"'))), 'é  = "\ud800😀\udc00"\nbb = "é"\n');
  });

  it('prints files far longer than their source', () => {
    const source = Array.from({ length: 3000 }, (_, i) => `b${i} { x = [1,2] }`).join('\n');
    const expected = Array.from({ length: 3000 }, (_, i) => `b${i} {\n\tx = [1, 2]\n}`).join('\n\n') + '\n';
    assert.equal(format(source).output, expected);
  });
});
