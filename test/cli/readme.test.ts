import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bramble, tempDir } from '../support/cli';
import { repoRoot } from '../support/paths';

describe('README', () => {
  it("'Describing your own stack' synthesizes as written, in a project that installed bramble", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Describing your own stack'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(code, 'no ts block in the section');
    const dir = tempDir();
    mkdirSync(join(dir, 'charts'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(repoRoot, join(dir, 'node_modules', 'bramble'), 'dir');
    writeFileSync(join(dir, 'charts', 'main.ts'), code);
    const r = bramble(['synth'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /wrote gitops\/infrastructure\/tempo\/helm-release\.yaml/);
    assert.equal(bramble(['check'], dir).status, 0);
  });
});
