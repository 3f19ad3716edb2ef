import { join } from 'node:path';
import { sortDiagnostics } from '../check/diagnostic';
import { formatDiagnosticsText } from '../check/format';
import { diffTrees, hasChanges, renderDiffJson, renderDiffMarkdown, renderDiffText, type TreeFile } from '../diff';
import { flowGraph, renderMermaid, sameFlow } from '../graph';
import { synthesizeInMemory, type InMemorySynth, type StackLocation } from '../synth/in-memory';
import { defaultEntries } from '../synth/load-app';
import { manifestName } from '../synth/tree';
import { checkout, findRepository, resolveCommit, RevisionError, type Checkout, type Repository } from '../synth/revision';
import { ExitCode, type Io } from './io';

/** Options of `bramble diff`. */
export interface DiffOptions extends StackLocation {
  /** The revision to compare against. @default 'HEAD' */
  readonly base?: string;
  /** The revision to compare; the working tree when absent. */
  readonly head?: string;
  /** @default 'text' */
  readonly format?: 'text' | 'markdown' | 'json';
  /** Exit 1 when anything changed. */
  readonly exitCode?: boolean;
}

/** One side of the comparison: which revision, and the tree its stack renders. */
interface Side {
  /** How the user named it (`HEAD~1`, `working tree`). */
  readonly label: string;
  readonly files: readonly TreeFile[];
}

/**
 * `bramble diff`: synthesizes the stack at two revisions (offline, in temporary folders that are
 * removed when it ends) and reports what a reviewer needs to know: resources and values that changed,
 * Alloy components that changed, and the data-flow graph when the flow changed.
 */
export function runDiff(options: DiffOptions, io: Io): number {
  const checkouts: Checkout[] = [];
  try {
    const repo = findRepository(io.cwd);
    const baseRef = options.base ?? 'HEAD';
    const baseSha = resolveCommit(repo, baseRef);
    const headSha = options.head !== undefined ? resolveCommit(repo, options.head) : undefined;

    // The head first: a working tree without a stack is the mistake to report, not the base's.
    const head = headSha !== undefined ? sideAt(repo, options.head as string, headSha, options, io, checkouts) : workingTree(options, io);
    if (!head) return ExitCode.usage;
    const base = sideAt(repo, baseRef, baseSha, options, io, checkouts);
    if (!base) return ExitCode.usage;

    const diff = diffTrees(base.files, head.files);
    const labels = { baseLabel: base.label, headLabel: head.label };
    const format = options.format ?? 'text';
    if (format === 'json') io.stdout(renderDiffJson(diff, labels));
    else if (format === 'markdown') {
      const before = flowGraph(base.files);
      const after = flowGraph(head.files);
      io.stdout(renderDiffMarkdown(diff, sameFlow(before, after) ? labels : { ...labels, graph: renderMermaid(after) }));
    } else io.stdout(renderDiffText(diff, labels));
    return options.exitCode && hasChanges(diff) ? ExitCode.findings : ExitCode.ok;
  } catch (e) {
    if (!(e instanceof RevisionError)) throw e;
    io.stderr(`error: ${e.message}\n`);
    return ExitCode.usage;
  } finally {
    for (const c of checkouts) c.dispose();
  }
}

/** The tree the stack renders in the working directory as it is now. */
function workingTree(options: DiffOptions, io: Io): Side | undefined {
  const files = treeOf(synthesizeInMemory(io.cwd, options), 'the working tree', io);
  return files && { label: 'working tree', files };
}

/**
 * The tree the stack renders at commit `sha`, checked out into a temporary folder. A revision
 * with no stack at all (one from before the repository used bramble) renders nothing: compared
 * with it, every file is added. A stack that is there but fails is an error.
 */
function sideAt(repo: Repository, ref: string, sha: string, options: DiffOptions, io: Io, checkouts: Checkout[]): Side | undefined {
  const c = checkout(repo, sha, join(io.cwd, 'node_modules'));
  checkouts.push(c);
  const label = `${ref} (${sha.slice(0, 7)})`;
  const synth = synthesizeInMemory(c.cwd, options);
  if (!synth.ok && synth.stage === 'missing') {
    io.stderr(`note: ${label} has no stack (no ${options.app ?? defaultEntries.join(', ')}): it is compared as an empty tree\n`);
    return { label: `${ref} (no stack)`, files: [] };
  }
  const files = treeOf(synth, label, io);
  return files && { label: ref, files };
}

/**
 * The files a synthesized stack renders. On failure, prints its diagnostics (paths relative to
 * the project, as in that revision) under a line naming the revision, and returns undefined.
 */
function treeOf(synth: InMemorySynth, revision: string, io: Io): TreeFile[] | undefined {
  if (!synth.ok) {
    io.stderr(`error: the stack at ${revision} does not synthesize:\n`);
    io.stderr(formatDiagnosticsText(sortDiagnostics(synth.diagnostics)));
    return undefined;
  }
  return synth.files.filter((f) => f.path !== manifestName);
}
