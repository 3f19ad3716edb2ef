import type { Diagnostic } from './diagnostic';

/**
 * One diagnostic as compilers print it: `file:line:col: severity rule-id: message`, then the hint
 * indented on the next line.
 */
export function formatDiagnosticText(d: Diagnostic): string {
  const where = d.file ? [d.file, d.line, d.line !== undefined ? d.column : undefined].filter((x) => x !== undefined).join(':') : '';
  const head = `${where ? where + ': ' : ''}${d.severity} ${d.ruleId}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** All diagnostics as text, one per line (plus hints), ending with a newline when non-empty. */
export function formatDiagnosticsText(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => formatDiagnosticText(d) + '\n').join('');
}
