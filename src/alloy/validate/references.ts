/**
 * References in Alloy expressions: the dotted identifier chains (`otelcol.exporter.otlp.tempo.input`,
 * `sys.env`, `argument.x.value`) that the validator resolves against component ids.
 */
import type { Expr, Identifier, Statement } from '../syntax';

/** A reference: the identifiers of `a.b.c`, in order. */
export type Traversal = readonly Identifier[];

/** Stdlib namespaces and functions in scope everywhere (notes §3). */
export const STDLIB_NAMES: ReadonlySet<string> = new Set([
  'sys',
  'string',
  'encoding',
  'array',
  'convert',
  'file',
  'coalesce',
  'json_path',
  'constants',
]);

/** Deprecated stdlib globals: still work, with a warning. */
export const DEPRECATED_STDLIB_NAMES: ReadonlySet<string> = new Set([
  'env',
  'concat',
  'format',
  'join',
  'json_decode',
  'yaml_decode',
  'base64_decode',
  'nonsensitive',
  'replace',
  'split',
  'to_lower',
  'to_upper',
  'trim',
  'trim_prefix',
  'trim_suffix',
  'trim_space',
]);

/**
 * Other identifiers Alloy puts in scope: `module_path` (the directory of the module or config).
 * Treated as in scope everywhere, so it is never reported.
 */
export const SCOPE_VARIABLES: ReadonlySet<string> = new Set(['module_path']);

/** Collects every traversal in a body (attribute values, nested blocks), in source order. */
export function traversalsOfBody(body: readonly Statement[], out: Traversal[] = []): Traversal[] {
  for (const stmt of body) {
    if (stmt.kind === 'Attribute') traversalsOfExpr(stmt.value, out);
    else if (stmt.kind === 'Block') traversalsOfBody(stmt.body, out);
  }
  return out;
}

/** Collects every traversal in an expression, in source order. */
export function traversalsOfExpr(e: Expr, out: Traversal[] = []): Traversal[] {
  switch (e.kind) {
    case 'Identifier':
      out.push([e]);
      break;
    case 'Access': {
      const names: Identifier[] = [];
      let cur: Expr = e;
      while (cur.kind === 'Access') {
        names.push(cur.name);
        cur = cur.value;
      }
      if (cur.kind === 'Identifier') {
        names.push(cur);
        out.push(names.reverse());
      } else {
        traversalsOfExpr(cur, out);
      }
      break;
    }
    case 'Index':
      traversalsOfExpr(e.value, out);
      traversalsOfExpr(e.index, out);
      break;
    case 'Call':
      traversalsOfExpr(e.callee, out);
      for (const a of e.args) traversalsOfExpr(a, out);
      break;
    case 'Unary':
      traversalsOfExpr(e.operand, out);
      break;
    case 'Binary':
      traversalsOfExpr(e.left, out);
      traversalsOfExpr(e.right, out);
      break;
    case 'Paren':
      traversalsOfExpr(e.inner, out);
      break;
    case 'Array':
      for (const el of e.elements) traversalsOfExpr(el, out);
      break;
    case 'Object':
      for (const f of e.fields) traversalsOfExpr(f.value, out);
      break;
    case 'Literal':
      break;
  }
  return out;
}
