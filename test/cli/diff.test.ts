import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bramble, tempDir } from '../support/cli';
import { repoRoot } from '../support/paths';

const hasGit = spawnSync('git', ['--version']).status === 0;
const skip = hasGit ? false : 'git is not installed';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=bramble test', '-c', 'user.email=test@bramble.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * A new git repository holding the project's stack and committed tree (as a user's GitOps
 * repository would), with the project's node_modules linked in and ignored. One commit.
 */
function projectRepo(): string {
  const dir = tempDir('bramble-difftest-');
  cpSync(join(repoRoot, 'charts'), join(dir, 'charts'), { recursive: true });
  cpSync(join(repoRoot, 'gitops'), join(dir, 'gitops'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'junction');
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'base');
  return dir;
}

/** Rewrites charts/main.ts with `edit` and commits it. */
function commitStackChange(dir: string, message: string, edit: (source: string) => string): void {
  const path = join(dir, 'charts', 'main.ts');
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, 'the edit changed nothing');
  writeFileSync(path, after);
  git(dir, 'commit', '--quiet', '-am', message);
}

/** The committed change of the issue: Tempo retention 72h -> 168h, Alloy batch timeout 200ms -> 5s. */
function retentionAndTimeout(source: string): string {
  return source.replace("retention: '72h'", "retention: '168h'").replace("timeout: '200ms'", "timeout: '5s'");
}

/**
 * Runs bramble with a private TMPDIR, and returns what is left in it afterwards, except Node's own
 * module compile cache: on Node 22+ the executable turns it on, and Node keeps it in the temporary
 * folder (`node-compile-cache`) for the next run.
 */
function run(args: string[], cwd: string) {
  const tmp = tempDir('bramble-tmp-');
  const r = bramble(args, cwd, { TMPDIR: tmp, TEMP: tmp, TMP: tmp });
  return { ...r, leftInTmp: readdirSync(tmp).filter((name) => name !== 'node-compile-cache') };
}

interface JsonValueChange {
  readonly path: string;
  readonly old?: unknown;
  readonly new?: unknown;
}

describe('bramble diff', { skip }, () => {
  const dir = hasGit ? projectRepo() : '';
  if (hasGit) commitStackChange(dir, 'retention 168h, batch timeout 5s', retentionAndTimeout);

  it('text: reports exactly the retention and the batch timeout, old and new', () => {
    const r = run(['diff', '--base', 'HEAD~1'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(r.leftInTmp, []);
    assert.match(r.stdout, /spec\.values\.tempo\.retention: 72h -> 168h/);
    assert.match(r.stdout, /otelcol\.processor\.batch "default"[\s\S]*timeout: "200ms" -> "5s"/);
    // Exactly two lines say `old -> new`, and no file was added or removed.
    assert.equal(r.stdout.split('\n').filter((l) => l.includes(' -> ')).length, 2, r.stdout);
    assert.doesNotMatch(r.stdout, /^[+-] /m);
  });

  it('json: exactly two value changes, with their paths and values', () => {
    const r = run(['diff', '--base', 'HEAD~1', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const changes: JsonValueChange[] = [];
    const collect = (node: unknown, key?: string): void => {
      if (Array.isArray(node)) {
        // Arrays of value changes hold objects with a `path` and old/new.
        for (const item of node) collect(item, key);
      } else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (typeof o.path === 'string' && ('old' in o || 'new' in o) && key !== 'files') changes.push(o as unknown as JsonValueChange);
        else for (const [k, v] of Object.entries(o)) collect(v, k);
      }
    };
    collect(JSON.parse(r.stdout));
    const summary = changes.map((c) => `${c.path}: ${JSON.stringify(c.old)} -> ${JSON.stringify(c.new)}`).sort();
    assert.deepEqual(summary, ['spec.values.tempo.retention: "72h" -> "168h"', 'timeout: "\\"200ms\\"" -> "\\"5s\\""']);
  });

  it('markdown: a summary table and both changes; no graph, since the flow did not change', () => {
    const r = run(['diff', '--base', 'HEAD~1', '--format', 'markdown'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\|.*\|$/m);
    assert.match(r.stdout, /spec\.values\.tempo\.retention/);
    assert.match(r.stdout, /72h/);
    assert.match(r.stdout, /168h/);
    assert.match(r.stdout, /timeout/);
    assert.match(r.stdout, /"200ms"/);
    assert.match(r.stdout, /"5s"/);
    assert.doesNotMatch(r.stdout, /```mermaid/);
  });

  it('--exit-code exits 1 when something changed, 0 when nothing did', () => {
    assert.equal(run(['diff', '--base', 'HEAD~1', '--exit-code'], dir).status, 1);
    const same = run(['diff', '--base', 'HEAD', '--exit-code'], dir);
    assert.equal(same.status, 0, same.stderr);
    assert.match(same.stdout, /no changes/);
    const between = run(['diff', '--base', 'HEAD~1', '--head', 'HEAD~1', '--exit-code'], dir);
    assert.equal(between.status, 0, between.stderr);
  });

  it('--head compares two commits without looking at the working tree', () => {
    writeFileSync(join(dir, 'charts', 'main.ts'), 'this does not compile {');
    try {
      const r = run(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /168h/);
    } finally {
      git(dir, 'checkout', '--quiet', '--', 'charts/main.ts');
    }
  });

  it('markdown includes the Mermaid graph when the data flow changed', () => {
    const flow = projectRepo();
    commitStackChange(flow, 'no span metrics', (s) => s.replace("processors: ['service-graphs', 'span-metrics']", "processors: ['service-graphs']"));
    const r = run(['diff', '--base', 'HEAD~1', '--format', 'markdown'], flow);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /```mermaid\nflowchart/);
  });
});

describe('bramble diff against a revision from before bramble', { skip }, () => {
  it('compares a base without a stack as an empty tree: every file added, a note, exit 0', () => {
    const dir = tempDir('bramble-difftest-');
    writeFileSync(join(dir, 'README.md'), 'a GitOps repository\n');
    git(dir, 'init', '--quiet', '--initial-branch=main');
    git(dir, 'add', '.');
    git(dir, 'commit', '--quiet', '-m', 'before bramble');
    cpSync(join(repoRoot, 'charts'), join(dir, 'charts'), { recursive: true });
    cpSync(join(repoRoot, 'gitops'), join(dir, 'gitops'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'junction');
    writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '--quiet', '-m', 'bramble');

    const r = run(['diff', '--base', 'HEAD~1', '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^note: HEAD~1 \([0-9a-f]{7}\) has no stack \(no charts\/main\.ts, [^)]*\): it is compared as an empty tree\n$/);
    const json = JSON.parse(r.stdout) as { base: string; files: { path: string; status: string }[] };
    assert.equal(json.base, 'HEAD~1 (no stack)');
    // Every file synth owns in the committed tree, as its manifest lists them.
    const manifest = JSON.parse(readFileSync(join(dir, 'gitops', '.bramble-manifest.json'), 'utf8')) as { files: Record<string, string> };
    assert.deepEqual(json.files.map((f) => f.path).sort(), Object.keys(manifest.files).sort());
    assert.ok(json.files.every((f) => f.status === 'added'));
    assert.deepEqual(r.leftInTmp, []);
  });

  it('still reports a working tree without a stack as the mistake, exit 2', () => {
    const dir = projectRepo();
    const r = run(['diff', '--app', 'charts/missing.ts'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: the stack at the working tree does not synthesize:\ncharts\/missing\.ts: error app-load: stack entry charts\/missing\.ts does not exist\n  hint: check the path given with --app/);
    assert.deepEqual(r.leftInTmp, []);
  });
});

describe('bramble diff: errors', { skip }, () => {
  it('an unknown ref: exit 2, one clear line, nothing left behind', () => {
    const dir = projectRepo();
    const r = run(['diff', '--base', 'no-such-branch'], dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "error: unknown revision 'no-such-branch': no commit by that name in this repository\n");
    assert.deepEqual(r.leftInTmp, []);
  });

  it('a base revision whose stack does not compile: exit 2, its file and line, no stack trace, nothing left behind', () => {
    const dir = projectRepo();
    const good = readFileSync(join(dir, 'charts', 'main.ts'), 'utf8');
    commitStackChange(dir, 'broken', (s) => s.replace("namespace: 'monitoring',\n    prometheus,", "namespace: 'monitoring',,\n    prometheus,"));
    commitStackChange(dir, 'fixed', () => good);
    const r = run(['diff', '--base', 'HEAD~1'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: the stack at HEAD~1 \([0-9a-f]{7}\) does not synthesize:\ncharts\/main\.ts:\d+:\d+: error /);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(r.leftInTmp, []);
  });

  it('a folder that is not in a git repository: exit 2', () => {
    const dir = tempDir();
    cpSync(join(repoRoot, 'charts'), join(dir, 'charts'), { recursive: true });
    const r = run(['diff'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^error: .* is not inside a git repository\n$/);
    assert.deepEqual(r.leftInTmp, []);
  });
});
