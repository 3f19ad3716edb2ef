import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, parse, tokenize, type Position, type Token } from '../../../src/alloy/syntax';
import { conformanceSkip } from '../../support/paths';
import { listReference, readReference } from './reference-data';

interface ExpectedError {
  pattern: RegExp;
  at: Position;
}

/**
 * The expectations written inline as `/* ERROR "rx" *\/` (at the start of the token before the
 * comment) or `/* ERROR HERE "rx" *\/` (just after that token), as upstream error_test.go reads them.
 */
function expectedErrors(source: string): ExpectedError[] {
  const expected: ExpectedError[] = [];
  let previous: Token | undefined;
  for (const token of tokenize(source)) {
    if (token.kind === 'COMMENT') {
      const m = /^\/\* ERROR (HERE )?"(.*)" \*\/$/s.exec(token.text);
      if (m && previous) expected.push({ pattern: new RegExp(m[2] as string), at: m[1] ? previous.end : previous.start });
    } else if (token.kind !== 'TERMINATOR') previous = token;
  }
  return expected;
}

describe('parser testdata (reference/alloy-syntax/parser-testdata)', { skip: conformanceSkip }, () => {
  describe('valid/*.alloy parse with no diagnostics', () => {
    const files = listReference('parser-testdata/valid', '.alloy');
    it('has the 5 upstream files', () => assert.equal(files.length, 5));
    for (const name of files) {
      it(name, () => {
        const { file, diagnostics } = parse(readReference('parser-testdata/valid', name));
        assert.deepEqual(diagnostics.map((d) => formatDiagnostic(d)), []);
        assert.ok(file);
      });
    }
  });

  describe('error files report exactly the marked diagnostics', () => {
    const files = listReference('parser-testdata', '.alloy').filter((f) => !f.includes('/'));
    it('has the 6 upstream files', () => assert.equal(files.length, 6));
    for (const name of files) {
      it(name, () => {
        const source = readReference('parser-testdata', name);
        const expected = expectedErrors(source);
        assert.ok(expected.length > 0, 'the file has ERROR markers');
        const { diagnostics } = parse(source);
        const unmatched = [...expected];
        for (const d of diagnostics) {
          const i = unmatched.findIndex((e) => e.at.offset === d.start.offset && e.pattern.test(d.message));
          assert.ok(i >= 0, `unexpected diagnostic ${formatDiagnostic(d, name)}`);
          unmatched.splice(i, 1);
        }
        assert.deepEqual(
          unmatched.map((e) => `${e.at.line}:${e.at.column}: ${e.pattern.source}`),
          [],
          'expected diagnostics that were not reported',
        );
      });
    }
  });
});
