import {
  goQuote,
  literalValue,
  parse,
  printBody,
  type AlloyFile,
  type AttributeStmt,
  type BlockStmt,
  type Expr,
  type LiteralExpr,
  type Statement,
} from '../alloy/syntax';
import type { ArgumentChange, ComponentChange } from './model';

type Member = AttributeStmt | BlockStmt;

/** How an empty block prints; it stands for the block's presence, which is configuration too. */
const emptyBlock = '{ }';

/**
 * Compares two Alloy configs by component: a component is identified by block name and label,
 * its arguments by their path inside it. Comments and layout are not compared.
 *
 * Undefined when either side does not parse (the caller compares the text instead), and, unless
 * `known` says the value is an Alloy config, when either side has no block: a string such as
 * `a = 1` parses as Alloy but is not a config.
 */
export function diffAlloyConfigs(oldText: string, newText: string, known: boolean): ComponentChange[] | undefined {
  const before = parse(oldText).file;
  const after = parse(newText).file;
  if (!before || !after) return undefined;
  if (!known && !(hasBlock(before) && hasBlock(after))) return undefined;
  const changes: ComponentChange[] = [];
  for (const [component, [a, b]] of pairMembers(before.body, after.body)) {
    const args: ArgumentChange[] = [];
    if (a?.kind !== 'Attribute' && b?.kind !== 'Attribute') diffBodies(a?.body ?? [], b?.body ?? [], '', args);
    else diffMember(component, a, b, args);
    const status = !a ? 'added' : !b ? 'removed' : 'changed';
    if (status !== 'changed' || args.length > 0) changes.push({ component, status, arguments: args });
  }
  return changes;
}

const hasBlock = (file: AlloyFile): boolean => file.body.some((s) => s.kind === 'Block');

/** Appends the argument changes between two block bodies, paths prefixed with `prefix`. */
function diffBodies(a: readonly Statement[], b: readonly Statement[], prefix: string, out: ArgumentChange[]): void {
  for (const [key, [x, y]] of pairMembers(a, b)) diffMember(prefix ? `${prefix}.${key}` : key, x, y, out);
}

function diffMember(path: string, a: Member | undefined, b: Member | undefined, out: ArgumentChange[]): void {
  if (a?.kind === 'Attribute' && b?.kind === 'Attribute') {
    const [old, now] = [printExpr(a.value), printExpr(b.value)];
    if (old !== now) out.push({ path, status: 'changed', old, new: now, wiring: refersToExports(a.value) || refersToExports(b.value) });
  } else if (a?.kind === 'Block' && b?.kind === 'Block') {
    diffBodies(a.body, b.body, path, out);
  } else {
    if (a) memberLeaves(path, a, 'removed', out);
    if (b) memberLeaves(path, b, 'added', out);
  }
}

/** Every argument of a member that exists on one side only. */
function memberLeaves(path: string, m: Member, status: 'added' | 'removed', out: ArgumentChange[]): void {
  if (m.kind === 'Attribute') {
    const value = printExpr(m.value);
    out.push({ path, status, ...(status === 'added' ? { new: value } : { old: value }), wiring: refersToExports(m.value) });
  } else if (members(m.body).length === 0) {
    out.push({ path, status, ...(status === 'added' ? { new: emptyBlock } : { old: emptyBlock }), wiring: false });
  } else if (status === 'added') {
    diffBodies([], m.body, path, out);
  } else {
    diffBodies(m.body, [], path, out);
  }
}

const members = (body: readonly Statement[]): Member[] => body.filter((s): s is Member => s.kind !== 'Comment');

const memberKey = (m: Member): string => (m.kind === 'Attribute' ? m.name.name : m.label ? `${m.name} "${m.label}"` : m.name);

/**
 * Pairs the members of two bodies by key (attribute name, or block name and label), in head order
 * then base-only ones. A key that occurs more than once on either side gets `[i]` on every
 * occurrence (repeated blocks such as `rule`), so the n-th is compared with the n-th.
 */
function pairMembers(a: readonly Statement[], b: readonly Statement[]): Map<string, [Member | undefined, Member | undefined]> {
  const [ma, mb] = [members(a), members(b)];
  const repeated = new Set([...repeatedKeys(ma), ...repeatedKeys(mb)]);
  const keyed = (list: Member[]): Map<string, Member> => {
    const seen = new Map<string, number>();
    const out = new Map<string, Member>();
    for (const m of list) {
      const key = memberKey(m);
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      out.set(repeated.has(key) ? `${key}[${n}]` : key, m);
    }
    return out;
  };
  const [ka, kb] = [keyed(ma), keyed(mb)];
  const pairs = new Map<string, [Member | undefined, Member | undefined]>();
  for (const [key, m] of kb) pairs.set(key, [ka.get(key), m]);
  for (const [key, m] of ka) if (!kb.has(key)) pairs.set(key, [m, undefined]);
  return pairs;
}

function repeatedKeys(list: readonly Member[]): string[] {
  const seen = new Set<string>();
  return list.map(memberKey).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

// Layout and position properties of AST nodes: dropped so that an expression prints on one line
// and two spellings that differ only in layout print the same.
const layoutKeys = new Set(['start', 'end', 'lbrack', 'rbrack', 'lcurly', 'rcurly', 'lparen', 'rparen', 'assign', 'dot', 'opPos', 'multiline']);

/** An expression in Alloy syntax on one line, strings in their canonical quoted spelling. */
function printExpr(e: Expr): string {
  const attribute: AttributeStmt = { kind: 'Attribute', name: { kind: 'Identifier', name: 'v' }, value: withoutLayout(e) as Expr };
  return printBody({ kind: 'File', body: [attribute], comments: [] }).slice('v = '.length);
}

function withoutLayout(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLayout);
  if (node === null || typeof node !== 'object') return node;
  const n = node as { kind?: string; type?: string };
  // A raw string and a quoted one with the same value are the same argument.
  if (n.kind === 'Literal' && n.type === 'string') return { kind: 'Literal', type: 'string', raw: goQuote(literalValue(node as LiteralExpr) as string) };
  return Object.fromEntries(Object.entries(node).filter(([k]) => !layoutKeys.has(k)).map(([k, v]) => [k, withoutLayout(v)]));
}

/** Whether an expression reads another component's exports (`otelcol.exporter.otlp.tempo.input`); function names do not count. */
function refersToExports(e: Expr): boolean {
  switch (e.kind) {
    case 'Identifier':
    case 'Access':
      return true;
    case 'Literal':
      return false;
    case 'Array':
      return e.elements.some(refersToExports);
    case 'Object':
      return e.fields.some((f) => refersToExports(f.value));
    case 'Index':
      return refersToExports(e.value) || refersToExports(e.index);
    case 'Call':
      return e.args.some(refersToExports);
    case 'Unary':
      return refersToExports(e.operand);
    case 'Binary':
      return refersToExports(e.left) || refersToExports(e.right);
    case 'Paren':
      return refersToExports(e.inner);
  }
}
