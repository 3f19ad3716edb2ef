import assert from 'node:assert/strict';
import { cpSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bramble, tempDir, writeTree } from '../support/cli';
import { repoRoot } from '../support/paths';

const realistic = join(repoRoot, 'test', 'fixtures', 'trees', 'realistic');

describe('bramble check', () => {
  it('finds the committed gitops/ tree clean (default path), quietly', () => {
    const r = bramble(['check'], repoRoot);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
  });

  it('without a path in a folder with no gitops/: exit 2, and a hint that names the project folder above', () => {
    const inside = bramble(['check'], join(repoRoot, 'gitops'));
    assert.equal(inside.status, 2);
    assert.equal(
      inside.stderr,
      `error: gitops: no such file or folder\n  hint: with no PATH bramble check reads gitops/; name the folder to check (bramble check .) or run it in ${repoRoot}\n`,
    );
    const elsewhere = bramble(['check'], tempDir());
    assert.equal(elsewhere.status, 2);
    assert.match(elsewhere.stderr, /name the folder to check \(bramble check \.\)\n$/);
  });

  it('finds a clean, realistic tree with look-alike keys, merge keys and YAML-like strings clean', () => {
    const r = bramble(['check', realistic], repoRoot);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('exits 1 on an error and prints file:line:col, the source line with a caret, and a hint', () => {
    const dir = writeTree({ 'gitops/a.yaml': 'a: 1\nb: 2\na: 3\n' });
    const r = bramble(['check'], dir);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout,
      'gitops/a.yaml:3:1: error duplicate-key: key "a" repeats (first at 1:1)\n 3 | a: 3\n   | ^\n  hint: merge the two maps into one, or remove one of the keys\n1 error, 0 warnings\n',
    );
  });

  it('--format json gives paths relative to the working directory and 1-based positions', () => {
    const dir = writeTree({ 'trees/x/a.yaml': 'a: 1\na: 2\n' });
    const r = bramble(['check', 'trees', '--format', 'json'], dir);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), {
      diagnostics: [
        { file: 'trees/x/a.yaml', line: 2, column: 1, severity: 'error', ruleId: 'duplicate-key', message: 'key "a" repeats (first at 1:1)', hint: 'merge the two maps into one, or remove one of the keys' },
      ],
    });
  });

  it('--format github prints workflow annotations', () => {
    const dir = writeTree({ 'gitops/a.yaml': 'a: 1\na: 2\n' });
    assert.match(bramble(['check', '--format', 'github'], dir).stdout, /^::error file=gitops\/a\.yaml,line=2,col=1,title=duplicate-key::/);
  });

  it('--select and --disable choose rules; an unknown rule id is exit 2', () => {
    const dir = writeTree({ 'gitops/a.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2beta1\nkind: HelmRelease\nmetadata: {name: x}\na: 1\na: 2\n' });
    assert.match(bramble(['check', '--select', 'removed-api-version'], dir).stdout, /removed-api-version/);
    assert.doesNotMatch(bramble(['check', '--select', 'removed-api-version'], dir).stdout, /duplicate-key/);
    assert.doesNotMatch(bramble(['check', '--disable', 'removed-api-version'], dir).stdout, /removed-api-version/);
    const bad = bramble(['check', '--select', 'no-such-rule'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown rule id: no-such-rule/);
  });

  it('honours .brambleignore and --ignore', () => {
    const dir = writeTree({ 'gitops/a.yaml': 'a: 1\na: 2\n', 'gitops/ansible/site.yml': 'x: 1\nx: 2\n', '.brambleignore': '# not manifests\nansible/\n' });
    assert.doesNotMatch(bramble(['check'], dir).stdout, /ansible/);
    assert.equal(bramble(['check', '--ignore', 'a.yaml'], dir).status, 0);
  });

  // A link to /proc/self/mem is a file that even root cannot read sequentially (EIO).
  it('an unreadable file is exit 2 with its name, not a crash', { skip: existsSync('/proc/self/mem') ? false : 'no /proc/self/mem on this system' }, () => {
    const dir = writeTree({ 'gitops/a.yaml': 'a: 1\n' });
    symlinkSync('/proc/self/mem', join(dir, 'gitops/b.yaml'));
    const r = bramble(['check'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: gitops\/b\.yaml: unreadable \(E[A-Z]+\)$/m);
  });

  it('a path that does not exist, or a bad --format, is exit 2', () => {
    assert.equal(bramble(['check', 'nowhere'], tempDir()).status, 2);
    assert.equal(bramble(['check', '--format', 'xml'], tempDir()).status, 2);
  });

  it('checks a copy of the realistic tree with one duplicate added', () => {
    const dir = tempDir();
    cpSync(realistic, join(dir, 'gitops'), { recursive: true });
    writeFileSync(join(dir, 'gitops/apps/podinfo/kustomization.yaml'), 'resources:\n  - release.yaml\nresources:\n  - values.yaml\n');
    const r = bramble(['check'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^gitops\/apps\/podinfo\/kustomization\.yaml:3:1: error duplicate-key/m);
  });
});
