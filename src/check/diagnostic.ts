import type { RuleId } from './rules';

/** How bad a finding is: errors fail the command (exit 1 for check, 2 for synth); warnings are shown only. */
export type Severity = 'error' | 'warning';

/**
 * One finding, from any source: a construct validation at synth time, a rule of `bramble check`,
 * or the Alloy parser. Positions are 1-based; `column` counts characters of the line.
 */
export interface Diagnostic {
  /** Stable kebab-case rule id; each has a page under docs/rules/. */
  readonly ruleId: RuleId;
  readonly severity: Severity;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /** The file the finding is in, relative to the working directory where possible. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** The construct that produced the offending value (synth-time findings), e.g. `bramble/tempo`. */
  readonly constructPath?: string;
}

/** Sorts diagnostics by file, line, column, then rule id, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      (a.constructPath ?? '').localeCompare(b.constructPath ?? '') ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
