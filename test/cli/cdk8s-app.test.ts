import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { tempDir } from '../support/cli';
import { repoRoot } from '../support/paths';

describe('the cdk8s app (what `cdk8s synth` runs, per cdk8s.yaml)', () => {
  it('synthesizes the same stack into CDK8S_OUTDIR, one file per folder chart', () => {
    const out = tempDir();
    const r = spawnSync(process.execPath, [join(repoRoot, 'dist/src/cli/cdk8s-app.js')], {
      cwd: repoRoot,
      env: { ...process.env, CDK8S_OUTDIR: out },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const files = readdirSync(out).sort();
    assert.equal(files.length, 3, files.join(', '));
    const kinds = files.flatMap((f) => parseAllDocuments(readFileSync(join(out, f), 'utf8')).map((d) => (d.toJS() as { kind: string }).kind));
    assert.deepEqual(kinds.sort(), ['ConfigMap', 'HelmRelease', 'HelmRelease', 'HelmRepository', 'HelmRepository', 'Kustomization', 'Kustomization']);
  });

  it('cdk8s.yaml runs that app and writes to cdk8s.out, never dist/', () => {
    const text = readFileSync(join(repoRoot, 'cdk8s.yaml'), 'utf8');
    assert.match(text, /^app: node dist\/src\/cli\/cdk8s-app\.js$/m);
    assert.match(text, /^output: cdk8s\.out$/m);
  });
});
