import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDiagnostic, parse, print } from '../../../src/alloy/syntax';
import { conformanceSkip } from '../../support/paths';
import { listReference, readReference } from './reference-data';

// Harness of upstream printer_test.go: X.in must print as X.expect with the expect's trailing
// whitespace trimmed. print() is what `alloy fmt` writes (printer output + "\n"), so it is
// compared with the trimmed expect plus one "\n".
describe('printer goldens (reference/alloy-syntax/printer-testdata)', { skip: conformanceSkip }, () => {
  const inputs = listReference('printer-testdata', '.in');
  it('has the 10 upstream inputs', () => assert.equal(inputs.length, 10));
  for (const input of inputs) {
    const base = input.slice(0, -'.in'.length);
    const source = readReference('printer-testdata', input);
    const errorFile = listReference('printer-testdata', '.error').includes(`${base}.error`);
    if (errorFile) {
      it(`${base}: fails with the .error text`, () => {
        const expected = readReference('printer-testdata', `${base}.error`).replace(/\r\n/g, '\n').trim();
        const { file, diagnostics } = parse(source);
        assert.equal(file, undefined);
        assert.ok(
          diagnostics.some((d) => formatDiagnostic(d, 'raw_string_label_error.in').includes(expected)),
          diagnostics.map((d) => formatDiagnostic(d)).join('\n'),
        );
      });
      continue;
    }
    it(`${base}: prints exactly ${base}.expect`, () => {
      const { file, diagnostics } = parse(source);
      assert.deepEqual(diagnostics, []);
      const expected = readReference('printer-testdata', `${base}.expect`).replace(/\s+$/u, '') + '\n';
      assert.equal(print(file!), expected);
    });
  }
});
