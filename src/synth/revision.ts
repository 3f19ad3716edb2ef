/**
 * Git revisions as folders: `bramble diff` synthesizes the stack of another commit by exporting
 * that commit's files into a temporary folder (`git archive`, so the repository's worktrees, index
 * and refs are never touched) and running the stack there with the current node_modules.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';

/** A git failure the user can act on (not a repository, an unknown revision). */
export class RevisionError extends Error {}

/** Git output above this is refused rather than buffered (an archive of a huge monorepo). */
const maxArchiveBytes = 1 << 30;

interface GitResult {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function git(cwd: string, args: readonly string[]): GitResult {
  const r = spawnSync('git', args, { cwd, maxBuffer: maxArchiveBytes, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new RevisionError(code === 'ENOENT' ? 'git is not installed (bramble diff runs git to read revisions)' : `git failed: ${r.error.message}`);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

/** The repository that holds `cwd`: its top folder and where `cwd` sits inside it. */
export interface Repository {
  readonly top: string;
  /** `cwd` relative to `top`, with forward slashes; '' at the top. */
  readonly prefix: string;
}

/** The git repository around `cwd`, or a RevisionError saying it is not one. */
export function findRepository(cwd: string): Repository {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  if (r.status !== 0) throw new RevisionError(`${cwd} is not inside a git repository`);
  const top = r.stdout.toString('utf8').trim();
  const prefix = relative(resolveReal(top), resolveReal(cwd)).split(sep).join('/');
  return { top, prefix };
}

/** Resolves symbolic links, so that /tmp and /private/tmp (macOS) compare equal. */
function resolveReal(p: string): string {
  try {
    return realpathSync(resolve(p));
  } catch {
    return resolve(p);
  }
}

/** The commit `ref` names (a branch, tag, `HEAD~1`, a hash), or a RevisionError. */
export function resolveCommit(repo: Repository, ref: string): string {
  // `--end-of-options` keeps a ref that starts with `-` from being read as an option.
  const r = git(repo.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const sha = r.stdout.toString('utf8').trim();
  if (r.status !== 0 || !/^[0-9a-f]{40,64}$/.test(sha)) throw new RevisionError(`unknown revision '${ref}': no commit by that name in this repository`);
  return sha;
}

/** A revision's files in a temporary folder; `dispose` removes the folder. */
export interface Checkout {
  /** The folder that corresponds to the caller's working directory in that revision. */
  readonly cwd: string;
  dispose(): void;
}

/**
 * Exports the commit `sha` into a new temporary folder and links the caller's node_modules into
 * it, so the revision's stack runs with the packages installed now (nothing is installed).
 */
export function checkout(repo: Repository, sha: string, nodeModules: string | undefined): Checkout {
  sweepAbandoned();
  const root = mkdtempSync(join(tmpdir(), `${folderPrefix}${process.pid}-`));
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    const archive = git(repo.top, ['archive', '--format=tar', sha, ...(repo.prefix ? ['--', repo.prefix] : [])]);
    if (archive.status !== 0) throw new RevisionError(`git archive ${sha.slice(0, 12)} failed: ${archive.stderr || `exit ${archive.status}`}`);
    const tar = spawnSync('tar', ['-x', '-f', '-', '-C', root], { input: archive.stdout, maxBuffer: 1 << 20 });
    if (tar.error || tar.status !== 0) {
      throw new RevisionError(`cannot unpack revision ${sha.slice(0, 12)}: ${tar.error?.message ?? tar.stderr.toString('utf8').trim()}`);
    }
    const cwd = repo.prefix ? join(root, ...repo.prefix.split('/')) : root;
    if (!existsSync(cwd)) throw new RevisionError(`the folder ${repo.prefix} does not exist in revision ${sha.slice(0, 12)}`);
    if (nodeModules && existsSync(nodeModules) && !existsSync(join(cwd, 'node_modules'))) {
      symlinkSync(nodeModules, join(cwd, 'node_modules'), 'junction');
    }
    return { cwd, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}

/** Temporary checkouts are named `bramble-diff-<pid>-<random>`. */
const folderPrefix = 'bramble-diff-';

/**
 * Removes the checkouts of bramble processes that no longer run. Why: a diff interrupted by
 * Ctrl-C dies inside synchronous work, where no cleanup handler can run; the next diff tidies up.
 */
function sweepAbandoned(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((n) => n.startsWith(folderPrefix));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^bramble-diff-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Another user's folder in a shared /tmp: not ours to remove.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
