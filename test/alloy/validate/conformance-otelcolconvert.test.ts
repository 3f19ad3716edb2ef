import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateAlloySource } from '../../../src/alloy/validate';
import { conformanceSkip } from '../../support/paths';
import { listAlloyReference, readAlloyReference } from './support';

/**
 * The 64 configs `alloy convert` produces from OpenTelemetry Collector configs. They use many
 * components the catalog does not model (their references are still resolved) and, for the ones
 * it does, real argument combinations: every argument they use must be in the catalog.
 *
 * Findings we expect, with the reason each is right:
 */
const expected: Record<string, string[]> = {
  // The converter copies `limit_percentage: 90` and leaves `spike_limit_percentage` unset.
  // Alloy's memory_limiter (notes §7, and its Validate) requires spike_limit_percentage in (0, 100]
  // whenever limit_percentage is used, so Alloy rejects this converted config when it loads it:
  // a real converter/runtime mismatch, not a validator false positive.
  'memorylimiter.alloy': [
    'error alloy-memory-limiter@22:2 limit_percentage and spike_limit_percentage must be greater than 0 and and less or equal than 100',
  ],
  // The receiver sends metrics and logs to tail_sampling, which only forwards traces: those
  // signals are dropped. A warning (the config is valid).
  'tail_sampling.alloy': [
    'warning alloy-dangling-output@276:2 otelcol.processor.tail_sampling.default receives metrics but its output sends metrics nowhere',
    'warning alloy-dangling-output@276:2 otelcol.processor.tail_sampling.default receives logs but its output sends logs nowhere',
  ],
};

describe('otelcolconvert outputs validate (reference/alloy-syntax/otelcolconvert-testdata)', { skip: conformanceSkip }, () => {
  const files = listAlloyReference('otelcolconvert-testdata', '.alloy');
  it('has the 64 converter outputs', () => assert.equal(files.length, 64));
  for (const name of files) {
    it(name, () => {
      const source = readAlloyReference('otelcolconvert-testdata', name);
      const found = validateAlloySource(source).map((d) => `${d.severity} ${d.code}@${d.start.line}:${d.start.column} ${d.message}`);
      assert.deepEqual(found, expected[name] ?? []);
    });
  }
});
