import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { RenderedFile } from './synthesize';

/** The file, at the output root, that lists the files bramble owns there. */
export const manifestName = '.bramble-manifest.json';
/** Scratch space for one synth; gone when a synth finishes or is recovered. */
export const stagingName = '.bramble-staging';

/** The owned-files record: path to sha256 of the content bramble wrote. */
export interface Manifest {
  readonly files: Readonly<Record<string, string>>;
}

/** sha256 hex of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads the manifest at `outDir`; an absent or unreadable one owns nothing. */
export function readManifest(outDir: string): Manifest {
  try {
    const parsed = JSON.parse(readFileSync(join(outDir, manifestName), 'utf8')) as { files?: unknown };
    if (parsed && typeof parsed.files === 'object' && parsed.files !== null) {
      return { files: parsed.files as Record<string, string> };
    }
  } catch {
    // No manifest yet: a first synth into this folder.
  }
  return { files: {} };
}

/** The manifest text for a set of rendered files (sorted, so it is deterministic). */
export function renderManifest(files: readonly RenderedFile[]): string {
  const entries = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, sha256(f.content)]);
  return (
    JSON.stringify(
      {
        generator: 'bramble',
        note: 'Files that `bramble synth` writes in this folder. It rewrites or removes only these.',
        files: Object.fromEntries(entries),
      },
      null,
      2,
    ) + '\n'
  );
}

/** What a synth will change on disk. */
export interface WritePlan {
  /** Files to create or replace (the manifest included). */
  readonly writes: readonly RenderedFile[];
  /** Owned files that are no longer produced. */
  readonly deletes: readonly string[];
  /** Files that would be overwritten although bramble does not own them. */
  readonly conflicts: readonly string[];
  /** Owned files whose content changed since bramble wrote them (edited by hand). */
  readonly handEdited: readonly string[];
}

/** Compares the rendered tree with what is on disk under `outDir`. */
export function planWrite(outDir: string, files: readonly RenderedFile[]): WritePlan {
  const manifest = readManifest(outDir);
  const all = [...files, { path: manifestName, content: renderManifest(files) }];
  const produced = new Set(all.map((f) => f.path));
  const writes: RenderedFile[] = [];
  const conflicts: string[] = [];
  const handEdited: string[] = [];
  for (const f of all) {
    const target = join(outDir, f.path);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === f.content) continue;
    const owned = f.path === manifestName || f.path in manifest.files;
    if (current !== undefined && !owned) conflicts.push(f.path);
    if (current !== undefined && owned && f.path !== manifestName && manifest.files[f.path] !== sha256(current)) {
      handEdited.push(f.path);
    }
    writes.push(f);
  }
  const deletes = Object.keys(manifest.files)
    .filter((p) => !produced.has(p) && existsSync(join(outDir, p)))
    .sort();
  return { writes, deletes, conflicts, handEdited };
}

/** Journal of an applied-in-progress synth, written before the first change to the tree. */
interface Journal {
  readonly writes: readonly string[];
  readonly deletes: readonly string[];
}

let stepCount = 0;
/**
 * Fault injection for the crash-safety tests: with BRAMBLE_FAULT_KILL_AT=N the process kills itself
 * (SIGKILL, no cleanup) at point N: 0 is right after {@link recover}, N > 0 just before the N-th
 * file-system step of {@link applyPlan}.
 */
function faultPoint(n: number): void {
  const killAt = process.env.BRAMBLE_FAULT_KILL_AT;
  if (killAt !== undefined && killAt !== '' && Number(killAt) === n) process.kill(process.pid, 'SIGKILL');
}

function step(): void {
  faultPoint(++stepCount);
}

function writeDurably(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Removes empty folders from `dir` up to (not including) `root`. */
function pruneEmptyDirs(dir: string, root: string): void {
  let d = dir;
  while (d.startsWith(root + sep) && existsSync(d) && readdirSync(d).length === 0) {
    rmdirSync(d);
    d = dirname(d);
  }
}

/**
 * Finishes or undoes a synth that was interrupted (killed, power lost) in `outDir`: before its
 * journal was written nothing in the tree had changed, so the scratch files go; after, every
 * change is rolled back from the backups. Returns what it did.
 */
export function recover(outDir: string): 'none' | 'cleaned' | 'rolled-back' {
  const result = rollBack(outDir);
  faultPoint(0);
  return result;
}

function rollBack(outDir: string): 'none' | 'cleaned' | 'rolled-back' {
  const staging = join(outDir, stagingName);
  if (!existsSync(staging)) return 'none';
  const journalPath = join(staging, 'journal.json');
  if (existsSync(join(staging, 'done')) || !existsSync(journalPath)) {
    rmSync(staging, { recursive: true, force: true });
    return 'cleaned';
  }
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  for (const path of [...journal.writes, ...journal.deletes]) {
    const target = join(outDir, path);
    const backup = join(staging, 'old', path);
    if (existsSync(backup)) {
      mkdirSync(dirname(target), { recursive: true });
      renameSync(backup, target);
    } else if (existsSync(target) && journal.writes.includes(path)) {
      unlinkSync(target);
      pruneEmptyDirs(dirname(target), outDir);
    }
  }
  rmSync(staging, { recursive: true, force: true });
  return 'rolled-back';
}

/**
 * Applies `plan` to `outDir` so that an interruption at any point leaves the previous tree (after
 * {@link recover}, which every synth runs first): new contents are written and synced in a
 * scratch folder, the files to be replaced or removed are hard-linked as backups, a journal is
 * written, and only then are the new files renamed into place and stale ones removed.
 */
export function applyPlan(outDir: string, plan: WritePlan): void {
  const staging = join(outDir, stagingName);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const f of plan.writes) {
    step();
    writeDurably(join(staging, 'new', f.path), f.content);
  }
  for (const path of [...plan.writes.map((f) => f.path), ...plan.deletes]) {
    const target = join(outDir, path);
    if (!existsSync(target)) continue;
    step();
    const backup = join(staging, 'old', path);
    mkdirSync(dirname(backup), { recursive: true });
    linkSync(target, backup);
  }
  step();
  const journal: Journal = { writes: plan.writes.map((f) => f.path), deletes: [...plan.deletes] };
  writeDurably(join(staging, 'journal.tmp'), JSON.stringify(journal));
  renameSync(join(staging, 'journal.tmp'), join(staging, 'journal.json'));
  for (const f of plan.writes) {
    step();
    const target = join(outDir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(staging, 'new', f.path), target);
  }
  for (const path of plan.deletes) {
    step();
    const target = join(outDir, path);
    unlinkSync(target);
    pruneEmptyDirs(dirname(target), outDir);
  }
  step();
  writeDurably(join(staging, 'done'), '');
  rmSync(staging, { recursive: true, force: true });
}
