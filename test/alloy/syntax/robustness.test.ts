import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_MAX_DEPTH, depthLimitMessage, format, formatDiagnostic, parse, print, type SyntaxDiagnostic } from '../../../src/alloy/syntax';

const sample = [
  '// A sample with a bit of everything.',
  'logging {',
  '\tlevel  = "info" // trailing',
  '\tformat = `raw',
  'text`',
  '}',
  '',
  'otelcol.receiver.otlp "default" {',
  '\tgrpc { endpoint = sys.env("GRPC") }',
  '\thttp { }',
  '',
  '\t/* block',
  '\t   comment */',
  '\toutput {',
  '\t\ttraces = [otelcol.processor.batch.default.input, a.b[0].c(1, -2 ^ 3)]',
  '\t\tmetrics = [',
  '\t\t\t{"k" = "v\\t\\u00e9", n = 1.5e3},',
  '\t\t]',
  '\t}',
  '}',
  '',
].join('\n');

/** Parses and formats without throwing; a formatted result must itself parse. */
function survives(source: string | Uint8Array): SyntaxDiagnostic[] {
  const result = format(source);
  if (result.output !== undefined) assert.deepEqual(parse(result.output).diagnostics.map((d) => formatDiagnostic(d)), []);
  return result.diagnostics;
}

describe('robustness', () => {
  it('the sample itself formats', () => {
    assert.deepEqual(survives(sample), []);
  });

  it('survives every truncation of a config', () => {
    for (let n = 0; n <= sample.length; n++) survives(sample.slice(0, n));
  });

  it('survives random bytes, including invalid UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const d of survives(bytes)) assert.ok(d.start.offset <= bytes.length && d.start.line >= 1 && d.start.column >= 1);
      }),
      { numRuns: 500 },
    );
  });

  it('survives random text, including unpaired surrogates', () => {
    const anyUnit = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }).map((u) => String.fromCharCode(...u)));
    fc.assert(fc.property(anyUnit, (text) => void survives(text)), { numRuns: 200 });
  });

  it('survives token soup built from Alloy fragments', () => {
    const pieces = ['a', 'b.c', ' ', '\n', '=', '{', '}', '[', ']', '(', ')', ',', '1', '2.5', '"s"', '`r\nr`', 'true', '+', '-', '^', '!', '// c\n', '/* k */', '/* m\nn */', 'blk "l" {', '"k" = ', '\r\n', '"t\tb"', '#', "'q'"];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => void survives(parts.join(''))), { numRuns: 2000 });
  });

  describe('deep nesting gives the depth diagnostic, never a stack overflow', () => {
    const depth = 10_000;
    const cases: Array<[string, string]> = [
      ['lists', `a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`],
      ['objects', `a = ${'{k = '.repeat(depth)}1${'}'.repeat(depth)}\n`],
      ['parentheses', `a = ${'('.repeat(depth)}1${')'.repeat(depth)}\n`],
      ['calls', `a = ${'f('.repeat(depth)}${')'.repeat(depth)}\n`],
      ['indexes', `a = ${'x['.repeat(depth)}0${']'.repeat(depth)}\n`],
      ['unary operators', `a = ${'-'.repeat(depth)}1\n`],
      ['right-associative ^', `a = ${Array(depth).fill('2').join(' ^ ')}\n`],
      ['left-associative +', `a = ${Array(depth).fill('1').join(' + ')}\n`],
      ['field accesses', `a = x${'.y'.repeat(depth)}\n`],
      ['blocks', `${'b {\n'.repeat(depth)}${'}\n'.repeat(depth)}`],
      ['unterminated lists', `a = ${'['.repeat(depth)}`],
    ];
    for (const [name, source] of cases) {
      it(name, () => {
        const { file, diagnostics } = parse(source);
        assert.equal(file, undefined);
        assert.equal(diagnostics.at(-1)?.message, depthLimitMessage(DEFAULT_MAX_DEPTH));
      });
    }

    it('accepts nesting up to the limit and prints it', () => {
      const source = `a = ${'['.repeat(DEFAULT_MAX_DEPTH - 1)}${']'.repeat(DEFAULT_MAX_DEPTH - 1)}\n`;
      const { file, diagnostics } = parse(source);
      assert.deepEqual(diagnostics, []);
      assert.equal(print(file!), source);
    });
  });

  it('handles long lines and long runs without quadratic blow-ups', () => {
    const n = 100_000;
    const longList = `a = [${Array(n).fill('1').join(', ')}]\n`;
    assert.equal(format(longList).output, longList);
    const manyComments = `a = 1 ${'/* c */ '.repeat(n)}\n`;
    assert.deepEqual(format(manyComments).diagnostics, []);
    const manyTabs = `a = "${'\t'.repeat(n)}"\nb = "${'\t'.repeat(n)}"\n`;
    assert.deepEqual(format(manyTabs).diagnostics, []);
    const crlfComment = `/*${' x\r\n'.repeat(n)}*/\na = 1\n`;
    assert.equal(format(crlfComment).output, `/*${' x\n'.repeat(n)}*/\na = 1\n`);
    const spacedComment = `// a${' '.repeat(n)}b  \n`;
    assert.equal(format(spacedComment).output, `// a${' '.repeat(n)}b\n`);
    const longString = `a = "${'x'.repeat(1_000_000)}${' '.repeat(1_000_000)}"\n`;
    assert.equal(format(longString).output, longString);
  });

  it('formats a ~10 MB config', () => {
    const unit = sample.replace('"default"', '"l%"');
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10_000_000; i++) {
      const part = unit.replace('l%', `l${i}`) + '\n';
      parts.push(part);
      size += part.length;
    }
    const result = format(parts.join(''));
    assert.deepEqual(result.diagnostics, []);
    assert.ok((result.output?.length ?? 0) > 9_000_000);
  });
});
