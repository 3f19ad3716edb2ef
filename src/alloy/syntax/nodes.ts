/**
 * Constructors of the nodes the parser makes. Each makes a plain object (its prototype is
 * `Object.prototype`, as a literal's is) with the same properties in the same order as the object
 * literal it replaces, so callers cannot tell the difference.
 *
 * Why not object literals: V8 tracks each object literal of the source as an "allocation site"
 * and, once most objects of a site survive a young-generation collection, allocates that site's
 * objects directly in the old generation ("pretenuring"). A parsed AST lives through the young
 * collections that happen while it is validated and printed, so after a few large parses the
 * parser's literals could flip to old-generation allocation for the rest of the process: each
 * AST was then written to freshly mapped pages (page faults) and left for full collections to
 * free, and parse + validate + print of a 1 MB config took ~75 ms instead of ~47 ms in about half
 * of all processes. Objects made with `new` have no allocation site: they are always allocated
 * young, and an AST that is dropped dies young.
 */
import type {
  AccessExpr,
  ArrayExpr,
  AttributeStmt,
  BinaryExpr,
  BlockStmt,
  CallExpr,
  Comment,
  Expr,
  Identifier,
  IndexExpr,
  LiteralExpr,
  LiteralType,
  ObjectExpr,
  ObjectField,
  ParenExpr,
  Statement,
  UnaryExpr,
} from './ast';
import type { BinaryOperator, UnaryOperator } from './token';

/** The object under construction, as the constructor functions below see it. */
type Target = Record<string, unknown>;

/** `f` as a constructor of plain objects (instances get `Object.prototype` as their prototype). */
function plain<A extends unknown[], T>(f: (this: Target, ...args: A) => void): new (...args: A) => T {
  f.prototype = Object.prototype;
  return f as unknown as new (...args: A) => T;
}

/** `{ kind: 'Identifier', name, start, end }`. */
export const IdentifierNode = plain<[name: string, start: number, end: number], Identifier>(function (name, start, end) {
  this.kind = 'Identifier';
  this.name = name;
  this.start = start;
  this.end = end;
});

/** `{ kind: 'Literal', type, raw, start, end }`. */
export const LiteralNode = plain<[type: LiteralType, raw: string, start: number, end: number], LiteralExpr>(function (type, raw, start, end) {
  this.kind = 'Literal';
  this.type = type;
  this.raw = raw;
  this.start = start;
  this.end = end;
});

/** `{ kind: 'Attribute', name, value, assign, start, end }`. */
export const AttributeNode = plain<[name: Identifier, value: Expr, assign: number, start: number, end: number | undefined], AttributeStmt>(
  function (name, value, assign, start, end) {
    this.kind = 'Attribute';
    this.name = name;
    this.value = value;
    this.assign = assign;
    this.start = start;
    this.end = end;
  },
);

/** `{ kind: 'Block', name, body, lcurly, start, end, rcurly }`, then `label, labelPos` when labelled. */
export const BlockNode = plain<
  [name: string, body: Statement[], lcurly: number, start: number, end: number, rcurly: number | undefined, label: string | undefined, labelPos: number | undefined],
  BlockStmt
>(function (name, body, lcurly, start, end, rcurly, label, labelPos) {
  this.kind = 'Block';
  this.name = name;
  this.body = body;
  this.lcurly = lcurly;
  this.start = start;
  this.end = end;
  this.rcurly = rcurly;
  if (label !== undefined) {
    this.label = label;
    this.labelPos = labelPos;
  }
});

/** `{ kind: 'Access', value, name, dot, start, end }`. */
export const AccessNode = plain<[value: Expr, name: Identifier, dot: number, start: number | undefined, end: number | undefined], AccessExpr>(
  function (value, name, dot, start, end) {
    this.kind = 'Access';
    this.value = value;
    this.name = name;
    this.dot = dot;
    this.start = start;
    this.end = end;
  },
);

/** `{ kind: 'Index', value, index, lbrack, start, end, rbrack }`. */
export const IndexNode = plain<
  [value: Expr, index: Expr, lbrack: number, start: number | undefined, end: number | undefined, rbrack: number | undefined],
  IndexExpr
>(function (value, index, lbrack, start, end, rbrack) {
  this.kind = 'Index';
  this.value = value;
  this.index = index;
  this.lbrack = lbrack;
  this.start = start;
  this.end = end;
  this.rbrack = rbrack;
});

/** `{ kind: 'Call', callee, args, lparen, start, end, rparen }`. */
export const CallNode = plain<
  [callee: Expr, args: Expr[], lparen: number, start: number | undefined, end: number | undefined, rparen: number | undefined],
  CallExpr
>(function (callee, args, lparen, start, end, rparen) {
  this.kind = 'Call';
  this.callee = callee;
  this.args = args;
  this.lparen = lparen;
  this.start = start;
  this.end = end;
  this.rparen = rparen;
});

/** `{ kind: 'Unary', op, operand, start, end }`. */
export const UnaryNode = plain<[op: UnaryOperator, operand: Expr, start: number, end: number | undefined], UnaryExpr>(function (op, operand, start, end) {
  this.kind = 'Unary';
  this.op = op;
  this.operand = operand;
  this.start = start;
  this.end = end;
});

/** `{ kind: 'Binary', op, left, right, opPos, start, end }`. */
export const BinaryNode = plain<
  [op: BinaryOperator, left: Expr, right: Expr, opPos: number, start: number | undefined, end: number | undefined],
  BinaryExpr
>(function (op, left, right, opPos, start, end) {
  this.kind = 'Binary';
  this.op = op;
  this.left = left;
  this.right = right;
  this.opPos = opPos;
  this.start = start;
  this.end = end;
});

/** `{ kind: 'Paren', inner, lparen, rparen, start, end }`. */
export const ParenNode = plain<[inner: Expr, lparen: number, rparen: number | undefined, start: number, end: number | undefined], ParenExpr>(
  function (inner, lparen, rparen, start, end) {
    this.kind = 'Paren';
    this.inner = inner;
    this.lparen = lparen;
    this.rparen = rparen;
    this.start = start;
    this.end = end;
  },
);

/** `{ kind: 'Array', elements, lbrack, rbrack, start, end }`. */
export const ArrayNode = plain<[elements: Expr[], lbrack: number, rbrack: number | undefined, start: number, end: number], ArrayExpr>(
  function (elements, lbrack, rbrack, start, end) {
    this.kind = 'Array';
    this.elements = elements;
    this.lbrack = lbrack;
    this.rbrack = rbrack;
    this.start = start;
    this.end = end;
  },
);

/** `{ kind: 'Object', fields, lcurly, start, end, rcurly }`. */
export const ObjectNode = plain<[fields: ObjectField[], lcurly: number, start: number, end: number, rcurly: number | undefined], ObjectExpr>(
  function (fields, lcurly, start, end, rcurly) {
    this.kind = 'Object';
    this.fields = fields;
    this.lcurly = lcurly;
    this.start = start;
    this.end = end;
    this.rcurly = rcurly;
  },
);

/** `{ kind: 'Field', key, quoted, value, start, end, assign }`. */
export const FieldNode = plain<[key: string, quoted: boolean, value: Expr, start: number, end: number | undefined, assign: number | undefined], ObjectField>(
  function (key, quoted, value, start, end, assign) {
    this.kind = 'Field';
    this.key = key;
    this.quoted = quoted;
    this.value = value;
    this.start = start;
    this.end = end;
    this.assign = assign;
  },
);

/** `{ text, start, end }`. */
export const CommentNode = plain<[text: string, start: number, end: number], Comment>(function (text, start, end) {
  this.text = text;
  this.start = start;
  this.end = end;
});
