import { validateAlloySource, type AlloyDiagnostic, type ValidateOptions } from '../../../src/alloy/validate';

/** Validates source text and returns `code@line:col` for each diagnostic, in order. */
export function findings(source: string, options: ValidateOptions = {}): string[] {
  return validateAlloySource(source, options).map(brief);
}

/** `code@line:col` of a diagnostic. */
export function brief(d: AlloyDiagnostic): string {
  return `${d.code}@${d.start.line}:${d.start.column}`;
}

/** Validates and returns the diagnostics, asserting nothing. */
export function diagnostics(source: string, options: ValidateOptions = {}): AlloyDiagnostic[] {
  return validateAlloySource(source, options);
}

/** One file of a txtar archive. */
export interface TxtarFile {
  readonly name: string;
  readonly data: string;
}

/**
 * Splits a golang.org/x/tools/txtar archive: the comment is the text before the first
 * `-- name --` line; each file's data runs to the next marker line (newlines kept).
 */
export function parseTxtar(text: string): { comment: string; files: TxtarFile[] } {
  const files: { name: string; data: string }[] = [];
  let comment = '';
  let current: { name: string; data: string } | undefined;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const withNewline = i < lines.length - 1 ? `${line}\n` : line;
    const marker = /^-- (.+) --$/.exec(line);
    if (marker) {
      current = { name: marker[1] as string, data: '' };
      files.push(current);
    } else if (current) {
      current.data += withNewline;
    } else {
      comment += withNewline;
    }
  });
  return { comment, files };
}

export { listReference as listAlloyReference, readReference as readAlloyReference } from '../syntax/reference-data';

/** Splits a `.diags` rendering into one string per diagnostic (each ending with a newline). */
export function splitDiags(text: string): string[] {
  if (text === '') return [];
  return text.split(/\n(?=(?:Error|Warning): )/).map((s) => (s.endsWith('\n') ? s : `${s}\n`));
}

/** The header line (`Error: main.alloy:4:1: message`) of a rendered diagnostic. */
export function header(rendered: string): string {
  return rendered.slice(0, rendered.indexOf('\n'));
}
