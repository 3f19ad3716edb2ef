import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFluxDuration, parseGoDuration } from '../../src/core/duration';

describe('parseGoDuration', () => {
  for (const [text, ms] of [
    ['72h', 72 * 3_600_000],
    ['1h30m', 5_400_000],
    ['200ms', 200],
    ['1.5s', 1500],
    ['0', 0],
    ['-5m', -300_000],
    ['10us', 0.01],
  ] as const) {
    it(`reads ${text}`, () => assert.equal(parseGoDuration(text), ms));
  }
  for (const text of ['3d', '72', 'h', '', '1 h', '1h ', '5x', '1w', 'forever']) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.equal(parseGoDuration(text), undefined));
  }
});

describe('isFluxDuration', () => {
  it('accepts what the Flux CRD pattern accepts', () => {
    for (const s of ['10m', '1h', '1h30m', '500ms', '1.5h']) assert.ok(isFluxDuration(s), s);
  });
  it('rejects what it rejects', () => {
    for (const s of ['10 minutes', '1d', '', '-1m', '0']) assert.ok(!isFluxDuration(s), s);
  });
});
