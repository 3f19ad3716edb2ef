import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characterColumn, locateInAlloy } from '../../src/alloy/locate';

describe('locateInAlloy', () => {
  const text = 'otelcol.receiver.otlp "default" {\n\tgrpc {\n\t\tendpoint = "0.0.0.0:4317"\n\t}\n\n\thttp {\n\t\tendpoint = "0.0.0.0:4318"\n\t}\n}\n';
  it('finds a nested attribute by block name and label', () => {
    assert.deepEqual(locateInAlloy(text, ['otelcol.receiver.otlp "default"', 'http', 'endpoint']), { line: 7, column: 3 });
  });
  it('stops at the deepest statement found', () => {
    assert.deepEqual(locateInAlloy(text, ['otelcol.receiver.otlp "default"', 'nope']), { line: 1, column: 1 });
  });
  it('is undefined for text that does not parse or a missing first block', () => {
    assert.equal(locateInAlloy('a = ', ['a']), undefined);
    assert.equal(locateInAlloy(text, ['otelcol.receiver.otlp "other"']), undefined);
  });
});

describe('characterColumn', () => {
  it('turns UTF-8 byte columns into character columns', () => {
    assert.equal(characterColumn('abc', 3), 3);
    assert.equal(characterColumn('x "é" b', 8), 7);
    assert.equal(characterColumn('😀 = 1', 6), 4);
  });
});

