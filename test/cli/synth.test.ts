import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { bramble, copyOfCommittedTree, defaultStack, fixtureStack, snapshot, tempDir } from '../support/cli';
import { repoRoot } from '../support/paths';

const hasGit = spawnSync('git', ['--version']).status === 0;

describe('bramble synth on the default stack', () => {
  it('reproduces the committed gitops/ tree byte for byte (synth --check exits 0)', () => {
    const r = bramble(['synth', '--check'], repoRoot);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('is quiet and changes nothing when the tree is current', () => {
    const dir = copyOfCommittedTree();
    const before = snapshot(dir);
    const r = bramble(['synth', '--app', defaultStack], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, '');
    assert.deepEqual(snapshot(dir), before);
  });

  it('gives byte-identical files on a second run into an empty folder', () => {
    const a = tempDir();
    const b = tempDir();
    assert.equal(bramble(['synth', '--app', defaultStack], a).status, 0);
    assert.equal(bramble(['synth', '--app', defaultStack], b).status, 0);
    assert.deepEqual(snapshot(a), snapshot(b));
    assert.deepEqual(snapshot(join(a, 'gitops')), snapshot(join(repoRoot, 'gitops')));
  });

  it('--stdout prints every document and writes nothing', () => {
    const dir = tempDir();
    const r = bramble(['synth', '--stdout', '--app', defaultStack], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(snapshot(dir), {});
    const kinds = parseAllDocuments(r.stdout).map((d) => (d.toJS() as { kind?: string }).kind);
    assert.ok(kinds.includes('HelmRelease'));
    assert.ok(kinds.includes('ConfigMap'));
    assert.match(r.stdout, /^# Source: gitops\/clusters\/bramble\/alloy\.yaml$/m);
  });

  it('--out redirects the tree', () => {
    const dir = tempDir();
    assert.equal(bramble(['synth', '--out', 'elsewhere/tree', '--app', defaultStack], dir).status, 0);
    assert.ok(existsSync(join(dir, 'elsewhere/tree/infrastructure/tempo/helm-release.yaml')));
  });

  it('leaves a hand-written file in infrastructure/tempo untouched', () => {
    const dir = copyOfCommittedTree();
    const mine = join(dir, 'gitops/infrastructure/tempo/my-notes.yaml');
    writeFileSync(mine, '# mine\nkeep: me\n');
    writeFileSync(join(dir, 'gitops/infrastructure/tempo/helm-release.yaml'), 'stale: true\n');
    const r = bramble(['synth', '--app', defaultStack], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(mine, 'utf8'), '# mine\nkeep: me\n');
    assert.match(r.stderr, /edited by hand/);
    assert.deepEqual(snapshot(join(dir, 'gitops')), { ...snapshot(join(repoRoot, 'gitops')), 'infrastructure/tempo/my-notes.yaml': '# mine\nkeep: me\n' });
  });

  it('refuses to overwrite a file it does not own, and changes nothing', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'gitops/infrastructure/tempo'), { recursive: true });
    writeFileSync(join(dir, 'gitops/infrastructure/tempo/helm-release.yaml'), 'hand: made\n');
    const before = snapshot(dir);
    const r = bramble(['synth', '--app', defaultStack], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /gitops\/infrastructure\/tempo\/helm-release\.yaml: error output-conflict:/);
    assert.deepEqual(snapshot(dir), before);
    assert.equal(bramble(['synth', '--force', '--app', defaultStack], dir).status, 0);
  });

  it('--check reports drift with exit 1: a changed file, a missing file, a stale owned file', () => {
    const dir = copyOfCommittedTree();
    writeFileSync(join(dir, 'gitops/infrastructure/alloy/helm-release.yaml'), 'x: 1\n');
    const manifestPath = join(dir, 'gitops/.bramble-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['infrastructure/old/gone.yaml'] = 'abc';
    writeFileSync(manifestPath, JSON.stringify(manifest));
    mkdirSync(join(dir, 'gitops/infrastructure/old'));
    writeFileSync(join(dir, 'gitops/infrastructure/old/gone.yaml'), 'old: 1\n');
    const r = bramble(['synth', '--check', '--app', defaultStack], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /gitops\/infrastructure\/alloy\/helm-release\.yaml: error drift: differs/);
    assert.match(r.stderr, /gitops\/infrastructure\/old\/gone\.yaml: error drift: stale/);
    assert.match(r.stderr, /gitops\/\.bramble-manifest\.json: error drift: differs/);
  });
});

describe('bramble synth --check', () => {
  it('a hand edit: exit 1, names the file, and prints a unified diff back to what synth writes', () => {
    const dir = copyOfCommittedTree();
    const path = join(dir, 'gitops/infrastructure/tempo/helm-release.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('retention: 72h', 'retention: 96h'));
    const r = bramble(['synth', '--check', '--app', defaultStack], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^gitops\/infrastructure\/tempo\/helm-release\.yaml: error drift: differs from what synth produces$/m);
    assert.match(r.stdout, /^--- a\/gitops\/infrastructure\/tempo\/helm-release\.yaml\n\+\+\+ b\/gitops\/infrastructure\/tempo\/helm-release\.yaml\n@@ /m);
    assert.match(r.stdout, /^-\s+retention: 96h\n\+\s+retention: 72h$/m);
    // Only the edited file drifted: the manifest records what synth wrote, which is unchanged.
    assert.deepEqual(
      [...r.stdout.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]),
      ['gitops/infrastructure/tempo/helm-release.yaml'],
    );
  });

  it('a stack change that was not synthesized: exit 1; after synth: exit 0', () => {
    const dir = copyOfCommittedTree();
    const stack = join(dir, 'charts', 'main.ts');
    mkdirSync(join(dir, 'charts'));
    writeFileSync(stack, readFileSync(defaultStack, 'utf8').replace("timeout: '200ms'", "timeout: '1s'"));
    const before = snapshot(dir);
    const stale = bramble(['synth', '--check', '--app', stack], dir);
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /gitops\/infrastructure\/alloy\/helm-release\.yaml: error drift: differs/);
    assert.match(stale.stdout, /^-\s+timeout\s+= "200ms"\n\+\s+timeout\s+= "1s"$/m);
    assert.deepEqual(snapshot(dir), before, '--check wrote something');
    assert.equal(bramble(['synth', '--app', stack], dir).status, 0);
    const clean = bramble(['synth', '--check', '--app', stack], dir);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout + clean.stderr, '');
  });

  it('its diff applies with git apply and brings the tree up to date', { skip: hasGit ? false : 'git is not installed' }, () => {
    const dir = copyOfCommittedTree();
    writeFileSync(join(dir, 'gitops/infrastructure/alloy/helm-release.yaml'), 'edited: by hand\n');
    rmSync(join(dir, 'gitops/infrastructure/tempo/kustomization.yaml'));
    mkdirSync(join(dir, 'gitops/infrastructure/old'));
    writeFileSync(join(dir, 'gitops/infrastructure/old/gone.yaml'), 'old: 1\n');
    const manifestPath = join(dir, 'gitops/.bramble-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: Record<string, string> };
    manifest.files['infrastructure/old/gone.yaml'] = 'abc';
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const r = bramble(['synth', '--check', '--app', defaultStack], dir);
    assert.equal(r.status, 1);
    const patch = join(dir, 'drift.patch');
    writeFileSync(patch, r.stdout);
    const applied = spawnSync('git', ['apply', patch], { cwd: dir, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    rmSync(patch);
    const again = bramble(['synth', '--check', '--app', defaultStack], dir);
    assert.equal(again.status, 0, again.stdout + again.stderr);
  });
});

describe('a killed synth', () => {
  it('leaves the previous tree intact at every kill point, then a normal synth completes', () => {
    let killed = 0;
    for (let k = 0; ; k++) {
      const dir = copyOfCommittedTree();
      // An older tree: the alloy release differs and a file that is no longer produced exists.
      writeFileSync(join(dir, 'gitops/infrastructure/alloy/helm-release.yaml'), 'older: 1\n');
      const before = snapshot(dir);
      const r = bramble(['synth', '--app', defaultStack], dir, { BRAMBLE_FAULT_KILL_AT: String(k) });
      if (r.signal !== 'SIGKILL') {
        assert.equal(r.status, 0, r.stderr);
        break;
      }
      killed++;
      // The next synth first rolls back; a kill right after recovery shows the old tree.
      const again = bramble(['synth', '--app', defaultStack], dir, { BRAMBLE_FAULT_KILL_AT: '0' });
      assert.equal(again.signal, 'SIGKILL');
      assert.deepEqual(snapshot(dir), before, `killed before step ${k}`);
      assert.equal(bramble(['synth', '--app', defaultStack], dir).status, 0);
      assert.deepEqual(snapshot(join(dir, 'gitops')), snapshot(join(repoRoot, 'gitops')));
    }
    assert.ok(killed >= 4, `only ${killed} kill points`);
  });
});

describe('a synth that cannot write', () => {
  it('rolls back what it wrote, names the problem and exits 2', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'gitops'));
    // A file where synth needs a folder: clusters/ is written first, then infrastructure/ fails.
    writeFileSync(join(dir, 'gitops', 'infrastructure'), 'mine\n');
    const before = snapshot(dir);
    const r = bramble(['synth', '--app', defaultStack], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: cannot write gitops\/: ENOTDIR: not a directory/m);
    assert.match(r.stderr, /gitops\/ was not changed/);
    assert.deepEqual(snapshot(dir), before);
  });
});

describe('bad stacks', () => {
  const cases = [
    { stack: 'bad-retention.ts', rule: 'invalid-duration', path: 'bramble/tempo/release', file: 'gitops/infrastructure/tempo/helm-release.yaml' },
    { stack: 'port-conflict.ts', rule: 'port-conflict', path: 'bramble/alloy/release', file: 'gitops/infrastructure/alloy/helm-release.yaml' },
    { stack: 'unknown-uid.ts', rule: 'unknown-datasource-uid', path: 'bramble/extra/datasource', file: 'gitops/infrastructure/extra/grafana-datasource.yaml' },
    { stack: 'batch-max-size.ts', rule: 'alloy-batch-size', path: 'bramble/alloy/release', file: 'gitops/infrastructure/alloy/helm-release.yaml' },
    { stack: 'no-remote-write.ts', rule: 'remote-write-receiver', path: 'bramble/tempo/release', file: 'gitops/infrastructure/tempo/helm-release.yaml' },
  ];
  for (const c of cases) {
    it(`${c.stack}: exit 2, ${c.rule} at ${c.file} naming [${c.path}], gitops/ unchanged`, () => {
      const dir = copyOfCommittedTree();
      const before = snapshot(dir);
      const r = bramble(['synth', '--app', fixtureStack(c.stack)], dir);
      assert.equal(r.status, 2, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.includes(` ${c.rule}: `));
      assert.ok(line, r.stderr);
      assert.ok(line.startsWith(c.file + ':'), line);
      assert.match(line, /^[^:]+:\d+:\d+: error /);
      assert.ok(line.includes(`[${c.path}]`), line);
      assert.match(r.stderr, /^ {2}hint: /m);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(snapshot(dir), before);
    });
  }

  it('refuses to write output that bramble check rejects (the self-check), exit 2', () => {
    const dir = copyOfCommittedTree();
    const before = snapshot(dir);
    const r = bramble(['synth', '--app', fixtureStack('removed-api.ts')], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^gitops\/x\/helmrelease-old\.yaml:3:13: error removed-api-version: /m);
    assert.deepEqual(snapshot(dir), before);
  });

  it("prints the README's example diagnostic for retention '3d', word for word", () => {
    const r = bramble(['synth', '--app', fixtureStack('bad-retention.ts')], tempDir());
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const [first, hint] = r.stderr.split('\n');
    assert.ok(readme.includes(`${first}\n${hint}\n`), r.stderr);
  });

  it('a throw in the stack code points at the user line, exit 2, no stack trace', () => {
    const r = bramble(['synth', '--app', fixtureStack('throws.ts')], tempDir());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /test\/fixtures\/stacks\/throws\.ts:7:\d+: error app-load: running the stack failed: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  it('a syntax error in the stack points at its line, exit 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.ts'), readFileSync(fixtureStack('syntax-error.ts.txt'), 'utf8'));
    const r = bramble(['synth', '--app', 'broken.ts'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^broken\.ts:3:\d+: error app-load: loading the stack failed: /m);
  });

  it('a module without a default export is explained', () => {
    const r = bramble(['synth', '--app', fixtureStack('no-default.ts')], tempDir());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /must export a default function/);
  });

  it('no stack at all is explained', () => {
    const r = bramble(['synth'], tempDir());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no stack found/);
  });

  it('run in a subfolder of the project, names the project folder in its hint', () => {
    const r = bramble(['synth'], join(repoRoot, 'gitops'));
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `error app-load: no stack found: expected charts/main.ts\n  hint: run bramble in ${repoRoot}, the project folder above this one, or pass --app FILE\n`);
  });
});

describe('usage', () => {
  it('an unknown option is exit 2', () => {
    const r = bramble(['synth', '--nope'], tempDir());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option '--nope'/);
  });
  it('an unknown command is exit 2', () => {
    assert.equal(bramble(['frobnicate'], tempDir()).status, 2);
  });
  it('--check with --stdout is exit 2', () => {
    assert.equal(bramble(['synth', '--check', '--stdout'], tempDir()).status, 2);
  });
  it('--help and --version are exit 0', () => {
    const help = bramble(['--help'], tempDir());
    assert.equal(help.status, 0);
    assert.match(help.stdout, /synth/);
    assert.match(bramble(['--version'], tempDir()).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
