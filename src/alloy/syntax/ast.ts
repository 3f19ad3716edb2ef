import type { BinaryOperator, UnaryOperator } from './token';

/**
 * Where a node is in the source, as UTF-8 byte offsets from the start of the source (as
 * `Position.offset` counts them); {@link positionAt} turns an offset into line and column. Every
 * position property of a node (`start`, `end`, `lcurly`, …) is such an offset. Parsed nodes
 * always have them; nodes made with `build` have none, and the printer then lays them out from
 * their `multiline` hints instead.
 */
export interface Located {
  /** Byte offset where the node starts. */
  start?: number;
  /** Byte offset where the node ends (exclusive). */
  end?: number;
}

/** A name: `otelcol`, `input`, `sys`. */
export interface Identifier extends Located {
  readonly kind: 'Identifier';
  /** The identifier text. */
  name: string;
}

/** The kind of a literal: which token spelled it. */
export type LiteralType = 'string' | 'number' | 'float' | 'bool' | 'null';

/**
 * A literal value. `raw` is its exact source spelling (`"a\tb"`, `` `raw` ``, `0755`, `1e3`,
 * `true`, `null`), which the printer writes back verbatim; use `literalValue` to decode it.
 */
export interface LiteralExpr extends Located {
  readonly kind: 'Literal';
  /** Which kind of literal this is. */
  type: LiteralType;
  /** The source spelling. */
  raw: string;
}

/** A list: `[a, b]`. */
export interface ArrayExpr extends Located {
  readonly kind: 'Array';
  /** The elements. */
  elements: Expr[];
  /** For built nodes: one element per line with a trailing comma. Ignored when positions exist. */
  multiline?: boolean;
  /** Offset of `[`. */
  lbrack?: number;
  /** Offset of `]`. */
  rbrack?: number;
}

/** One `key = value` field of an object literal. */
export interface ObjectField extends Located {
  readonly kind: 'Field';
  /**
   * The key. For a quoted key this is the raw text between the quotes, not unescaped (as Alloy
   * stores it): `"a\"b"` has the key `a\"b`.
   */
  key: string;
  /** Whether the key was written as a string (`"key" = …`) rather than an identifier. */
  quoted: boolean;
  /** The value. */
  value: Expr;
  /** Offset of `=`. */
  assign?: number;
}

/** An object literal: `{a = 1, "b" = 2}`. */
export interface ObjectExpr extends Located {
  readonly kind: 'Object';
  /** The fields, in source order (duplicates allowed: the last one wins when evaluated). */
  fields: ObjectField[];
  /** For built nodes: one field per line with a trailing comma. Ignored when positions exist. */
  multiline?: boolean;
  /** Offset of `{`. */
  lcurly?: number;
  /** Offset of `}`. */
  rcurly?: number;
}

/** A field access: `value.name`. References such as `a.b.c` are chains of these on an identifier. */
export interface AccessExpr extends Located {
  readonly kind: 'Access';
  /** The expression being accessed. */
  value: Expr;
  /** The field name. */
  name: Identifier;
  /** Offset of `.`. */
  dot?: number;
}

/** An index: `value[index]`. */
export interface IndexExpr extends Located {
  readonly kind: 'Index';
  /** The expression being indexed. */
  value: Expr;
  /** The index expression. */
  index: Expr;
  /** Offset of `[`. */
  lbrack?: number;
  /** Offset of `]`. */
  rbrack?: number;
}

/** A function call: `callee(args…)`, such as `sys.env("HOME")`. */
export interface CallExpr extends Located {
  readonly kind: 'Call';
  /** The function expression. */
  callee: Expr;
  /** The arguments. */
  args: Expr[];
  /** For built nodes: one argument per line with a trailing comma. Ignored when positions exist. */
  multiline?: boolean;
  /** Offset of `(`. */
  lparen?: number;
  /** Offset of `)`. */
  rparen?: number;
}

/** A unary operation: `-x`, `!x`. */
export interface UnaryExpr extends Located {
  readonly kind: 'Unary';
  /** The operator. */
  op: UnaryOperator;
  /** The operand. */
  operand: Expr;
}

/** A binary operation: `a + b`. */
export interface BinaryExpr extends Located {
  readonly kind: 'Binary';
  /** The operator. */
  op: BinaryOperator;
  /** The left operand. */
  left: Expr;
  /** The right operand. */
  right: Expr;
  /** Offset of the operator. */
  opPos?: number;
}

/** A parenthesized expression: `(inner)`. */
export interface ParenExpr extends Located {
  readonly kind: 'Paren';
  /** The inner expression. */
  inner: Expr;
  /** Offset of `(`. */
  lparen?: number;
  /** Offset of `)`. */
  rparen?: number;
}

/** Any Alloy expression. */
export type Expr =
  | LiteralExpr
  | ArrayExpr
  | ObjectExpr
  | Identifier
  | AccessExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ParenExpr;

/** An attribute: `name = value`. */
export interface AttributeStmt extends Located {
  readonly kind: 'Attribute';
  /** The attribute name (a single identifier). */
  name: Identifier;
  /** The value. */
  value: Expr;
  /** Offset of `=`. */
  assign?: number;
}

/** A block: `name "label" { body }`, such as `otelcol.processor.batch "default" { … }`. */
export interface BlockStmt extends Located {
  readonly kind: 'Block';
  /** The dotted block name, such as `otelcol.processor.batch`. */
  name: string;
  /**
   * The label: the raw text between its double quotes. Absent when there is none. The parser
   * accepts an empty label `""`; the printer drops it, as `alloy fmt` does.
   */
  label?: string;
  /** Offset of the label string. */
  labelPos?: number;
  /** The statements of the body. */
  body: Statement[];
  /** Offset of `{`. */
  lcurly?: number;
  /** Offset of `}`. */
  rcurly?: number;
}

/**
 * A comment line in a body, made with `build.comment`. The parser never produces these: source
 * comments live in {@link AlloyFile.comments} with their positions. The printer writes one
 * `// …` line per line of `text`, directly above the statement that follows it.
 */
export interface CommentStmt {
  readonly kind: 'Comment';
  /** The comment text without the leading `//`; may hold several lines. */
  text: string;
}

/** A statement of a body. */
export type Statement = AttributeStmt | BlockStmt | CommentStmt;

/** A comment in the source, `// …` or `/* … *\/`, kept verbatim (without its newline). */
export interface Comment {
  /** The comment text, including `//` or `/*` and `*\/`; `\r` is removed. */
  text: string;
  /** Byte offset where it starts. */
  start: number;
  /** Byte offset where it ends (exclusive). */
  end: number;
}

/** A whole Alloy file. */
export interface AlloyFile {
  readonly kind: 'File';
  /** The top-level statements. */
  body: Statement[];
  /** All comments of the source, in order (empty for built files). */
  comments: Comment[];
  /**
   * For parsed files: the byte offset at which each line starts (`lineStarts[0]` is 0), what
   * {@link positionAt} reads to turn the offsets of nodes and comments into lines and columns.
   */
  lineStarts?: readonly number[];
}

/** Any AST node. */
export type Node = AlloyFile | Statement | Expr | ObjectField;
