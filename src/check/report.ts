import type { Diagnostic } from './diagnostic';
import { formatDiagnosticText } from './format';

/** Output formats of `bramble check`. */
export type ReportFormat = 'text' | 'json' | 'github';

/**
 * Text: `file:line:col: severity rule-id: message`, the source line with a caret under the column,
 * and the hint; then a one-line summary when there are findings.
 */
export function reportText(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): string {
  const lines = new Map<string, string[]>();
  const out: string[] = [];
  for (const d of diagnostics) {
    const [head, ...rest] = formatDiagnosticText(d).split('\n');
    out.push(head!);
    const text = d.file ? texts.get(d.file) : undefined;
    if (text !== undefined && d.line !== undefined) {
      if (!lines.has(d.file!)) lines.set(d.file!, text.split('\n'));
      const src = lines.get(d.file!)![d.line - 1];
      if (src !== undefined) {
        const gutter = String(d.line).length;
        const shownLine = src.replace(/\t/g, '    ');
        const col = d.column ?? 1;
        const pad = src.slice(0, col - 1).replace(/\t/g, '    ').replace(/[^ ]/g, ' ');
        out.push(` ${d.line} | ${shownLine}`);
        out.push(` ${' '.repeat(gutter)} | ${pad}^`);
      }
    }
    out.push(...rest);
  }
  if (diagnostics.length) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    out.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** JSON: `{"diagnostics": [{file, line, column, severity, ruleId, message, hint}]}`. */
export function reportJson(diagnostics: readonly Diagnostic[]): string {
  return (
    JSON.stringify(
      {
        diagnostics: diagnostics.map((d) => ({
          file: d.file ?? null,
          line: d.line ?? null,
          column: d.column ?? null,
          severity: d.severity,
          ruleId: d.ruleId,
          message: d.message,
          hint: d.hint ?? null,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

// GitHub workflow commands: data escapes %, CR, LF; properties also escape : and ,.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=…,line=…,col=…,title=rule-id::message`. */
export function reportGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [
        ...(d.file ? [`file=${escapeProperty(d.file)}`] : []),
        ...(d.line !== undefined ? [`line=${d.line}`] : []),
        ...(d.column !== undefined ? [`col=${d.column}`] : []),
        `title=${escapeProperty(d.ruleId)}`,
      ];
      const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(message)}\n`;
    })
    .join('');
}
