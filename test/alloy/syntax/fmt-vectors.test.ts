import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { format, formatDiagnostic } from '../../../src/alloy/syntax';
import { conformanceSkip } from '../../support/paths';
import { readReferenceJson } from './reference-data';

interface FmtVector {
  name: string;
  input: string;
  output?: string;
  errors?: string[];
}

// `output` is exactly what `alloy fmt` writes; `errors` are the diagnostics as "line:col: message".
describe('fmt vectors (reference/alloy-syntax/generated/fmt-vectors.json)', { skip: conformanceSkip }, () => {
  const { cases } = readReferenceJson<{ cases: FmtVector[] }>('generated', 'fmt-vectors.json');
  it('has the 91 vectors', () => assert.equal(cases.length, 91));
  for (const v of cases) {
    it(v.name, () => {
      const result = format(v.input);
      if (v.output !== undefined) {
        assert.deepEqual(result.diagnostics.map((d) => formatDiagnostic(d)), []);
        assert.equal(result.output, v.output);
      } else {
        assert.equal(result.output, undefined);
        assert.deepEqual(result.diagnostics.map((d) => formatDiagnostic(d)), v.errors);
      }
    });
  }
});
