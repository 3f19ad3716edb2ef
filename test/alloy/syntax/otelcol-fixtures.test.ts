import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format } from '../../../src/alloy/syntax';
import { conformanceSkip } from '../../support/paths';
import { listReference, readReference } from './reference-data';

// The converter's .alloy outputs are canonical `alloy fmt` output: formatting must not change them.
describe('otelcolconvert fixtures are printer fixed points', { skip: conformanceSkip }, () => {
  const files = listReference('otelcolconvert-testdata', '.alloy');
  it('has the 64 fixtures', () => assert.equal(files.length, 64));
  for (const name of files) {
    it(name, () => {
      const source = readReference('otelcolconvert-testdata', name);
      const result = format(source);
      assert.deepEqual(result.diagnostics, []);
      assert.equal(result.output, source);
    });
  }
});
