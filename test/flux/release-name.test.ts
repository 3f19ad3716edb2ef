import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartFullname, effectiveReleaseName } from '../../src/flux/release-name';

describe('effectiveReleaseName', () => {
  it('uses spec.releaseName when set', () => {
    assert.equal(effectiveReleaseName({ name: 'tempo', targetNamespace: 'monitoring', releaseName: 'traces' }), 'traces');
  });

  it('prefixes the target namespace when one is set', () => {
    assert.equal(effectiveReleaseName({ name: 'tempo', targetNamespace: 'monitoring' }), 'monitoring-tempo');
  });

  it('is the HelmRelease name otherwise', () => {
    assert.equal(effectiveReleaseName({ name: 'tempo' }), 'tempo');
  });

  it('shortens names over 53 characters to 40 characters, a dash and 12 hex of sha256 (helm-controller test vector)', () => {
    const long = 'release-name-with-very-long-name-which-is-longer-than-53-characters';
    assert.equal(effectiveReleaseName({ name: long }), 'release-name-with-very-long-name-which-i-788ca0d0d7b0');
    assert.equal(effectiveReleaseName({ name: long }).length, 53);
  });

  it('keeps a name of exactly 53 characters', () => {
    const name = 'a'.repeat(53);
    assert.equal(effectiveReleaseName({ name }), name);
  });

  it('shortens a long targetNamespace-name combination', () => {
    const result = effectiveReleaseName({ name: 'tempo-distributed-tracing-backend', targetNamespace: 'observability-platform-team' });
    assert.equal(result.length, 53);
    assert.match(result, /^observability-platform-team-tempo-distri-[0-9a-f]{12}$/);
  });
});

describe('chartFullname', () => {
  it('is the release name when it contains the chart name', () => {
    assert.equal(chartFullname('tempo', 'tempo'), 'tempo');
    assert.equal(chartFullname('my-tempo', 'tempo'), 'my-tempo');
  });

  it('appends the chart name otherwise', () => {
    assert.equal(chartFullname('tracing', 'tempo'), 'tracing-tempo');
  });

  it('honours fullnameOverride and nameOverride', () => {
    assert.equal(chartFullname('tracing', 'tempo', { fullnameOverride: 'traces' }), 'traces');
    assert.equal(chartFullname('tracing', 'tempo', { nameOverride: 'trac' }), 'tracing');
  });

  it('truncates to 63 characters and trims a trailing dash', () => {
    const release = 'x'.repeat(62) + '-y';
    assert.equal(chartFullname(release, 'tempo'), 'x'.repeat(62));
  });
});
