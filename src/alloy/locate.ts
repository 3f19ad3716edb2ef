import { parse, positionAt, type Statement } from './syntax';

/**
 * Where a statement sits in an Alloy config: `path` names blocks from the top, as `name "label"` or
 * `name`, and may end with an attribute name. Returns the 1-based line and column of the last
 * statement found, or undefined when the text does not parse or the first step is missing.
 */
export function locateInAlloy(text: string, path: readonly string[]): { line: number; column: number } | undefined {
  const { file } = parse(text);
  if (!file) return undefined;
  let body: Statement[] = file.body;
  let found: { line: number; column: number } | undefined;
  for (const step of path) {
    const stmt = body.find((s) => {
      if (s.kind === 'Block') return (s.label !== undefined ? `${s.name} "${s.label}"` : s.name) === step;
      return s.kind === 'Attribute' && s.name.name === step;
    });
    if (!stmt || stmt.kind === 'Comment' || stmt.start === undefined) break;
    const { line, column } = positionAt(file, stmt.start);
    found = { line, column };
    if (stmt.kind !== 'Block') break;
    body = stmt.body;
  }
  return found;
}

/**
 * The 1-based character column (UTF-16 units, as editors and the YAML parser count) of a 1-based
 * Alloy column, which counts UTF-8 bytes, on `line`.
 */
export function characterColumn(line: string, byteColumn: number): number {
  let bytes = 0;
  let i = 0;
  while (i < line.length && bytes < byteColumn - 1) {
    const cp = line.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i + 1;
}
