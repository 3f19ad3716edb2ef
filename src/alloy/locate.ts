import { parse, type Statement } from './syntax';

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
    if (!stmt || stmt.kind === 'Comment' || !stmt.start) break;
    found = { line: stmt.start.line, column: stmt.start.column };
    if (stmt.kind !== 'Block') break;
    body = stmt.body;
  }
  return found;
}
