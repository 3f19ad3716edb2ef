import type {
  AlloyFile,
  AttributeStmt,
  Comment,
  Expr,
  Identifier,
  LiteralExpr,
  LiteralType,
  ObjectExpr,
  ObjectField,
  Statement,
} from './ast';
import type { Position, SyntaxDiagnostic } from './diagnostic';
import {
  AccessNode,
  ArrayNode,
  AttributeNode,
  BinaryNode,
  BlockNode,
  CallNode,
  CommentNode,
  FieldNode,
  IdentifierNode,
  IndexNode,
  LiteralNode,
  ObjectNode,
  ParenNode,
  UnaryNode,
} from './nodes';
import { decodeUtf8, Scanner } from './scanner';
import type { BinaryOperator, TokenKind } from './token';
import { goQuote, isValidIdentifier } from './unicode';

/**
 * How deeply expressions and blocks may nest. Alloy itself has no limit (Go stacks grow); bramble
 * has one so that hostile input (say, lists nested 10,000 deep) yields a diagnostic instead of a
 * stack overflow in the parser, the printer or any code walking the AST.
 */
export const DEFAULT_MAX_DEPTH = 500;

/** Options for {@link parse}. */
export interface ParseOptions {
  /**
   * Maximum nesting depth of blocks and expressions (a left-leaning chain such as `a + b + c` or
   * `a.b.c` counts one level per link). Default {@link DEFAULT_MAX_DEPTH}.
   */
  readonly maxDepth?: number;
}

/** The result of {@link parse}. */
export interface ParseResult {
  /** The file; undefined whenever there is a diagnostic (Alloy's `ParseFile` returns no AST then). */
  readonly file: AlloyFile | undefined;
  /** Scanner and parser errors, in the order Alloy reports them. */
  readonly diagnostics: SyntaxDiagnostic[];
}

/** Message of the diagnostic reported when input nests deeper than the limit. */
export function depthLimitMessage(maxDepth: number): string {
  return `nesting exceeds the maximum depth of ${maxDepth}`;
}

class DepthExceeded extends Error {}

function precedenceOf(kind: TokenKind): number {
  switch (kind) {
    case '||': return 1;
    case '&&': return 2;
    case '==': case '!=': case '<': case '<=': case '>': case '>=': return 3;
    case '+': case '-': return 4;
    case '*': case '/': case '%': return 5;
    case '^': return 6;
    default: return 0;
  }
}

const literalTypes: Partial<Record<TokenKind, LiteralType>> = {
  STRING: 'string',
  NUMBER: 'number',
  FLOAT: 'float',
  BOOL: 'bool',
  NULL: 'null',
};

/**
 * The text between the quotes (or backticks) of a string token: its first and last characters
 * dropped. As in Alloy this is done even for an unterminated string, whose last character is then
 * not a quote (`"applogs {` gives `applogs `); a lone `"` gives the empty string.
 */
function stripQuotes(text: string): string {
  return text.length < 2 ? '' : text.slice(1, -1);
}

function isNameChain(e: Expr): boolean {
  for (;;) {
    if (e.kind === 'Identifier') return true;
    if (e.kind !== 'Access') return false;
    e = e.value;
  }
}

/** Recursive-descent parser for the Alloy grammar (LL(1), one token of lookahead). */
class Parser {
  private readonly sc: Scanner;
  private readonly diagnostics: SyntaxDiagnostic[] = [];
  private readonly comments: Comment[] = [];
  private lastErrorLine = -1;
  private depth = 0;
  private readonly maxDepth: number;
  /**
   * Items of the bodies and lists being parsed, innermost last: each list is sliced off at its
   * end. Why: `[]` plus push() gives every small list a 16-slot backing store that the finished
   * AST keeps; a slice is exactly as long as the list.
   */
  private readonly items: unknown[] = [];
  private itemCount = 0;
  /**
   * One copy of each dotted block name. Why: names built with `+` would stay in the AST as chains
   * of cons strings, one chain per block; configs repeat a few dozen block names thousands of times.
   */
  private readonly blockNames = new Map<string, string>();

  constructor(source: string, fromBytes: boolean, options: ParseOptions) {
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.sc = new Scanner(source, {
      fromBytes,
      onError: (message, at) => this.diagnostics.push({ message, start: at }),
    });
    this.next();
  }

  result(): ParseResult {
    let file: AlloyFile | undefined;
    try {
      const body = this.parseBody(false);
      file = { kind: 'File', body, comments: this.comments, lineStarts: this.sc.lineStarts };
    } catch (e) {
      // A RangeError is a call-stack overflow: only possible with a maxDepth set far above the default.
      if (!(e instanceof DepthExceeded) && !(e instanceof RangeError)) throw e;
      const message = e instanceof DepthExceeded ? depthLimitMessage(this.maxDepth) : 'nesting is too deep to parse (call stack exhausted)';
      this.diagnostics.push({ message, start: this.sc.tokenStart() });
    }
    return this.diagnostics.length > 0 ? { file: undefined, diagnostics: this.diagnostics } : { file, diagnostics: [] };
  }

  /** The current token kind (a method, so TypeScript does not narrow it across next()). */
  private kind(): TokenKind {
    return this.sc.kind;
  }

  /** Where the current token starts (for diagnostics: the AST holds offsets). */
  private start(): Position {
    return this.sc.tokenStart();
  }

  private end(): Position {
    return this.sc.tokenEnd();
  }

  /** The position of a byte offset already scanned (for diagnostics). */
  private at(offset: number): Position {
    return this.sc.positionAt(offset);
  }

  private next(): void {
    const sc = this.sc;
    while (sc.scan() === 'COMMENT') this.comments.push(new CommentNode(sc.text, sc.startOffset, sc.endOffset));
  }

  /** Reports a parser error, unless one was already reported on the same line (as Alloy does). */
  private error(message: string, start: Position, end?: Position): void {
    if (start.line === this.lastErrorLine) return;
    this.lastErrorLine = start.line;
    this.diagnostics.push(end ? { message, start, end } : { message, start });
  }

  private errorAtToken(message: string): void {
    if (this.sc.startLine === this.lastErrorLine) return;
    this.error(message, this.start(), this.end());
  }

  /** Consumes a token of the given kind and returns its start offset, or reports `expected X, got Y`. */
  private expect(kind: TokenKind): number | undefined {
    if (this.sc.kind !== kind) {
      this.errorAtToken(`expected ${kind}, got ${this.sc.kind}`);
      return undefined;
    }
    const at = this.sc.startOffset;
    this.next();
    return at;
  }

  private skipToTerminator(): void {
    while (this.sc.kind !== 'TERMINATOR' && this.sc.kind !== 'EOF') this.next();
  }

  private skipToIdent(): void {
    while (this.sc.kind !== 'IDENT' && this.sc.kind !== 'EOF') this.next();
  }

  private pushItem(item: unknown): void {
    this.items[this.itemCount++] = item;
  }

  /** The items pushed since `mark`, as an array of their own; removes them from the stack. */
  private takeItems<T>(mark: number): T[] {
    const list = this.items.slice(mark, this.itemCount) as T[];
    this.itemCount = mark;
    return list;
  }

  private blockName(dotted: string): string {
    const known = this.blockNames.get(dotted);
    if (known !== undefined) return known;
    this.blockNames.set(dotted, dotted);
    return dotted;
  }

  private enter(): void {
    if (this.depth >= this.maxDepth) throw new DepthExceeded();
    this.depth++;
  }

  private leave(): void {
    this.depth--;
  }

  private parseBody(inBlock: boolean): Statement[] {
    const mark = this.itemCount;
    for (;;) {
      let k = this.kind();
      if (k === 'EOF' || (inBlock && k === '}')) return this.takeItems(mark);
      if (k === 'TERMINATOR') {
        this.next();
        continue;
      }
      const stmt = this.parseStatement();
      if (stmt) this.pushItem(stmt);
      k = this.kind();
      if (k === 'TERMINATOR') this.next();
      else if (k !== 'EOF' && !(inBlock && k === '}')) {
        this.errorAtToken(`expected TERMINATOR, got ${k}`);
        this.skipToTerminator();
      }
    }
  }

  private parseStatement(): Statement | undefined {
    const sc = this.sc;
    if (sc.kind !== 'IDENT') {
      this.errorAtToken(`expected identifier, got ${sc.kind}`);
      this.skipToTerminator();
      return undefined;
    }
    const first = sc.text;
    const firstStart = sc.startOffset;
    const firstEnd = sc.endOffset;
    let name = first;
    let dotted = false;
    this.next();
    while (this.kind() === '.') {
      this.next();
      if (this.kind() !== 'IDENT') {
        this.errorAtToken(`expected IDENT, got ${sc.kind}`);
        this.skipToTerminator();
        return undefined;
      }
      name += '.' + sc.text;
      dotted = true;
      this.next();
    }

    let labelStart: number | undefined;
    let labelEnd = 0;
    let label: string | undefined;
    let k = this.kind();
    if (k !== '=' && k !== '{') {
      if (k === 'STRING') {
        labelStart = sc.startOffset;
        labelEnd = sc.endOffset;
        if (sc.text.startsWith('`')) {
          this.error(`expected block label to be a double quoted string, but got ${goQuote(sc.text)}`, this.start(), this.end());
        } else {
          label = stripQuotes(sc.text);
          if (label !== '' && !isValidIdentifier(label)) {
            this.error(`expected block label to be a valid identifier, but got ${goQuote(label)}`, this.start(), this.end());
          }
        }
        this.next();
      } else {
        this.errorAtToken(`expected block label, got ${k}`);
        if (k !== 'TERMINATOR' && k !== 'EOF') this.next();
      }
      k = this.kind();
    }

    if (k === '=') {
      const assign = sc.startOffset;
      if (dotted) this.error('attribute names may only consist of a single identifier with no "."', this.at(firstStart), this.at(firstEnd));
      else if (labelStart !== undefined && label !== '') this.error('attribute names may not have labels', this.at(labelStart), this.at(labelEnd));
      this.next();
      const value = this.parseExpression();
      const stmt: AttributeStmt = new AttributeNode(new IdentifierNode(first, firstStart, firstEnd), value, assign, firstStart, value.end);
      const after = this.kind();
      if ((after === 'STRING' || after === '{') && isNameChain(value)) this.parseBlockAsValue(value);
      return stmt;
    }
    if (k === '{') {
      if (dotted) name = this.blockName(name);
      const lcurly = sc.startOffset;
      this.next();
      this.enter();
      const body = this.parseBody(true);
      this.leave();
      const end = sc.endOffset;
      const rcurly = this.expect('}');
      // Without `}` there is a diagnostic and no AST is returned, so `rcurly` is set in every
      // node a caller sees. All properties are set by the constructor (nodes.ts): adding them
      // later would give each node a separate property store.
      const blockEnd = rcurly !== undefined ? end : sc.startOffset;
      const labelled = label !== undefined && labelStart !== undefined;
      return new BlockNode(name, body, lcurly, firstStart, blockEnd, rcurly, labelled ? label : undefined, labelled ? labelStart : undefined);
    }
    if (!dotted && (label === undefined || label === '')) this.errorAtToken(`expected attribute assignment or block body, got ${k}`);
    else this.errorAtToken(`expected block body, got ${k}`);
    // Alloy gives up on the statement and resumes at the next identifier, past any TERMINATOR
    // (and `}`): after `a "b {` + newline, the next line's first name is then reported as
    // `expected TERMINATOR, got IDENT` (validator-testdata/default/syntax_errors).
    this.skipToIdent();
    return undefined;
  }

  /** `name = some.block "label" { … }`: parse the block so that only one error is reported. */
  private parseBlockAsValue(value: Expr): void {
    if (this.kind() === 'STRING') this.next();
    if (this.kind() !== '{') {
      this.errorAtToken(`expected {, got ${this.sc.kind}`);
      this.skipToTerminator();
      return;
    }
    this.error('cannot use a block as an expression', this.at(value.start as number), this.at(value.end as number));
    this.next();
    this.enter();
    this.parseBody(true);
    this.leave();
    this.expect('}');
  }

  private parseExpression(): Expr {
    return this.parseBinary(1);
  }

  private parseBinary(minPrecedence: number): Expr {
    let left = this.parseUnary();
    let chain = 0;
    for (;;) {
      const op = this.sc.kind;
      const prec = precedenceOf(op);
      if (prec === 0 || prec < minPrecedence) break;
      const opPos = this.sc.startOffset;
      this.next();
      this.enter();
      const right = this.parseBinary(op === '^' ? prec : prec + 1);
      this.leave();
      left = new BinaryNode(op as BinaryOperator, left, right, opPos, left.start, right.end);
      chain++;
      if (this.depth + chain > this.maxDepth) throw new DepthExceeded();
    }
    return left;
  }

  private parseUnary(): Expr {
    const op = this.sc.kind;
    if (op === '!' || op === '-') {
      const start = this.sc.startOffset;
      this.next();
      this.enter();
      const operand = this.parseUnary();
      this.leave();
      return new UnaryNode(op, operand, start, operand.end);
    }
    return this.parsePostfix();
  }

  private parsePostfix(): Expr {
    const sc = this.sc;
    let e = this.parsePrimary();
    let chain = 0;
    for (;;) {
      const k = sc.kind;
      if (k === '.') {
        const dot = sc.startOffset;
        this.next();
        if (this.kind() !== 'IDENT') {
          this.errorAtToken(`expected IDENT, got ${sc.kind}`);
          return e;
        }
        const name: Identifier = new IdentifierNode(sc.text, sc.startOffset, sc.endOffset);
        this.next();
        e = new AccessNode(e, name, dot, e.start, name.end);
      } else if (k === '[') {
        const lbrack = sc.startOffset;
        this.next();
        this.enter();
        const index = this.parseExpression();
        this.leave();
        const end = sc.endOffset;
        const rbrack = this.expect(']');
        e = new IndexNode(e, index, lbrack, e.start, rbrack !== undefined ? end : index.end, rbrack);
      } else if (k === '(') {
        const lparen = sc.startOffset;
        this.next();
        this.enter();
        const args = this.parseElements(')', "missing ',' in expression list");
        this.leave();
        const end = sc.endOffset;
        const rparen = this.expect(')');
        e = new CallNode(e, args, lparen, e.start, rparen !== undefined ? end : sc.startOffset, rparen);
      } else return e;
      chain++;
      if (this.depth + chain > this.maxDepth) throw new DepthExceeded();
    }
  }

  private parseElements(close: ']' | ')', missingComma: string): Expr[] {
    const mark = this.itemCount;
    while (this.kind() !== close && this.kind() !== 'EOF') {
      this.pushItem(this.parseExpression());
      const k = this.kind();
      if (k === ',') {
        this.next();
        continue;
      }
      if (k === close) break;
      this.errorAtToken(missingComma);
      // Treat the offending token (usually the newline) as the missing comma and go on.
      this.next();
    }
    return this.takeItems(mark);
  }

  private parsePrimary(): Expr {
    const sc = this.sc;
    const k = sc.kind;
    switch (k) {
      case 'IDENT': {
        const id: Identifier = new IdentifierNode(sc.text, sc.startOffset, sc.endOffset);
        this.next();
        return id;
      }
      case 'STRING':
      case 'NUMBER':
      case 'FLOAT':
      case 'BOOL':
      case 'NULL': {
        const lit: LiteralExpr = new LiteralNode(literalTypes[k] as LiteralType, sc.text, sc.startOffset, sc.endOffset);
        this.next();
        return lit;
      }
      case '(': {
        const lparen = sc.startOffset;
        this.next();
        this.enter();
        const inner = this.parseExpression();
        this.leave();
        const end = sc.endOffset;
        const rparen = this.expect(')');
        return new ParenNode(inner, lparen, rparen, lparen, rparen !== undefined ? end : inner.end);
      }
      case '[': {
        const lbrack = sc.startOffset;
        this.next();
        this.enter();
        const elements = this.parseElements(']', "missing ',' in expression list");
        this.leave();
        const end = sc.endOffset;
        const rbrack = this.expect(']');
        return new ArrayNode(elements, lbrack, rbrack, lbrack, rbrack !== undefined ? end : sc.startOffset);
      }
      case '{':
        return this.parseObject();
      default: {
        this.errorAtToken(`expected expression, got ${k}`);
        // A placeholder; the file is discarded anyway because of the error.
        const at = sc.startOffset;
        return new LiteralNode('null', 'null', at, at);
      }
    }
  }

  private parseObject(): ObjectExpr {
    const sc = this.sc;
    const lcurly = sc.startOffset;
    this.next();
    this.enter();
    const mark = this.itemCount;
    while (this.kind() !== '}' && this.kind() !== 'EOF') {
      this.pushItem(this.parseField());
      const k = this.kind();
      if (k === ',') {
        this.next();
        continue;
      }
      if (k === '}') break;
      this.errorAtToken("missing ',' in field list");
      this.next();
    }
    this.leave();
    const fields = this.takeItems<ObjectField>(mark);
    const end = sc.endOffset;
    const rcurly = this.expect('}');
    return new ObjectNode(fields, lcurly, lcurly, rcurly !== undefined ? end : sc.startOffset, rcurly);
  }

  private parseField(): ObjectField {
    const sc = this.sc;
    const keyStart = sc.startOffset;
    let key = sc.text;
    let quoted = false;
    if (sc.kind === 'STRING') {
      key = stripQuotes(sc.text);
      quoted = true;
    } else if (sc.kind !== 'IDENT') {
      this.errorAtToken(`expected field name (string or identifier), got ${sc.kind}`);
    }
    this.next();
    const assign = this.expect('=');
    const value = this.parseExpression();
    return new FieldNode(key, quoted, value, keyStart, value.end, assign);
  }
}

/**
 * Parses Alloy source. Never throws on bad input: problems come back as diagnostics, worded and
 * positioned as Alloy reports them. Like Alloy's `parser.ParseFile`, no AST is returned when there
 * is any diagnostic. A `Uint8Array` is read as UTF-8, so invalid bytes are reported as
 * `illegal UTF-8 encoding`; a string's unpaired surrogates are reported the same way.
 */
export function parse(source: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const fromBytes = typeof source !== 'string';
  const text = typeof source === 'string' ? source : decodeUtf8(source);
  return new Parser(text, fromBytes, options).result();
}
