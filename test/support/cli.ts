import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from './paths';

/** The compiled `bramble` executable. */
export const binPath = join(repoRoot, 'dist', 'src', 'cli', 'bin.js');

/** What a run of the real binary printed and returned. */
export interface CliResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bramble <args>` as a separate process in `cwd`. */
export function bramble(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [binPath, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** A new empty temporary folder. */
export function tempDir(prefix = 'bramble-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A new temporary folder holding `files` (path relative to it: content). */
export function writeTree(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  return dir;
}

/** A temporary copy of the committed gitops/ tree. */
export function copyOfCommittedTree(): string {
  const dir = tempDir();
  cpSync(join(repoRoot, 'gitops'), join(dir, 'gitops'), { recursive: true });
  return dir;
}

/** Every file under `dir` with its content. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The default stack entry. */
export const defaultStack = join(repoRoot, 'charts', 'main.ts');

/** A fixture stack under test/fixtures/stacks. */
export const fixtureStack = (name: string) => join(repoRoot, 'test', 'fixtures', 'stacks', name);
