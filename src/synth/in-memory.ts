import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../check/diagnostic';
import { defaultEntries, findEntry, loadApp, projectFolderAbove } from './load-app';
import { synthesize, type RenderedFile } from './synthesize';

/** Where the stack is and where its tree goes, relative to a working directory. */
export interface StackLocation {
  /** Stack entry. @default charts/main.ts (or charts/index.ts, charts/main.js) */
  readonly app?: string;
  /** Output root. @default 'gitops' */
  readonly out?: string;
}

/** A stack rendered in memory: its files, or the errors that stopped it. */
export type InMemorySynth =
  | { readonly ok: true; readonly files: RenderedFile[]; readonly diagnostics: Diagnostic[]; readonly outRel: string }
  | { readonly ok: false; readonly diagnostics: Diagnostic[]; readonly outRel: string; readonly stage: 'missing' | 'load' | 'render' };

/**
 * Finds, loads and synthesizes the stack of the project at `cwd` without writing anything: the
 * first half of `bramble synth`, shared by `synth`, `graph` and `diff`. Diagnostics name files
 * relative to `cwd`; `ok` is false when there is no stack (`stage` missing: no default entry, or
 * no `--app` file), when it does not run (`stage` load) or when it renders errors (`stage` render).
 */
export function synthesizeInMemory(cwd: string, location: StackLocation = {}): InMemorySynth {
  const outRel = relative(cwd, resolve(cwd, location.out ?? 'gitops')) || '.';
  const entry = findEntry(cwd, location.app);
  if (!entry) {
    const above = projectFolderAbove(cwd, defaultEntries);
    const hint = above ? `run bramble in ${above}, the project folder above this one, or pass --app FILE` : 'create charts/main.ts or pass --app FILE';
    return { ok: false, stage: 'missing', outRel, diagnostics: [{ ruleId: 'app-load', severity: 'error', message: 'no stack found: expected charts/main.ts', hint }] };
  }
  const loaded = loadApp(entry, cwd);
  // An --app file that does not exist (loadApp reports it) is no stack, rather than a broken one.
  if (!loaded.app) return { ok: false, stage: existsSync(entry) ? 'load' : 'missing', outRel, diagnostics: loaded.diagnostics };
  const { files, diagnostics } = synthesize(loaded.app, outRel);
  return hasErrors(diagnostics) ? { ok: false, stage: 'render', outRel, diagnostics } : { ok: true, files, diagnostics, outRel };
}
