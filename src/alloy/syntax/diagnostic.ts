/**
 * A place in Alloy source text. Alloy counts columns in bytes, so both `offset` and `column`
 * are UTF-8 byte counts, even though bramble holds the text as a JS (UTF-16) string.
 */
export interface Position {
  /** UTF-8 byte offset from the start of the source (0-based). */
  readonly offset: number;
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, counted in UTF-8 bytes from the start of the line. */
  readonly column: number;
}

/** A syntax error found while scanning or parsing, worded exactly as Alloy words it. */
export interface SyntaxDiagnostic {
  /** The message, such as `expected TERMINATOR, got IDENT`. */
  readonly message: string;
  /** Where the problem starts (what Alloy reports as `line:col`). */
  readonly start: Position;
  /** Where the offending token ends, when the problem is about a token. */
  readonly end?: Position;
}

/**
 * Renders a diagnostic as Alloy prints it: `file:LINE:COL: message`, or `LINE:COL: message`
 * without a file name.
 */
export function formatDiagnostic(d: SyntaxDiagnostic, filename?: string): string {
  const where = `${d.start.line}:${d.start.column}`;
  return filename === undefined ? `${where}: ${d.message}` : `${filename}:${where}: ${d.message}`;
}
