import { hasErrors } from '../check/diagnostic';
import { runChecks } from '../check/engine';
import { defaultRules } from '../check/index';
import { loadTree, readIgnoreFile } from '../check/load';
import { reportGithub, reportJson, reportText, type ReportFormat } from '../check/report';
import { rules, type RuleId } from '../check/rules';
import { projectFolderAbove } from '../synth/load-app';
import { ExitCode, type Io } from './io';

/** What `bramble check` reads when no path is given. */
const defaultTree = 'gitops';

/** Options of `bramble check`. */
export interface CheckCliOptions {
  readonly format?: ReportFormat;
  /** Comma-separated rule ids to run (default: all). */
  readonly select?: string;
  /** Comma-separated rule ids to skip. */
  readonly disable?: string;
  /** Glob patterns of paths to skip (besides .brambleignore). */
  readonly ignore?: string[];
}

function ruleList(text: string | undefined, io: Io): RuleId[] | undefined | 'bad' {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !(id in rules));
  if (unknown.length) {
    io.stderr(`error: unknown rule id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see docs/rules/)\n`);
    return 'bad';
  }
  return ids as RuleId[];
}

/** `bramble check [PATH...]`: duplicate keys, schemas and wiring across a GitOps tree. */
export function runCheck(paths: readonly string[], options: CheckCliOptions, io: Io): number {
  const select = ruleList(options.select, io);
  const disable = ruleList(options.disable, io);
  if (select === 'bad' || disable === 'bad') return ExitCode.usage;
  const loaded = loadTree(paths.length ? paths : [defaultTree], io.cwd, { ignore: [...readIgnoreFile(io.cwd), ...(options.ignore ?? [])] });
  if (loaded.missing.length) {
    for (const p of loaded.missing) io.stderr(`error: ${p}: no such file or folder\n`);
    if (!paths.length) {
      const above = projectFolderAbove(io.cwd, [defaultTree]);
      io.stderr(`  hint: with no PATH bramble check reads ${defaultTree}/; name the folder to check (bramble check .)${above ? ` or run it in ${above}` : ''}\n`);
    }
    return ExitCode.usage;
  }
  const unreadable = loaded.skipped.filter((s) => s.unreadable);
  for (const s of unreadable) io.stderr(`error: ${s.path}: ${s.reason}\n`);
  if (unreadable.length) return ExitCode.usage;
  const diagnostics = runChecks(loaded.sources, defaultRules, {
    ...(select ? { select } : {}),
    ...(disable ? { disable } : {}),
  });
  const format = options.format ?? 'text';
  if (format === 'json') io.stdout(reportJson(diagnostics));
  else if (format === 'github') io.stdout(reportGithub(diagnostics));
  else io.stdout(reportText(diagnostics, new Map(loaded.sources.map((s) => [s.path, s.text]))));
  return hasErrors(diagnostics) ? ExitCode.findings : ExitCode.ok;
}
