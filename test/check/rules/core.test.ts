import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../../src/check/engine';
import { defaultRules } from '../../../src/check/index';
import { duplicateKeyRule, removedApiVersionRule, yamlSyntaxRule } from '../../../src/check/rules/core';
import { parseYaml } from '../../../src/check/source';

const check = (files: Record<string, string>, rules = defaultRules) =>
  runChecks(Object.entries(files).map(([p, t]) => parseYaml(p, t)), rules).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);

describe('duplicate-key rule', () => {
  it('reports duplicates in kustomization.yaml, which kustomize itself accepts last-wins', () => {
    assert.deepEqual(check({ 'k/kustomization.yaml': 'resources:\n  - a.yaml\nresources:\n  - b.yaml\n' }, [duplicateKeyRule]), [
      'k/kustomization.yaml:3:1 error duplicate-key',
    ]);
  });

  it('reports duplicates inside a ConfigMap values file at their line in the host file', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tempo-values\ndata:\n  values.yaml: |\n    tempo:\n      retention: 24h\n      retention: 72h\n';
    assert.deepEqual(check({ 'cm.yaml': cm }, [duplicateKeyRule]), ['cm.yaml:9:7 error duplicate-key']);
  });

  it("reports duplicates in a valuesFrom key that does not end in .yaml, and in a Secret's base64 data", () => {
    const files = {
      'hr.yaml':
        'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: t, namespace: m}\nspec:\n  interval: 10m\n  chart: {spec: {chart: tempo, sourceRef: {kind: HelmRepository, name: g}}}\n  valuesFrom:\n    - kind: ConfigMap\n      name: vals\n      valuesKey: overrides\n    - kind: Secret\n      name: secret-vals\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: vals, namespace: m}\ndata:\n  overrides: |\n    a: 1\n    a: 2\n  notes: |\n    a: 1\n    a: 2\n',
      'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata: {name: secret-vals, namespace: m}\ndata:\n  values.yaml: ${Buffer.from('x: 1\nx: 2\n').toString('base64')}\n`,
    };
    assert.deepEqual(check(files, [duplicateKeyRule]), ['cm.yaml:7:5 error duplicate-key', 'secret.yaml:5:16 error duplicate-key']);
  });

  it('leaves strings that look like YAML alone when nothing reads them as YAML', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  script.sh: |\n    a: 1\n    a: 2\n  note: "b: 1\\nb: 2"\n';
    assert.deepEqual(check({ 'cm.yaml': cm }), []);
  });
});

describe('yaml-syntax rule', () => {
  it('reports the first error of a document once', () => {
    assert.deepEqual(check({ 'bad.yaml': 'a: [1, 2\nb: 3\n' }, [yamlSyntaxRule]).length, 1);
  });
});

describe('removed-api-version rule', () => {
  for (const [apiVersion, kind] of [
    ['helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease'],
    ['helm.toolkit.fluxcd.io/v2beta2', 'HelmRelease'],
    ['source.toolkit.fluxcd.io/v1beta2', 'HelmRepository'],
    ['source.toolkit.fluxcd.io/v1beta2', 'OCIRepository'],
    ['kustomize.toolkit.fluxcd.io/v1beta2', 'Kustomization'],
  ]) {
    it(`reports ${apiVersion} ${kind} at the apiVersion value`, () => {
      assert.deepEqual(check({ 'x.yaml': `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x}\n` }, [removedApiVersionRule]), [
        'x.yaml:1:13 error removed-api-version',
      ]);
    });
  }
  it('accepts the served versions', () => {
    assert.deepEqual(check({ 'x.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: x}\n' }, [removedApiVersionRule]), []);
  });
});

describe('suppression comments', () => {
  it('# bramble:ignore <rule> on the line or the line above silences that rule there only', () => {
    const text = 'a: 1\n# bramble:ignore duplicate-key\na: 2\nb: 1\nb: 2 # bramble:ignore\nc: 1\nc: 2 # bramble:ignore yaml-syntax\n';
    assert.deepEqual(check({ 'x.yaml': text }, [duplicateKeyRule]), ['x.yaml:7:1 error duplicate-key']);
  });
});
