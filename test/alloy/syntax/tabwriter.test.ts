import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TabWriter } from '../../../src/alloy/syntax/tabwriter';
import { ReferenceTabWriter } from './tabwriter-reference';

/** One call on a tab writer. */
type Op =
  | { readonly op: 'write' | 'writeEscaped' | 'writeControls'; readonly text: string }
  | { readonly op: 'endCell'; readonly hard: boolean }
  | { readonly op: 'lineBreak'; readonly formfeed: boolean }
  | { readonly op: 'indent'; readonly levels: number };

function run(w: TabWriter | ReferenceTabWriter, ops: readonly Op[]): string {
  for (const o of ops) {
    if (o.op === 'endCell') w.endCell(o.hard);
    else if (o.op === 'lineBreak') w.lineBreak(o.formfeed);
    else if (o.op === 'indent') w.indent(o.levels);
    else w[o.op](o.text);
  }
  return w.finish();
}

// Blanks (trimmed at line ends), non-ASCII, a surrogate pair, lone surrogates (which may pair up
// across two writes) and, for writeControls, the control characters that end cells and lines.
const pieces = ['', 'a', 'key', 'long_attribute_name', ' ', '  ', '\t', 'é', '😀', '\ud83d', '\ude00', '"x y"', '// c', 'x '];
const plainText = fc.array(fc.constantFrom(...pieces), { maxLength: 3 }).map((p) => p.join('').replace(/\t/g, ' '));
const anyText = fc.array(fc.constantFrom(...pieces, '\t', '\v', '\n', '\f'), { maxLength: 4 }).map((p) => p.join(''));

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: plainText.map((text) => ({ op: 'write' as const, text })) },
  { weight: 1, arbitrary: anyText.map((text) => ({ op: 'writeEscaped' as const, text })) },
  { weight: 1, arbitrary: anyText.map((text) => ({ op: 'writeControls' as const, text })) },
  { weight: 3, arbitrary: fc.boolean().map((hard) => ({ op: 'endCell' as const, hard })) },
  // Mostly newlines: column blocks only form across lines that a formfeed does not separate.
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }).map((n) => ({ op: 'lineBreak' as const, formfeed: n === 0 })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }).map((levels) => ({ op: 'indent' as const, levels })) },
);

describe('tab writer', () => {
  it('lays out exactly like the reference implementation (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        assert.equal(run(new TabWriter(), ops), run(new ReferenceTabWriter(), ops));
      }),
      { numRuns: 2000 },
    );
  });

  it('aligns a column block over several lines and ends it at a formfeed', () => {
    const ops: Op[] = [
      { op: 'write', text: 'a' }, { op: 'endCell', hard: false }, { op: 'write', text: '= 1' }, { op: 'lineBreak', formfeed: false },
      { op: 'write', text: 'long' }, { op: 'endCell', hard: false }, { op: 'write', text: '= 2' }, { op: 'lineBreak', formfeed: true },
      { op: 'write', text: 'bb' }, { op: 'endCell', hard: false }, { op: 'write', text: '= 3' },
    ];
    assert.equal(run(new TabWriter(), ops), 'a    = 1\nlong = 2\nbb = 3');
  });

  it('measures a surrogate pair written in two halves as one character', () => {
    const ops: Op[] = [
      { op: 'write', text: 'x\ud83d' }, { op: 'write', text: '\ude00' }, { op: 'endCell', hard: false }, { op: 'write', text: '= 1' },
      { op: 'lineBreak', formfeed: false },
      { op: 'write', text: 'abc' }, { op: 'endCell', hard: false }, { op: 'write', text: '= 2' },
    ];
    assert.equal(run(new TabWriter(), ops), 'x😀  = 1\nabc = 2');
  });

  it('grows past its size hint and keeps text that is not ASCII as it is', () => {
    const line = 'é😀\ud800 x'; // a lone surrogate too: it must not become U+FFFD
    const w = new TabWriter(4);
    for (let i = 0; i < 5000; i++) {
      w.indent(1);
      w.write(line);
      w.lineBreak(true);
    }
    assert.equal(w.finish(), `\t${line}\n`.repeat(5000));
    const bom = new TabWriter();
    bom.write('\ufeffa');
    assert.equal(bom.finish(), '\ufeffa');
  });
});
