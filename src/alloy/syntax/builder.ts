import type {
  AccessExpr,
  AlloyFile,
  ArrayExpr,
  AttributeStmt,
  BinaryExpr,
  BlockStmt,
  CallExpr,
  CommentStmt,
  Expr,
  Identifier,
  IndexExpr,
  LiteralExpr,
  ObjectExpr,
  ParenExpr,
  Statement,
  UnaryExpr,
} from './ast';
import { binaryPrecedence, type BinaryOperator, type UnaryOperator } from './token';
import { goQuote, isPrint, isValidIdentifier } from './unicode';

/** Layout option of lists, objects and calls made with {@link build}. */
export interface LayoutOptions {
  /**
   * One item per line with a trailing comma (the form `alloy fmt` keeps), instead of one line.
   * @default false
   */
  readonly multiline?: boolean;
}

function fail(message: string): never {
  throw new Error(`alloy builder: ${message}`);
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

function identifier(name: string, what: string): Identifier {
  if (!isValidIdentifier(name)) fail(`${what} ${JSON.stringify(name)} is not a valid Alloy identifier`);
  return { kind: 'Identifier', name };
}

function dottedName(path: string, what: string): string[] {
  const parts = path.split('.');
  for (const part of parts) {
    if (!isValidIdentifier(part)) fail(`${what} ${JSON.stringify(path)} is not a dotted list of valid Alloy identifiers`);
  }
  return parts;
}

function reference(path: string, what: string): Expr {
  const [first, ...rest] = dottedName(path, what);
  let e: Expr = { kind: 'Identifier', name: first as string };
  for (const name of rest) e = { kind: 'Access', value: e, name: { kind: 'Identifier', name } } satisfies AccessExpr;
  return e;
}

/** Binding power of an expression, for deciding where a built binary expression needs parentheses. */
function bindingPower(e: Expr): number {
  if (e.kind === 'Binary') return binaryPrecedence[e.op];
  if (e.kind === 'Unary') return 7;
  return 8;
}

function paren(e: Expr): ParenExpr {
  return { kind: 'Paren', inner: e };
}

/**
 * Builds Alloy ASTs for printing with `print`, which turns them into `alloy fmt`-canonical text:
 * tab indentation, aligned `=`, a blank line before every block that is not first in its body.
 * Everything is validated as far as the syntax allows; a violation is a bug in the emitter and
 * throws an `Error`.
 */
export const build = {
  /** A file made of top-level statements. */
  file(...body: Statement[]): AlloyFile {
    return { kind: 'File', body, comments: [] };
  },

  /**
   * A block such as `otelcol.receiver.otlp "default" { … }`. `name` is dotted; `label` must be a
   * valid identifier (or undefined for no label).
   */
  block(name: string, label: string | undefined, body: Statement[]): BlockStmt {
    dottedName(name, 'block name');
    if (label !== undefined && !isValidIdentifier(label)) {
      fail(`block label ${JSON.stringify(label)} is not a valid Alloy identifier (letters, digits and _, not starting with a digit, not true/false/null)`);
    }
    const block: BlockStmt = { kind: 'Block', name, body };
    if (label !== undefined) block.label = label;
    return block;
  },

  /** An attribute `name = value`. */
  attr(name: string, value: Expr): AttributeStmt {
    return { kind: 'Attribute', name: identifier(name, 'attribute name'), value };
  },

  /**
   * A double-quoted string, escaped like Go's `%q`: `\` and `"` escaped, control characters as
   * `\t`, `\n`, `\x01`…, printable Unicode kept as is.
   */
  str(value: string): LiteralExpr {
    if (!isWellFormed(value)) fail(`string ${JSON.stringify(value)} contains an unpaired surrogate`);
    return { kind: 'Literal', type: 'string', raw: goQuote(value) };
  },

  /**
   * A number in its shortest decimal form (`8192`, `0.5`, `1e+21`). A negative number is a
   * unary minus applied to its absolute value, as in Alloy source. Throws on NaN and infinities.
   */
  num(value: number): Expr {
    if (!Number.isFinite(value)) fail(`number ${value} is not finite`);
    if (value < 0) return { kind: 'Unary', op: '-', operand: build.num(-value) } satisfies UnaryExpr;
    const raw = String(value === 0 ? 0 : value);
    return { kind: 'Literal', type: /[.e]/.test(raw) ? 'float' : 'number', raw };
  },

  /** `true` or `false`. */
  bool(value: boolean): LiteralExpr {
    return { kind: 'Literal', type: 'bool', raw: value ? 'true' : 'false' };
  },

  /** `null`. */
  nil(): LiteralExpr {
    return { kind: 'Literal', type: 'null', raw: 'null' };
  },

  /** A reference such as `otelcol.processor.batch.default.input`: an identifier and field accesses. */
  ref(path: string): Expr {
    return reference(path, 'reference');
  },

  /** A list `[a, b]`; with `multiline`, one element per line with a trailing comma. */
  list(items: Expr[], opts: LayoutOptions = {}): ArrayExpr {
    const list: ArrayExpr = { kind: 'Array', elements: items };
    if (opts.multiline) list.multiline = true;
    return list;
  },

  /**
   * An object `{key = value, …}`; with `multiline`, one field per line with a trailing comma.
   * Keys that are valid identifiers are written bare, others quoted; a quoted key may not be
   * empty or contain `\`, `"` or non-printable characters (Alloy would not read them back as written).
   */
  object(fields: Array<[key: string, value: Expr]>, opts: LayoutOptions = {}): ObjectExpr {
    const obj: ObjectExpr = {
      kind: 'Object',
      fields: fields.map(([key, value]) => {
        const quoted = !isValidIdentifier(key);
        if (quoted) {
          if (key === '') fail('object keys may not be empty');
          for (const ch of key) {
            const cp = ch.codePointAt(0) as number;
            if (ch === '\\' || ch === '"' || !isPrint(cp)) {
              fail(`object key ${JSON.stringify(key)} contains ${JSON.stringify(ch)}, which Alloy keys cannot hold reliably`);
            }
          }
        }
        return { kind: 'Field', key, quoted, value };
      }),
    };
    if (opts.multiline) obj.multiline = true;
    return obj;
  },

  /** A call such as `sys.env("HOME")`; `fn` is a dotted function name. */
  call(fn: string, args: Expr[], opts: LayoutOptions = {}): CallExpr {
    const call: CallExpr = { kind: 'Call', callee: reference(fn, 'function name'), args };
    if (opts.multiline) call.multiline = true;
    return call;
  },

  /** An index `value[index]`. */
  index(value: Expr, index: Expr): IndexExpr {
    return { kind: 'Index', value: bindingPower(value) < 8 ? paren(value) : value, index };
  },

  /** A unary operation `-x` or `!x` (the operand is parenthesized when it needs to be). */
  unary(op: UnaryOperator, operand: Expr): UnaryExpr {
    return { kind: 'Unary', op, operand: bindingPower(operand) < 7 ? paren(operand) : operand };
  },

  /**
   * A binary operation; operands are parenthesized where precedence or associativity requires,
   * so the printed text reads back as the same tree.
   */
  binary(left: Expr, op: BinaryOperator, right: Expr): BinaryExpr {
    const p = binaryPrecedence[op];
    const rightAssoc = op === '^';
    const l = bindingPower(left) < p || (rightAssoc && bindingPower(left) === p) ? paren(left) : left;
    const r = bindingPower(right) < p || (!rightAssoc && bindingPower(right) === p) ? paren(right) : right;
    return { kind: 'Binary', op, left: l, right: r };
  },

  /** A parenthesized expression. */
  paren(inner: Expr): ParenExpr {
    return paren(inner);
  },

  /**
   * A comment line (or several, one per line of `text`) placed directly above the next
   * statement of the body, written as `// text`.
   */
  comment(text: string): CommentStmt {
    if (!isWellFormed(text) || /[\u0000\r\ufeff]/.test(text)) {
      fail(`comment ${JSON.stringify(text)} contains NUL, CR, a byte order mark or an unpaired surrogate`);
    }
    return { kind: 'Comment', text };
  },
};
