/**
 * The GitHub Actions workflow and the pre-commit hooks the repository ships: every bramble command
 * they run is run here, with the same arguments, and must do what the file says it does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { bramble, copyOfCommittedTree, defaultStack } from '../support/cli';
import { repoRoot } from '../support/paths';

interface Step {
  readonly run?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, { readonly steps: Step[]; readonly permissions?: Record<string, string> }>;
}
interface Hook {
  readonly id: string;
  readonly entry: string;
  readonly language: string;
  readonly pass_filenames?: boolean;
}

const workflow = parse(readFileSync(join(repoRoot, '.github', 'workflows', 'bramble.yml'), 'utf8')) as Workflow;
const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** The argument lists of every `npx --no-install bramble ...` in a shell script. */
function brambleCommands(script: string): string[][] {
  return [...script.matchAll(/npx --no-install bramble ([^>|\n]*)/g)].map((m) => (m[1] as string).trim().split(/\s+/));
}

const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const commands = steps.flatMap((s) => brambleCommands(s.run ?? ''));

describe('the GitHub Actions workflow', () => {
  it('runs on pull requests and on pushes to main', () => {
    assert.ok('pull_request' in workflow.on);
    assert.deepEqual((workflow.on.push as { branches: string[] }).branches, ['main']);
  });

  it('tests on every supported Node (20, 22, 24) with npm ci and npm test', () => {
    const test = workflow.jobs.test as unknown as { strategy: { matrix: { node: number[] } }; steps: Step[] };
    assert.deepEqual(test.strategy.matrix.node, [20, 22, 24]);
    assert.deepEqual(test.steps.filter((s) => s.run).map((s) => s.run), ['npm ci', 'npm test']);
  });

  it('runs synth --check, check and, on pull requests only, diff --format markdown', () => {
    assert.deepEqual(commands.map((c) => c.slice(0, 2).join(' ')), ['synth --check', 'check --format', 'diff --base']);
    const diffStep = steps.find((s) => s.run?.includes('bramble diff')) as Step;
    assert.equal(diffStep.if, "github.event_name == 'pull_request'");
    assert.match(diffStep.run as string, /gh pr comment "\$PR_NUMBER" --edit-last --create-if-none --body-file/);
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout') && s.with?.['fetch-depth'] === 0);
    assert.ok(checkout, 'the diff job needs the full history to read the base commit');
  });

  it('its synth --check and check commands pass on this repository', () => {
    for (const args of commands.filter((c) => c[0] !== 'diff')) {
      const r = bramble(args, repoRoot);
      assert.equal(r.status, 0, `bramble ${args.join(' ')}: ${r.stdout}${r.stderr}`);
    }
  });

  it('its diff command runs on this repository (base: HEAD) and writes markdown', { skip: spawnSync('git', ['rev-parse'], { cwd: repoRoot }).status === 0 ? false : 'not a git checkout' }, () => {
    const args = (commands.find((c) => c[0] === 'diff') as string[]).map((a) => (a === '"$BASE_SHA"' ? 'HEAD' : a));
    const r = bramble(args, repoRoot);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^#/);
  });
});

describe('the pre-commit hooks', () => {
  it('define bramble-synth and bramble-check, run without file arguments and never download', () => {
    assert.deepEqual(hooks.map((h) => [h.id, h.entry, h.language, h.pass_filenames]), [
      ['bramble-synth', 'npx --no-install bramble synth', 'system', false],
      ['bramble-check', 'npx --no-install bramble check', 'system', false],
    ]);
  });

  it('bramble-synth brings a stale tree up to date; bramble-check passes on it', () => {
    const dir = copyOfCommittedTree();
    const stale = join(dir, 'gitops', 'infrastructure', 'tempo', 'helm-release.yaml');
    writeFileSync(stale, readFileSync(stale, 'utf8').replace('retention: 72h', 'retention: 1h'));
    const synthArgs = [...brambleCommands(hooks[0]!.entry)[0]!, '--app', defaultStack];
    const synth = bramble(synthArgs, dir);
    assert.equal(synth.status, 0, synth.stderr);
    assert.equal(readFileSync(stale, 'utf8'), readFileSync(join(repoRoot, 'gitops', 'infrastructure', 'tempo', 'helm-release.yaml'), 'utf8'));
    const check = bramble(brambleCommands(hooks[1]!.entry)[0]!, dir);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });
});
