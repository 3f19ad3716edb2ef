import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runChecks } from '../../src/check/engine';
import { duplicateKeyRule, yamlSyntaxRule } from '../../src/check/rules/core';
import { parseYaml } from '../../src/check/source';
import { conformanceSkip, reference } from '../support/paths';

interface YamllintCase {
  id: number;
  upstream_test_method: string;
  rule_config: { 'key-duplicates': 'enable' | 'disable' | { 'forbid-duplicated-merge-keys': boolean } };
  yaml: string;
  expected_problems: { line: number; column: number; kind: 'rule' | 'syntax' }[];
}

/** Our findings on a text, as line:col:kind. */
function ours(yaml: string, duplicatesOn: boolean): string[] {
  const rules = duplicatesOn ? [yamlSyntaxRule, duplicateKeyRule] : [yamlSyntaxRule];
  return runChecks([parseYaml('case.yaml', yaml)], rules).map((d) => `${d.line}:${d.column}:${d.ruleId === 'yaml-syntax' ? 'syntax' : 'rule'}`);
}

/**
 * Where bramble and yamllint disagree, and why: bramble follows kustomize and Flux, which refuse
 * the whole file in these cases, so a silent pass would hide a deploy failure.
 */
const differences: Record<number, string> = {
  24: 'repeated merge keys: yamllint allows them by default; kustomize refuses "duplicate merge key", so bramble reports the second <<',
};

describe('conformance: yamllint key-duplicates cases', { skip: conformanceSkip }, () => {
  const cases = () => (JSON.parse(readFileSync(reference('yaml-duplicates', 'yamllint-cases.json'), 'utf8')) as { cases: YamllintCase[] }).cases;

  it('runs all 33 cases, agreeing with yamllint except where documented', () => {
    const all = cases();
    assert.equal(all.length, 33);
    for (const c of all) {
      const enabled = c.rule_config['key-duplicates'] !== 'disable';
      const got = ours(c.yaml, enabled);
      const expected = c.expected_problems.map((p) => `${p.line}:${p.column}:${p.kind}`);
      if (c.id in differences) {
        assert.notDeepEqual(got, expected, `case ${c.id} is listed as a difference but agrees now`);
        continue;
      }
      // Syntax errors: yamllint reports where its tokenizer stopped; bramble's parser reports the
      // token it could not use. Both fail the file; the verdict and line must agree.
      if (expected.some((e) => e.endsWith(':syntax'))) {
        assert.ok(got.length > 0 && got.every((g) => g.endsWith(':syntax')), `case ${c.id}: ${got.join(' ')}`);
        assert.equal(got[0]!.split(':')[0], expected[0]!.split(':')[0], `case ${c.id} line`);
        continue;
      }
      assert.deepEqual(got, expected, `case ${c.id} (${c.upstream_test_method})`);
    }
  });

  it('documents each difference with a case that still differs', () => {
    const byId = new Map(cases().map((c) => [c.id, c]));
    for (const id of Object.keys(differences).map(Number)) {
      const c = byId.get(id)!;
      assert.ok(ours(c.yaml, true).length > 0, `case ${id}`);
    }
  });
});

interface Probe {
  id: string;
  yaml: string;
  results: Record<string, { verdict: 'accept' | 'reject' }>;
}

describe('conformance: duplicate-key probes against kustomize (parser-matrix)', { skip: conformanceSkip }, () => {
  it('rejects exactly what kubectl kustomize rejects (go-yaml v3 where kustomize was not run)', () => {
    const probes = (JSON.parse(readFileSync(reference('yaml-duplicates', 'parser-matrix.json'), 'utf8')) as { probes: Probe[] }).probes;
    assert.equal(probes.length, 21);
    for (const p of probes) {
      const truth = p.results['kubectl_kustomize_v5.5.0_under_spec'] ?? p.results['go_yaml_v3.0.1_decode_interface']!;
      const verdict = ours(p.yaml, true).length ? 'reject' : 'accept';
      assert.equal(verdict, truth.verdict, p.id);
    }
  });
});
