import type {
  AlloyFile,
  ArrayExpr,
  BlockStmt,
  CallExpr,
  Comment,
  CommentStmt,
  Expr,
  Located,
  Node,
  ObjectExpr,
  ObjectField,
  Statement,
} from './ast';
import { lineIndexAt } from './lines';
import { TabWriter, trimTrailingBlanks } from './tabwriter';
import { goQuote, quotesAsIs } from './unicode';

/*
 * Layout model (behaviour of `alloy fmt`, reproduced rather than ported):
 *
 * The walker emits tokens and queues whitespace requests between them: a blank, a soft tab
 * (the alignment point before `=`), a newline (keeps the current alignment run), a formfeed
 * (ends it), and indent/unindent. Queued whitespace is applied just before the next token.
 * Where the source has comments before that token, the comments take over the layout: the
 * queued line breaks are dropped and the source's own line breaks around the comments are used
 * (at most one blank line). That is why a comment right above a block, or a trailing comment
 * on the line before it, loses the blank line `fmt` otherwise puts before a block.
 *
 * Line structure follows the source positions (is this element on a new line?); nodes without
 * positions (built with `build`) use their `multiline` hints instead.
 */

const enum Ws {
  Blank,
  VTab,
  Newline,
  Formfeed,
  Indent,
  Unindent,
}

type TextKind = 'plain' | 'literal' | 'escaped';

function differentLines(a: number | undefined, b: number | undefined, fallback: boolean): boolean {
  return a !== undefined && b !== undefined ? a !== b : fallback;
}

function isClosing(text: string): boolean {
  return text === '}' || text === ']' || text === ')';
}

/** About how long the printed file will be: its source length when it was parsed. */
function sizeHint(file: AlloyFile): number {
  const last = file.body[file.body.length - 1] as Located | undefined;
  const comment = file.comments[file.comments.length - 1];
  return Math.max(last?.end ?? 0, comment?.end ?? 0);
}

/** The line table of a file without one (built): everything is on line 1. */
const oneLine: readonly number[] = [0];

class Printer {
  private readonly out: TabWriter;
  private indent = 0;
  /** Whitespace queued since the last token: `ws[0..wsLength)` (reused: this is the hot path). */
  private readonly ws: Ws[] = [];
  private wsLength = 0;
  /** Source line where the last printed positioned item ended; 0 before anything. */
  private lastLine = 0;
  private lineStarted = false;
  private readonly comments: readonly Comment[];
  private nextComment = 0;
  /** Where each source line starts (the file's `lineStarts`), to find the line of an offset. */
  private readonly lineStarts: readonly number[];
  /** Index of the line of the furthest offset looked up so far (see {@link line}). */
  private lineCursor = 0;

  constructor(file: AlloyFile) {
    this.comments = file.comments;
    this.lineStarts = file.lineStarts ?? oneLine;
    this.out = new TabWriter(sizeHint(file));
  }

  // ---- source lines

  /**
   * The 1-based source line of a byte offset. The walk asks in source order, so this mostly
   * steps a cursor forward over a line or two, or back a line or two for the end of the previous
   * item (without moving the cursor back); it searches when it has further to go.
   */
  private line(offset: number): number {
    const starts = this.lineStarts;
    let i = this.lineCursor;
    if (offset < (starts[i] as number)) {
      for (let steps = 0; steps < 4; steps++) {
        if (offset >= (starts[--i] as number)) return i + 1;
      }
      return lineIndexAt(starts, offset) + 1;
    }
    const n = starts.length;
    for (let steps = 0; i + 1 < n && (starts[i + 1] as number) <= offset; i++) {
      if (++steps > 4) {
        i = lineIndexAt(starts, offset);
        break;
      }
    }
    this.lineCursor = i;
    return i + 1;
  }

  private lineOf(offset: number | undefined): number | undefined {
    return offset === undefined ? undefined : this.line(offset);
  }

  /** Whether the printed form of `node` spans several lines: from positions, else from its shape. */
  private spansLines(node: Node): boolean {
    const located = node as Located;
    if (located.start !== undefined && located.end !== undefined) return this.line(located.start) !== this.line(located.end);
    switch (node.kind) {
      case 'Literal':
        return node.raw.includes('\n');
      case 'Identifier':
        return false;
      case 'Array':
        return (node.multiline === true && node.elements.length > 0) || node.elements.some((e) => this.spansLines(e));
      case 'Object':
        return (node.multiline === true && node.fields.length > 0) || node.fields.some((f) => this.spansLines(f));
      case 'Field':
        return this.spansLines(node.value);
      case 'Call':
        return this.spansLines(node.callee) || (node.multiline === true && node.args.length > 0) || node.args.some((a) => this.spansLines(a));
      case 'Access':
        return this.spansLines(node.value);
      case 'Index':
        return this.spansLines(node.value) || this.spansLines(node.index);
      case 'Unary':
        return this.spansLines(node.operand);
      case 'Binary':
        return this.spansLines(node.left) || this.spansLines(node.right);
      case 'Paren':
        return this.spansLines(node.inner);
      case 'Attribute':
        return this.spansLines(node.value);
      case 'Block':
        return node.body.length > 0;
      case 'Comment':
        return node.text.includes('\n');
      case 'File':
        return true;
    }
  }

  print(file: AlloyFile, newlineAtEnd: boolean): string {
    this.statements(file.body);
    this.commentsAtEnd();
    return this.out.finish(newlineAtEnd);
  }

  // ---- output primitives

  private startLine(): void {
    if (this.lineStarted) return;
    this.out.indent(this.indent);
    this.lineStarted = true;
  }

  private emit(text: string, kind: TextKind): void {
    this.startLine();
    if (kind === 'plain') this.out.write(text);
    else if (kind === 'escaped') this.out.writeEscaped(text);
    else this.out.writeControls(text);
  }

  private lineBreak(formfeed: boolean): void {
    this.out.lineBreak(formfeed);
    this.lineStarted = false;
  }

  private applyWhitespace(): void {
    const queued = this.ws;
    const n = this.wsLength;
    if (n === 0) return;
    this.wsLength = 0;
    for (let i = 0; i < n; i++) {
      switch (queued[i]) {
        case Ws.Blank:
          this.emit(' ', 'plain');
          break;
        case Ws.VTab:
          this.startLine();
          this.out.endCell(false);
          break;
        case Ws.Newline:
          this.lineBreak(false);
          break;
        case Ws.Formfeed:
          this.lineBreak(true);
          break;
        case Ws.Indent:
          this.indent++;
          break;
        case Ws.Unindent:
          this.indent--;
          break;
      }
    }
  }

  private queue(a: Ws, b?: Ws, c?: Ws): void {
    this.ws[this.wsLength++] = a;
    if (b !== undefined) this.ws[this.wsLength++] = b;
    if (c !== undefined) this.ws[this.wsLength++] = c;
  }

  /** Takes the queued whitespace out of the queue. */
  private takeQueued(): Ws[] {
    const queued = this.ws.slice(0, this.wsLength);
    this.wsLength = 0;
    return queued;
  }

  /** Prints one token (at offset `pos`), first flushing the comments that come before it in the source. */
  private token(text: string, pos?: number, endLine?: number, kind: TextKind = 'plain'): void {
    const c = this.comments[this.nextComment];
    if (pos !== undefined && c !== undefined && c.start < pos) this.interleaveComments(pos, text);
    else this.applyWhitespace();
    this.emit(text, kind);
    if (pos !== undefined) this.lastLine = endLine ?? this.line(pos);
  }

  /**
   * Prints `s` quoted as {@link goQuote} quotes it, as one token at `pos`. Why not
   * `token(goQuote(s))`: a quoted label written as three pieces is neither concatenated nor
   * flattened again when the tab writer copies it out.
   */
  private quoted(s: string, pos: number | undefined): void {
    if (!quotesAsIs(s)) {
      this.token(goQuote(s), pos);
      return;
    }
    this.token('"', pos);
    this.out.write(s);
    this.out.write('"');
  }

  private writeComment(c: Comment): void {
    this.emit(c.text.startsWith('//') ? trimTrailingBlanks(c.text) : c.text, 'escaped');
  }

  /**
   * Prints the comments before the token at `next` in place of the queued whitespace. Indentation
   * changes still apply, except that before a closing bracket the last unindent waits until after
   * the comments (so they sit at the inner level).
   */
  private interleaveComments(nextOffset: number, nextText: string): void {
    const queued = this.takeQueued();
    let deferredUnindent = false;
    if (isClosing(nextText)) {
      const at = queued.lastIndexOf(Ws.Unindent);
      if (at >= 0) {
        queued.splice(at, 1);
        deferredUnindent = true;
      }
    }
    const keepsRun = !queued.includes(Ws.Formfeed);
    const hasVTab = queued.includes(Ws.VTab);
    for (const w of queued) {
      if (w === Ws.Indent) this.indent++;
      else if (w === Ws.Unindent) this.indent--;
    }

    const nextLine = this.line(nextOffset);
    let previous: Comment | undefined;
    for (;;) {
      const c = this.comments[this.nextComment];
      if (!c || c.start >= nextOffset) break;
      this.nextComment++;
      this.placeComment(c, previous, hasVTab, nextLine);
      previous = c;
    }
    const lastLine = this.line((previous as Comment).end);
    this.lastLine = lastLine;

    if (nextLine > lastLine) {
      const breaks = Math.min(nextLine - lastLine, 2);
      for (let i = 0; i < breaks; i++) this.lineBreak(!keepsRun);
    } else if (nextText !== ',' && nextText !== ')' && nextText !== ']') {
      this.emit(' ', 'plain');
    }
    if (deferredUnindent) this.indent--;
  }

  /** Separates comment `c` from what precedes it: same line (blank or tab) or line breaks. */
  private placeComment(c: Comment, previous: Comment | undefined, hasVTab: boolean, nextLine: number): void {
    const refLine = previous ? this.line(previous.end) : this.lastLine;
    const startLine = this.line(c.start);
    if (refLine > 0 && startLine === refLine) {
      if (!previous && hasVTab) {
        this.startLine();
        this.out.endCell(false);
      } else if (this.line(c.end) === nextLine) this.emit(' ', 'plain');
      else {
        this.startLine();
        this.out.endCell(true);
      }
    } else if (refLine > 0) {
      const breaks = Math.max(1, Math.min(startLine - refLine, 2));
      for (let i = 0; i < breaks; i++) this.lineBreak(true);
    }
    this.writeComment(c);
  }

  private commentsAtEnd(): void {
    const queued = this.takeQueued();
    for (const w of queued) {
      if (w === Ws.Indent) this.indent++;
      else if (w === Ws.Unindent) this.indent--;
    }
    let previous: Comment | undefined;
    for (; this.nextComment < this.comments.length; this.nextComment++) {
      const c = this.comments[this.nextComment] as Comment;
      this.placeComment(c, previous, false, -1);
      previous = c;
    }
  }

  // ---- statements

  private statements(stmts: readonly Statement[]): void {
    let previous: Exclude<Statement, CommentStmt> | undefined;
    let printedAny = false;
    let i = 0;
    while (i < stmts.length) {
      // A run of built comment lines belongs to the statement after it.
      let j = i;
      while (j < stmts.length && (stmts[j] as Statement).kind === 'Comment') j++;
      const stmt = stmts[j] as Exclude<Statement, CommentStmt> | undefined;
      if (printedAny) this.separate(previous, stmt);
      for (let k = i; k < j; k++) {
        if (k > i) this.queue(Ws.Newline);
        this.builtComment(stmts[k] as CommentStmt);
        printedAny = true;
      }
      if (!stmt) break;
      if (j > i) this.queue(Ws.Newline);
      if (stmt.kind === 'Attribute') this.attribute(stmt);
      else this.block(stmt);
      previous = stmt;
      printedAny = true;
      i = j + 1;
    }
  }

  /** Queues the line breaks between two statements (either may be missing around comments). */
  private separate(previous: Statement | undefined, next: Statement | undefined): void {
    const previousEnd = (previous as Located | undefined)?.end;
    const nextStart = (next as Located | undefined)?.start;
    const gap = previousEnd !== undefined && nextStart !== undefined ? this.line(nextStart) - this.line(previousEnd) : 1;
    if (next?.kind === 'Block' || gap > 1) this.queue(Ws.Formfeed, Ws.Formfeed);
    else if (previous && this.spansLines(previous)) this.queue(Ws.Formfeed);
    else this.queue(Ws.Newline);
  }

  private builtComment(c: CommentStmt): void {
    const lines = c.text.split('\n');
    lines.forEach((line, n) => {
      if (n > 0) this.queue(Ws.Newline);
      const text = trimTrailingBlanks(line);
      this.applyWhitespace();
      this.emit(text === '' ? '//' : '// ' + text, 'escaped');
    });
  }

  private attribute(stmt: Extract<Statement, { kind: 'Attribute' }>): void {
    this.token(stmt.name.name, stmt.name.start);
    this.queue(Ws.VTab);
    this.token('=', stmt.assign);
    this.queue(Ws.Blank);
    this.expr(stmt.value);
  }

  private block(stmt: BlockStmt): void {
    this.token(stmt.name, stmt.start);
    if (stmt.label !== undefined && stmt.label !== '') {
      this.queue(Ws.Blank);
      this.quoted(stmt.label, stmt.labelPos);
    }
    this.queue(Ws.Blank);
    this.token('{', stmt.lcurly);
    if (stmt.body.length === 0) {
      this.queue(Ws.Indent, Ws.Blank, Ws.Unindent);
    } else {
      this.queue(Ws.Indent, Ws.Formfeed);
      this.statements(stmt.body);
      this.queue(Ws.Unindent, Ws.Formfeed);
    }
    this.token('}', stmt.rcurly);
  }

  // ---- expressions

  private expr(e: Expr): void {
    switch (e.kind) {
      case 'Literal':
        this.token(e.raw, e.start, this.lineOf(e.end), 'literal');
        return;
      case 'Identifier':
        this.token(e.name, e.start);
        return;
      case 'Access':
        this.expr(e.value);
        this.token('.', e.dot);
        this.token(e.name.name, e.name.start);
        return;
      case 'Index':
        this.expr(e.value);
        this.token('[', e.lbrack);
        this.expr(e.index);
        this.token(']', e.rbrack);
        return;
      case 'Call':
        this.call(e);
        return;
      case 'Unary':
        this.token(e.op, e.start);
        this.expr(e.operand);
        return;
      case 'Binary':
        this.expr(e.left);
        this.queue(Ws.Blank);
        this.token(e.op, e.opPos);
        this.queue(Ws.Blank);
        this.expr(e.right);
        return;
      case 'Paren':
        this.token('(', e.lparen ?? e.start);
        this.expr(e.inner);
        this.token(')', e.rparen);
        return;
      case 'Array':
        this.array(e);
        return;
      case 'Object':
        this.object(e);
        return;
    }
  }

  private array(e: ArrayExpr): void {
    this.token('[', e.lbrack ?? e.start);
    this.elements(e.elements, this.lineOf(e.lbrack ?? e.start), this.lineOf(e.rbrack), e.multiline === true);
    this.token(']', e.rbrack);
  }

  private call(e: CallExpr): void {
    this.expr(e.callee);
    this.token('(', e.lparen);
    this.elements(e.args, this.lineOf(e.lparen), this.lineOf(e.rparen), e.multiline === true);
    this.token(')', e.rparen);
  }

  /**
   * List elements or call arguments. An element that starts on a new line is indented one level
   * for its whole extent; a trailing comma is written when the closing bracket is on its own line.
   */
  private elements(items: readonly Expr[], openLine: number | undefined, closeLine: number | undefined, multiline: boolean): void {
    let previousLine = openLine;
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as Expr;
      const onNewLine = differentLines(previousLine, this.lineOf(item.start), multiline);
      if (onNewLine) this.queue(Ws.Indent, Ws.Formfeed);
      else if (i > 0) this.queue(Ws.Blank);
      this.expr(item);
      if (i + 1 < items.length) this.token(',');
      if (onNewLine) this.queue(Ws.Unindent);
      previousLine = this.lineOf(item.end);
    }
    if (items.length > 0 && differentLines(previousLine, closeLine, multiline)) {
      this.token(',');
      this.queue(Ws.Indent, Ws.Formfeed, Ws.Unindent);
    }
  }

  private object(e: ObjectExpr): void {
    this.token('{', e.lcurly ?? e.start);
    this.queue(Ws.Indent);
    const multiline = e.multiline === true;
    let previousLine = this.lineOf(e.lcurly ?? e.start);
    for (let i = 0; i < e.fields.length; i++) {
      const field = e.fields[i] as ObjectField;
      if (differentLines(previousLine, this.lineOf(field.start), multiline)) {
        // Consecutive one-line fields keep one alignment run; a multi-line one ends it.
        const previous = e.fields[i - 1];
        this.queue(previous && !this.spansLines(previous) ? Ws.Newline : Ws.Formfeed);
      } else if (i > 0) this.queue(Ws.Blank);
      if (field.quoted) this.quoted(field.key, field.start);
      else this.token(field.key, field.start);
      this.queue(Ws.VTab);
      this.token('=', field.assign);
      this.queue(Ws.Blank);
      this.expr(field.value);
      if (i + 1 < e.fields.length) this.token(',');
      previousLine = this.lineOf(field.value.end);
    }
    if (e.fields.length > 0 && differentLines(previousLine, this.lineOf(e.rcurly), multiline)) {
      this.token(',');
      this.queue(Ws.Formfeed);
    }
    this.queue(Ws.Unindent);
    this.token('}', e.rcurly);
  }
}

/**
 * Prints a file exactly as `alloy fmt` writes it to stdout: the formatted text followed by one
 * newline. Parsed files are laid out from their source positions and comments; built files from
 * the `multiline` hints of their lists, objects and calls.
 *
 * Throws (a RangeError) only when a hand-built AST nests too deeply for the call stack; parsed
 * files are bounded by the parser's depth limit.
 */
export function print(file: AlloyFile): string {
  return new Printer(file).print(file, true);
}

/** The printer output without the final newline (what Alloy's `printer.Fprint` writes). */
export function printBody(file: AlloyFile): string {
  return new Printer(file).print(file, false);
}
