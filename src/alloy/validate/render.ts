/**
 * Renders diagnostics the way `alloy validate` prints them (Alloy's diag printer, no colour): a
 * header line, then the source lines around the range with a `^` underline; multi-line ranges
 * are drawn with `_` and `|`. One line of context before and after; tabs shown as 4 spaces.
 */
import type { AlloyDiagnostic } from './diagnostic';

const TAB = '    ';

interface DisplayLine {
  /** The line as displayed (tabs expanded). */
  readonly text: string;
  /** Display column (1-based) of each byte column (1-based); index 0 unused. */
  readonly columns: number[];
}

function displayLine(line: string): DisplayLine {
  const columns: number[] = [0];
  let text = '';
  let display = 1;
  for (const ch of line) {
    const cp = ch.codePointAt(0) as number;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) columns.push(display);
    if (ch === '\t') {
      text += TAB;
      display += TAB.length;
    } else {
      text += ch;
      display += 1;
    }
  }
  columns.push(display); // one past the end
  return { text, columns };
}

/** The display column of a byte column (past the end: continues one per byte). */
function displayColumn(line: DisplayLine, byteColumn: number): number {
  const last = line.columns.length - 1;
  if (byteColumn <= last) return line.columns[byteColumn] as number;
  return (line.columns[last] as number) + (byteColumn - last);
}

/**
 * Renders one diagnostic as Alloy's `.diags` files show it: `Error: main.alloy:4:1: message`, a
 * blank line, the numbered source excerpt with the underline, and a final newline. Join several
 * with `\n` to get a whole `.diags` file.
 */
export function renderAlloyDiagnostic(d: AlloyDiagnostic, filename: string, source: string): string {
  const severity = d.severity === 'warning' ? 'Warning' : 'Error';
  const header = `${severity}: ${filename}:${d.start.line}:${d.start.column}: ${d.message}`;
  const lines = source.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const startLine = d.start.line;
  // Alloy's end positions are inclusive; ours are exclusive.
  let endLine = startLine;
  let endByte: number | undefined;
  if (d.end && (d.end.line > startLine || d.end.column > d.start.column)) {
    if (d.end.column > 1 || d.end.line === startLine) {
      endLine = d.end.line;
      endByte = d.end.column - 1;
    } else {
      // The range ends right after a line break: it ends at the end of the previous line.
      endLine = d.end.line - 1;
      endByte = utf8ByteLength(lines[endLine - 1] ?? '');
    }
  }
  const first = Math.max(1, startLine - 1);
  const last = Math.min(lines.length, endLine + 1);
  const width = String(last).length;
  const gutter = (n?: number): string => `${n === undefined ? ' '.repeat(width) : String(n).padStart(width)} |`;
  const rows: string[] = [];
  const multi = endLine > startLine;

  for (let n = first; n <= last; n++) {
    const line = displayLine(lines[n - 1] ?? '');
    if (!multi) {
      rows.push(`${gutter(n)} ${line.text}`);
      if (n === startLine) {
        const from = displayColumn(line, d.start.column);
        const lineEnd = line.text.length;
        let carets: number;
        if (endByte === undefined) carets = from <= lineEnd ? 1 : 0;
        else {
          const to = Math.min(displayColumn(line, endByte + 1) - 1, lineEnd);
          carets = Math.max(0, to - from + 1);
        }
        rows.push(`${gutter()} ${' '.repeat(from - 1)}${'^'.repeat(carets)}`);
      }
      continue;
    }
    const inside = n > startLine && n <= endLine;
    rows.push(`${gutter(n)} ${inside ? '| ' : '  '}${line.text}`);
    if (n === startLine) {
      const from = displayColumn(line, d.start.column);
      rows.push(`${gutter()}  ${'_'.repeat(from)}${'^'.repeat(Math.max(0, line.text.length - from + 1))}`);
    } else if (n === endLine) {
      const to = displayColumn(line, endByte as number);
      rows.push(`${gutter()} |${'_'.repeat(to)}^`);
    }
  }
  return `${header}\n\n${rows.join('\n')}\n`;
}

function utf8ByteLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
