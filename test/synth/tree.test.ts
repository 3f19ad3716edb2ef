import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { applyPlan, manifestName, planWrite, recover, stagingName } from '../../src/synth/tree';
import type { RenderedFile } from '../../src/synth/synthesize';
import { snapshot } from '../support/cli';

const scratch = mkdtempSync(join(tmpdir(), 'bramble-tree-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const freshDir = () => {
  const d = join(scratch, String(n++));
  mkdirSync(d);
  return d;
};

const v1: RenderedFile[] = [
  { path: 'infrastructure/tempo/helm-release.yaml', content: 'release: 1\n' },
  { path: 'infrastructure/tempo/kustomization.yaml', content: 'k: 1\n' },
  { path: 'infrastructure/old/gone.yaml', content: 'gone: 1\n' },
];
const v2: RenderedFile[] = [
  { path: 'infrastructure/tempo/helm-release.yaml', content: 'release: 2\n' },
  { path: 'infrastructure/tempo/kustomization.yaml', content: 'k: 1\n' },
  { path: 'infrastructure/alloy/helm-release.yaml', content: 'alloy: 2\n' },
];

describe('planWrite and applyPlan', () => {
  it('writes every file and a manifest into an empty folder', () => {
    const dir = freshDir();
    applyPlan(dir, planWrite(dir, v1));
    const snap = snapshot(dir);
    assert.equal(snap['infrastructure/tempo/helm-release.yaml'], 'release: 1\n');
    const manifest = JSON.parse(snap[manifestName]!) as { files: Record<string, string> };
    assert.deepEqual(Object.keys(manifest.files), v1.map((f) => f.path).sort());
  });

  it('rewrites changed files, removes owned files no longer produced, and leaves other files alone', () => {
    const dir = freshDir();
    applyPlan(dir, planWrite(dir, v1));
    writeFileSync(join(dir, 'infrastructure/tempo/hand-written.yaml'), 'mine: true\n');
    writeFileSync(join(dir, 'infrastructure/old/notes.md'), 'keep me\n');
    const plan = planWrite(dir, v2);
    assert.deepEqual(plan.deletes, ['infrastructure/old/gone.yaml']);
    assert.ok(!plan.writes.some((f) => f.path === 'infrastructure/tempo/kustomization.yaml'), 'unchanged files are not rewritten');
    applyPlan(dir, plan);
    const snap = snapshot(dir);
    assert.equal(snap['infrastructure/tempo/hand-written.yaml'], 'mine: true\n');
    assert.equal(snap['infrastructure/old/notes.md'], 'keep me\n');
    assert.equal(snap['infrastructure/old/gone.yaml'], undefined);
    assert.equal(snap['infrastructure/alloy/helm-release.yaml'], 'alloy: 2\n');
  });

  it('removes a folder that only held owned files', () => {
    const dir = freshDir();
    applyPlan(dir, planWrite(dir, v1));
    applyPlan(dir, planWrite(dir, v2));
    assert.ok(!existsSync(join(dir, 'infrastructure/old')));
  });

  it('reports an existing file it does not own as a conflict', () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'infrastructure/tempo'), { recursive: true });
    writeFileSync(join(dir, 'infrastructure/tempo/helm-release.yaml'), 'hand: made\n');
    assert.deepEqual(planWrite(dir, v1).conflicts, ['infrastructure/tempo/helm-release.yaml']);
  });

  it('adopts an unowned file whose content is already identical', () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'infrastructure/tempo'), { recursive: true });
    writeFileSync(join(dir, 'infrastructure/tempo/helm-release.yaml'), 'release: 1\n');
    assert.deepEqual(planWrite(dir, v1).conflicts, []);
  });

  it('notices an owned file that was edited by hand', () => {
    const dir = freshDir();
    applyPlan(dir, planWrite(dir, v1));
    writeFileSync(join(dir, 'infrastructure/tempo/helm-release.yaml'), 'release: edited\n');
    assert.deepEqual(planWrite(dir, v1).handEdited, ['infrastructure/tempo/helm-release.yaml']);
  });
});

describe('a synth killed at any step', () => {
  const treeModule = require.resolve('../../src/synth/tree');

  /** Runs applyPlan(v2) in a child that kills itself (SIGKILL) before step `k`. */
  function killedApply(dir: string, k: number) {
    const script = `const t = require(${JSON.stringify(treeModule)}); t.applyPlan(${JSON.stringify(dir)}, t.planWrite(${JSON.stringify(dir)}, ${JSON.stringify(v2)}));`;
    return spawnSync(process.execPath, ['-e', script], { env: { ...process.env, BRAMBLE_FAULT_KILL_AT: String(k) } });
  }

  it('leaves the previous tree, after recovery, for every step', () => {
    let killedSomewhere = false;
    for (let k = 1; ; k++) {
      const dir = freshDir();
      applyPlan(dir, planWrite(dir, v1));
      writeFileSync(join(dir, 'infrastructure/tempo/hand-written.yaml'), 'mine: true\n');
      const before = snapshot(dir);
      const child = killedApply(dir, k);
      if (child.signal !== 'SIGKILL') {
        // k is past the last step: the apply finished, and the tree is the new one.
        assert.equal(child.status, 0, String(child.stderr));
        assert.equal(snapshot(dir)['infrastructure/alloy/helm-release.yaml'], 'alloy: 2\n');
        assert.ok(killedSomewhere && k > 5);
        break;
      }
      killedSomewhere = true;
      recover(dir);
      assert.deepEqual(snapshot(dir), before, `killed before step ${k}`);
      assert.ok(!existsSync(join(dir, stagingName)));
    }
  });
});
