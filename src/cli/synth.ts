import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../check/diagnostic';
import { formatDiagnosticsText } from '../check/format';
import { findEntry, loadApp } from '../synth/load-app';
import { synthesize, type RenderedFile } from '../synth/synthesize';
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
  const outRel = relative(io.cwd, outAbs) || '.';
  const report = (diagnostics: readonly Diagnostic[]) => {
    if (diagnostics.length) io.stderr(formatDiagnosticsText(sortDiagnostics(diagnostics)));
  };

  const entry = findEntry(io.cwd, options.app);
  if (!entry) {
    report([{ ruleId: 'app-load', severity: 'error', message: 'no stack found: expected charts/main.ts', hint: 'create charts/main.ts or pass --app FILE' }]);
    return ExitCode.usage;
  }
  const loaded = loadApp(entry, io.cwd);
  if (!loaded.app) {
    report(loaded.diagnostics);
    return ExitCode.usage;
  }
  const { files, diagnostics } = synthesize(loaded.app, outRel);
  report(diagnostics);
  if (hasErrors(diagnostics)) {
    io.stderr(`synth: ${diagnostics.filter((d) => d.severity === 'error').length} error(s); ${outRel}/ was not changed\n`);
    return ExitCode.usage;
  }

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

/** `synth --check`: drift between the rendered tree and the files on disk. */
function checkTree(outAbs: string, outRel: string, files: readonly RenderedFile[], io: Io): number {
  const drift: Diagnostic[] = [];
  const driftAt = (path: string, message: string) =>
    drift.push({ ruleId: 'drift', severity: 'error', message, hint: 'run `npx bramble synth` and commit the result', file: `${outRel}/${path}` });
  if (existsSync(join(outAbs, stagingName))) driftAt(stagingName, 'an interrupted synth left scratch files; run `npx bramble synth` to roll back');
  const all = [...files, { path: manifestName, content: renderManifest(files) }];
  for (const f of all) {
    const target = join(outAbs, f.path);
    if (!existsSync(target)) driftAt(f.path, 'missing: synth produces this file');
    else if (readFileSync(target, 'utf8') !== f.content) driftAt(f.path, 'differs from what synth produces');
  }
  const produced = new Set(all.map((f) => f.path));
  for (const p of Object.keys(readManifest(outAbs).files)) {
    if (!produced.has(p) && existsSync(join(outAbs, p))) driftAt(p, 'stale: synth no longer produces this file');
  }
  if (drift.length) {
    io.stderr(formatDiagnosticsText(drift));
    return ExitCode.findings;
  }
  return ExitCode.ok;
}
