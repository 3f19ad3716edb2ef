import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runChecks } from '../../src/check/engine';
import { defaultRules } from '../../src/check/index';
import { loadTree } from '../../src/check/load';
import { repoRoot } from '../support/paths';

describe("the blog post's tree, as the post wrote it", () => {
  const findings = () => {
    const { sources } = loadTree([join('test', 'fixtures', 'trees', 'blog')], repoRoot);
    return runChecks(sources, defaultRules).map((d) => `${d.file!.replace('test/fixtures/trees/blog/', '')}:${d.line}:${d.column} ${d.ruleId}`);
  };

  it('yields each of the post mistakes at its line and column, and nothing else', () => {
    assert.deepEqual(findings(), [
      // v2beta1 HelmReleases: removed in Flux 2.7
      'alloy/helmrelease.yaml:3:13 removed-api-version',
      // send_batch_size = 8192 alone: Alloy >= 1.11 caps batches at 3000 and refuses the config
      'alloy/helmrelease.yaml:34:13 alloy-batch-size',
      // the second `alloy:` key: kustomize refuses the file; Helm would drop the config
      'alloy/helmrelease.yaml:49:5 duplicate-key',
      'tempo/helmrelease.yaml:11:13 removed-api-version',
      // retention under storage: Tempo exits on the unknown setting and crash-loops
      'tempo/helmrelease.yaml:33:11 unknown-values-key',
      // a top-level metricsGenerator: the chart never reads it
      'tempo/helmrelease.yaml:46:7 unknown-values-key',
      'tempo/helmrelease.yaml:47:7 unknown-values-key',
      'tempo/helmrelease.yaml:48:7 unknown-values-key',
    ]);
  });
});
