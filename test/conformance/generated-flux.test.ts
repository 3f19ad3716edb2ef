import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CrdIndex, crdSchemas, validateCustomResource } from '../../src/check/crd';
import { defaultObjects } from '../support/default-tree';
import { conformanceSkip, reference } from '../support/paths';

describe('conformance: generated Flux objects against the real Flux CRDs', { skip: conformanceSkip }, () => {
  const crdIndex = () => {
    const dir = reference('flux-crds');
    const documents = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseAllDocuments(readFileSync(`${dir}/${f}`, 'utf8')).map((d) => d.toJS() as unknown));
    return new CrdIndex(crdSchemas(documents));
  };
  const fluxObjects = () => defaultObjects().filter((o) => o.object.apiVersion.includes('.fluxcd.io/'));

  it('covers every generated Flux object with a served CRD version', () => {
    const index = crdIndex();
    const objects = fluxObjects();
    assert.equal(objects.length, 6);
    for (const { file, object } of objects) {
      const crd = index.find(object.apiVersion, object.kind);
      assert.ok(crd?.served, `${file}: no served CRD for ${object.apiVersion} ${object.kind}`);
    }
  });

  it('validates every generated Flux object against its schema', () => {
    const index = crdIndex();
    for (const { file, object } of fluxObjects()) {
      assert.deepEqual(validateCustomResource(index, object), [], `${file} ${object.kind}/${object.metadata.name}`);
    }
  });

  it('sets exactly one of chart and chartRef on every HelmRelease (the CRD rule a JSON-schema validator skips)', () => {
    const releases = fluxObjects().filter((o) => o.object.kind === 'HelmRelease');
    assert.equal(releases.length, 2);
    for (const { object } of releases) {
      assert.equal(Number('chart' in object.spec!) + Number('chartRef' in object.spec!), 1, object.metadata.name);
    }
  });

  it('rejects a broken copy of a generated object (the check can fail)', () => {
    const index = crdIndex();
    const release = structuredClone(fluxObjects().find((o) => o.object.kind === 'HelmRelease')!.object);
    release.spec!.interval = '10 minutes';
    const violations = validateCustomResource(index, release) ?? [];
    assert.ok(violations.some((v) => v.path.join('.') === 'spec.interval'), JSON.stringify(violations));
  });
});
