import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { sortDiagnostics, type Diagnostic } from '../check/diagnostic';
import { formatDiagnosticsText } from '../check/format';
import { synthesizeInMemory } from '../synth/in-memory';
import type { RenderedFile } from '../synth/synthesize';
import { applyPlan, manifestName, planWrite, readManifest, recover, renderManifest, stagingName } from '../synth/tree';
import { ExitCode, type Io } from './io';

/** Options of `bramble synth`. */
export interface SynthOptions {
  /** Verify that the tree on disk is what synth produces; write nothing. */
  readonly check?: boolean;
  /** Print the documents instead of writing them. */
  readonly stdout?: boolean;
  /** Output root. @default 'gitops' */
  readonly out?: string;
  /** Stack entry. @default charts/main.ts */
  readonly app?: string;
  /** Overwrite files bramble does not own. */
  readonly force?: boolean;
}

/** `bramble synth`: run the stack, render it, self-check, then write, verify or print. */
export function runSynth(options: SynthOptions, io: Io): number {
  const outAbs = resolve(io.cwd, options.out ?? 'gitops');
  const report = (diagnostics: readonly Diagnostic[]) => {
    if (diagnostics.length) io.stderr(formatDiagnosticsText(sortDiagnostics(diagnostics)));
  };

  const synth = synthesizeInMemory(io.cwd, options);
  const outRel = synth.outRel;
  report(synth.diagnostics);
  if (!synth.ok) {
    const errors = synth.diagnostics.filter((d) => d.severity === 'error').length;
    // A stack that did not load gets no summary: its one diagnostic says it all.
    if (synth.stage === 'render') io.stderr(`synth: ${errors} error(s); ${outRel}/ was not changed\n`);
    return ExitCode.usage;
  }
  const files = synth.files;

  if (options.stdout) {
    io.stdout(files.map((f) => `# Source: ${outRel}/${f.path}\n${f.content}`).join('---\n'));
    return ExitCode.ok;
  }
  if (options.check) return checkTree(outAbs, outRel, files, io);

  const recovered = recover(outAbs);
  if (recovered === 'rolled-back') io.stderr(`synth: rolled back an interrupted synth in ${outRel}/\n`);
  const plan = planWrite(outAbs, files);
  if (plan.conflicts.length && !options.force) {
    report(
      plan.conflicts.map((p) => ({
        ruleId: 'output-conflict' as const,
        severity: 'error' as const,
        message: `synth would overwrite ${outRel}/${p}, which bramble does not own`,
        hint: 'move the file away, or pass --force to let bramble take it over',
        file: `${outRel}/${p}`,
      })),
    );
    io.stderr(`synth: ${outRel}/ was not changed\n`);
    return ExitCode.usage;
  }
  try {
    applyPlan(outAbs, plan);
  } catch (e) {
    // A full disk, a read-only folder: undo what was applied, so the tree stays as it was.
    let rolledBack = true;
    try {
      recover(outAbs);
    } catch {
      rolledBack = false;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`error: cannot write ${outRel}/: ${err.message}\n`);
    io.stderr(rolledBack ? `synth: ${outRel}/ was not changed\n` : `synth: run bramble synth again to roll back ${outRel}/\n`);
    return ExitCode.usage;
  }
  for (const p of plan.handEdited) io.stderr(`warning: ${outRel}/${p} had been edited by hand; synth replaced it\n`);
  const changed = plan.writes.filter((f) => f.path !== manifestName).map((f) => `  wrote ${outRel}/${f.path}\n`);
  const removed = plan.deletes.map((p) => `  removed ${outRel}/${p}\n`);
  if (changed.length || removed.length) io.stdout(`synth: ${outRel}/\n${changed.join('')}${removed.join('')}`);
  return ExitCode.ok;
}

/**
 * `synth --check`: drift between the rendered tree and the files on disk. Each drifted file gets a
 * diagnostic on stderr and a unified diff on stdout, from the file on disk to what synth produces
 * (paths `a/<out>/...` and `b/<out>/...`, so `git apply` would bring the tree up to date).
 */
function checkTree(outAbs: string, outRel: string, files: readonly RenderedFile[], io: Io): number {
  const drift: Diagnostic[] = [];
  const patches: string[] = [];
  const driftAt = (path: string, message: string) =>
    drift.push({ ruleId: 'drift', severity: 'error', message, hint: 'run `npx bramble synth` and commit the result', file: `${outRel}/${path}` });
  if (existsSync(join(outAbs, stagingName))) driftAt(stagingName, 'an interrupted synth left scratch files; run `npx bramble synth` to roll back');
  const all = [...files, { path: manifestName, content: renderManifest(files) }];
  for (const f of all) {
    const target = join(outAbs, f.path);
    const onDisk = readIfFile(target);
    if (onDisk === undefined) {
      driftAt(f.path, 'missing: synth produces this file');
      patches.push(unifiedDiff(`${outRel}/${f.path}`, undefined, f.content));
    } else if (onDisk !== f.content) {
      driftAt(f.path, 'differs from what synth produces');
      patches.push(unifiedDiff(`${outRel}/${f.path}`, onDisk, f.content));
    }
  }
  const produced = new Set(all.map((f) => f.path));
  for (const p of Object.keys(readManifest(outAbs).files)) {
    const onDisk = produced.has(p) ? undefined : readIfFile(join(outAbs, p));
    if (onDisk !== undefined) {
      driftAt(p, 'stale: synth no longer produces this file');
      patches.push(unifiedDiff(`${outRel}/${p}`, onDisk, undefined));
    }
  }
  if (drift.length) {
    io.stdout(patches.join(''));
    io.stderr(formatDiagnosticsText(drift));
    io.stderr(`synth --check: ${drift.length} file(s) differ from what synth produces\n`);
    return ExitCode.findings;
  }
  return ExitCode.ok;
}

/** A file's text, or undefined when there is no file (or a folder) at `path`. */
function readIfFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A unified diff (3 lines of context) of one file in git's layout: `/dev/null` stands for a
 * missing side, and a missing final newline is marked as diff(1) marks it.
 */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  const patch = createTwoFilesPatch(
    before === undefined ? '/dev/null' : `a/${path}`,
    after === undefined ? '/dev/null' : `b/${path}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY },
  );
  return `diff --git a/${path} b/${path}\n${before === undefined ? 'new file mode 100644\n' : after === undefined ? 'deleted file mode 100644\n' : ''}${patch}`;
}
