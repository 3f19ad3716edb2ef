import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { describe, it } from 'node:test';
import { binPath } from '../support/cli';
import { repoRoot } from '../support/paths';

describe('the bramble executable', () => {
  it('is executable after a build, so npx bramble runs it directly', () => {
    assert.ok((statSync(binPath).mode & 0o111) !== 0, `${binPath} is not executable`);
  });
  it('runs through its shebang', () => {
    const r = spawnSync(binPath, ['--version'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
