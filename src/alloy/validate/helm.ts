/**
 * The Alloy Helm chart passes `alloy.configMap.content` through Helm's `tpl` (notes §9), so any
 * `{{` in a config bound for the chart is evaluated as a Go template action: it either fails to
 * render or silently changes the config. Bramble's generated content must contain none.
 */
import { positionAt, type AlloyFile, type Expr, type Position, type Statement } from '../syntax';
import { utf8Length } from './typecheck';

/** The message of an `alloy-helm-template` finding. */
export const HELM_TEMPLATE_MESSAGE =
  '"{{" in a config bound for the Alloy Helm chart: the chart renders alloy.configMap.content with tpl, which evaluates it as a Go template action';

/** A `{{` found, with its position. */
export interface HelmTemplateFinding {
  readonly message: string;
  readonly start: Position;
  readonly end: Position;
}

/** Where `{{` occurs in `text`, whose first character is at `origin`. Positions count UTF-8 bytes. */
export function helmTemplateFindingsInText(text: string, origin: Position = { offset: 0, line: 1, column: 1 }): HelmTemplateFinding[] {
  const out: HelmTemplateFinding[] = [];
  let from = 0;
  let line = origin.line;
  let column = origin.column;
  let offset = origin.offset;
  let scanned = 0; // index in text up to which line/column/offset are computed
  for (;;) {
    const i = text.indexOf('{{', from);
    if (i < 0) break;
    // Advance the position from `scanned` to `i`.
    const chunk = text.slice(scanned, i);
    const nl = chunk.lastIndexOf('\n');
    if (nl >= 0) {
      let lines = 0;
      for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) lines++;
      line += lines;
      column = 1 + utf8Length(chunk.slice(nl + 1));
    } else {
      column += utf8Length(chunk);
    }
    offset += utf8Length(chunk);
    scanned = i;
    const start: Position = { offset, line, column };
    out.push({ message: HELM_TEMPLATE_MESSAGE, start, end: { offset: offset + 2, line, column: column + 2 } });
    from = i + 2;
  }
  return out;
}

/**
 * Where `{{` occurs in a parsed file: in string literals, quoted object keys and comments (the
 * only places it can be in a file that parses).
 */
export function helmTemplateFindingsInFile(file: AlloyFile): HelmTemplateFinding[] {
  const out: HelmTemplateFinding[] = [];
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case 'Literal':
        if (e.type === 'string' && e.start !== undefined && e.raw.includes('{{')) out.push(...helmTemplateFindingsInText(e.raw, positionAt(file, e.start)));
        break;
      case 'Array':
        e.elements.forEach(expr);
        break;
      case 'Object':
        for (const f of e.fields) {
          if (f.quoted && f.start !== undefined && f.key.includes('{{')) {
            const start = positionAt(file, f.start);
            out.push(...helmTemplateFindingsInText(f.key, { offset: start.offset + 1, line: start.line, column: start.column + 1 }));
          }
          expr(f.value);
        }
        break;
      case 'Access':
        expr(e.value);
        break;
      case 'Index':
        expr(e.value);
        expr(e.index);
        break;
      case 'Call':
        expr(e.callee);
        e.args.forEach(expr);
        break;
      case 'Unary':
        expr(e.operand);
        break;
      case 'Binary':
        expr(e.left);
        expr(e.right);
        break;
      case 'Paren':
        expr(e.inner);
        break;
      case 'Identifier':
        break;
    }
  };
  const body = (stmts: readonly Statement[]): void => {
    for (const s of stmts) {
      if (s.kind === 'Attribute') expr(s.value);
      else if (s.kind === 'Block') body(s.body);
    }
  };
  body(file.body);
  for (const c of file.comments) if (c.text.includes('{{')) out.push(...helmTemplateFindingsInText(c.text, positionAt(file, c.start)));
  return out.sort((a, b) => a.start.offset - b.start.offset);
}
