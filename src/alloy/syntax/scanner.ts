import type { Position } from './diagnostic';
import { lineIndexAt, positionIn } from './lines';
import type { TokenKind } from './token';
import { formatRune, isDigit, isLetter } from './unicode';

/** One token of Alloy source. */
export interface Token {
  /** The token kind. */
  readonly kind: TokenKind;
  /**
   * The source text of the token. Comments exclude the newline that ends them and have `\r`
   * removed; raw strings have `\r` removed; an inserted TERMINATOR is `"\n"` (or `""` at EOF).
   */
  readonly text: string;
  /** Where the token starts. */
  readonly start: Position;
  /** Where the token ends (exclusive). */
  readonly end: Position;
}

/** Options for {@link Scanner}. */
export interface ScannerOptions {
  /**
   * Insert TERMINATOR tokens at newlines that follow a value (Go-style automatic terminators).
   * On by default; the parser needs them.
   */
  readonly insertTerminators?: boolean;
  /** Called for each lexical error, in source order. */
  readonly onError?: (message: string, at: Position) => void;
  /**
   * The source was decoded by {@link decodeUtf8}: lone surrogates U+DC80–U+DCFF stand for
   * single invalid bytes (one byte wide) rather than for unencodable UTF-16 (three bytes wide).
   */
  readonly fromBytes?: boolean;
}

const EOF = -1;
/**
 * The line buffer a scanner that reached EOF leaves for the next one (see `Scanner.lineBuffer`);
 * each scanner takes it for itself, so scanners used at the same time never share one.
 */
let spareLineBuffer: Uint32Array | undefined;
/** Longest line buffer kept for reuse (4 MB). */
const MAX_SPARE_LINES = 1 << 20;
const BOM = 0xfeff;
/** Slots of the identifier cache (a power of two). */
const NAME_CACHE_SIZE = 4096;

/**
 * Decodes UTF-8 bytes the way Go reads them: each byte that does not start a valid, shortest-form
 * UTF-8 sequence is kept as the lone surrogate U+DC80–U+DCFF (0x80–0xFF) or U+DC00+byte, so that a
 * {@link Scanner} created with `fromBytes` reports it as `illegal UTF-8 encoding` at its byte offset.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk: number[] = [];
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b0 = bytes[i] as number;
    let cp = -1;
    let w = 1;
    if (b0 < 0x80) cp = b0;
    else if (b0 >= 0xc2 && b0 <= 0xdf) {
      const b1 = bytes[i + 1];
      if (b1 !== undefined && (b1 & 0xc0) === 0x80) {
        cp = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
        w = 2;
      }
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const b1 = bytes[i + 1];
      const b2 = bytes[i + 2];
      if (b1 !== undefined && b2 !== undefined && (b1 & 0xc0) === 0x80 && (b2 & 0xc0) === 0x80) {
        const v = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
        if (v >= 0x800 && (v < 0xd800 || v > 0xdfff)) {
          cp = v;
          w = 3;
        }
      }
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const b1 = bytes[i + 1];
      const b2 = bytes[i + 2];
      const b3 = bytes[i + 3];
      if (
        b1 !== undefined && b2 !== undefined && b3 !== undefined &&
        (b1 & 0xc0) === 0x80 && (b2 & 0xc0) === 0x80 && (b3 & 0xc0) === 0x80
      ) {
        const v = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
        if (v >= 0x10000 && v <= 0x10ffff) {
          cp = v;
          w = 4;
        }
      }
    }
    if (cp < 0) cp = 0xdc00 + b0;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else chunk.push(cp);
    i += w;
    if (chunk.length >= 8192) {
      parts.push(String.fromCharCode(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCharCode(...chunk));
  return parts.join('');
}

function stripCR(text: string, blockComment: boolean): string {
  const parts: string[] = [];
  let from = 0;
  let kept = 0;
  let last = '';
  for (let j = text.indexOf('\r'); j >= 0; j = text.indexOf('\r', j + 1)) {
    const before = text.slice(from, j);
    kept += before.length;
    if (before.length > 0) last = before[before.length - 1] as string;
    parts.push(before);
    from = j + 1;
    // In a block comment, keep the \r of `*\r/`: dropping it would end the comment early.
    if (blockComment && kept > 2 && last === '*' && text[j + 1] === '/') {
      parts.push('\r');
      kept++;
      last = '\r';
    }
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * The Alloy scanner: turns source text into tokens, one {@link Scanner.next} call at a time.
 * Whitespace is skipped; comments are returned as COMMENT tokens; a newline after a value
 * becomes a TERMINATOR. Lexical errors go to `onError` and never stop scanning.
 */
export class Scanner {
  private readonly src: string;
  private readonly n: number;
  private readonly fromBytes: boolean;
  private readonly insertTerminators: boolean;
  private readonly onError: ((message: string, at: Position) => void) | undefined;
  /** Current code point (U+FFFD for an encoding error), or EOF. */
  private ch = EOF;
  /** UTF-16 index of `ch`. */
  private i = 0;
  /** Byte offset of `ch`. */
  private b = 0;
  /** UTF-16 width of `ch`. */
  private cw = 0;
  /** UTF-8 width of `ch`. */
  private bw = 0;
  private line = 1;
  private lineStart = 0;
  /**
   * Byte offset at which each line starts: lineBuffer[0, lineCount) are the lines seen so far.
   * At EOF they are copied once into `lines`, the array {@link lineStarts} returns. Why a typed
   * buffer first: grown by push(), a megabyte config's table was copied into ever larger arrays
   * beyond the size V8 keeps in the young generation, each on freshly mapped pages; and an array
   * made when scanning starts is still referenced by the scan when a young collection comes, so
   * it was promoted to the old generation with every parse (and the garbage piled up there).
   */
  private lineBuffer: Uint32Array;
  private lineCount = 1;
  private lines: number[] | undefined;
  private insertTerm = false;
  private quiet = 0;
  /**
   * Byte offset of a token that findLineEnd found after a run of comments on one line: the later
   * comments of that run need no new lookahead (which would make long runs quadratic).
   */
  private tokenAfterComments = -1;
  /**
   * Identifier texts by a hash of their characters (one per slot, the latest wins). Why: configs
   * repeat a few hundred names (`endpoint`, `otelcol`, `input`, …) tens of thousands of times;
   * reusing the string saves slicing a new one that the AST would then keep.
   */
  private readonly names: string[] = new Array<string>(NAME_CACHE_SIZE).fill('');
  /** Kind of the current token (after {@link Scanner.scan}). */
  kind: TokenKind = 'EOF';
  /** Text of the current token. */
  text = '';
  /** Byte offset where the current token starts. */
  startOffset = 0;
  /** Line where the current token starts. */
  startLine = 1;
  /** Byte column where the current token starts. */
  startColumn = 1;
  /** Byte offset where the current token ends (exclusive). */
  endOffset = 0;
  /** Line where the current token ends. */
  endLine = 1;
  /** Byte column where the current token ends (exclusive). */
  endColumn = 1;

  /** Creates a scanner over `source`. */
  constructor(source: string, options: ScannerOptions = {}) {
    this.src = source;
    this.n = source.length;
    this.fromBytes = options.fromBytes ?? false;
    this.insertTerminators = options.insertTerminators ?? true;
    this.onError = options.onError;
    this.lineBuffer = spareLineBuffer ?? new Uint32Array(1024);
    spareLineBuffer = undefined;
    this.lineBuffer[0] = 0;
    this.load();
    if (this.ch === BOM) this.advance();
  }

  /** The current position (of the character under the cursor). */
  private pos(): Position {
    return { offset: this.b, line: this.line, column: this.b - this.lineStart + 1 };
  }

  /** The current character; a method so that TypeScript does not narrow it across advance(). */
  private peek(): number {
    return this.ch;
  }

  private error(message: string, at: Position): void {
    if (this.quiet === 0 && this.onError) this.onError(message, at);
  }

  /** Reads the character at `this.i` into `ch`, reporting encoding problems. */
  private load(): void {
    const i = this.i;
    if (i >= this.n) {
      this.ch = EOF;
      this.cw = 0;
      this.bw = 0;
      return;
    }
    const c = this.src.charCodeAt(i);
    if (c < 0x80) {
      this.ch = c;
      this.cw = 1;
      this.bw = 1;
      if (c === 0) this.error('illegal character NUL', this.pos());
      return;
    }
    this.cw = 1;
    if (c < 0x800) {
      this.ch = c;
      this.bw = 2;
      return;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < this.n) {
        const d = this.src.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.ch = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
          this.cw = 2;
          this.bw = 4;
          return;
        }
      }
      this.ch = 0xfffd;
      this.bw = this.fromBytes ? 1 : 3;
      this.error('illegal UTF-8 encoding', this.pos());
      return;
    }
    this.ch = c;
    this.bw = 3;
    if (c === BOM && this.b > 0) this.error('illegal byte order mark', this.pos());
  }

  /**
   * Moves over a run of ASCII characters in the class `accept` (one of the tables below; none
   * holds a newline or NUL), in one go: the hot loops of blanks, identifiers, strings and comments.
   */
  private skipAscii(accept: Uint8Array): void {
    const src = this.src;
    const start = this.i;
    let i = start;
    const n = this.n;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c >= 0x80 || accept[c] === 0) break;
      i++;
    }
    if (i === start) return;
    this.b += i - start;
    this.i = i;
    this.load();
  }

  private advance(): void {
    if (this.ch === 10) {
      this.line++;
      this.lineStart = this.b + 1;
      // (findLineEnd looks ahead and comes back: each line is recorded once.)
      if (this.line > this.lineCount) this.addLine(this.lineStart);
    }
    this.i += this.cw;
    this.b += this.bw;
    this.load();
  }

  /**
   * Byte offset at which each line starts, for the lines scanned so far (all of them once EOF is
   * returned); see {@link positionIn}.
   */
  get lineStarts(): readonly number[] {
    return this.lines ?? Array.from(this.lineBuffer.subarray(0, this.lineCount));
  }

  /** The position of a byte offset the scanner has passed. */
  positionAt(offset: number): Position {
    if (this.lines !== undefined) return positionIn(this.lines, offset);
    // Searched in the buffer: copying it for every diagnostic would be quadratic.
    const i = lineIndexAt(this.lineBuffer, offset, this.lineCount);
    return { offset, line: i + 1, column: offset - (this.lineBuffer[i] as number) + 1 };
  }

  private addLine(start: number): void {
    const n = this.lineCount;
    if (n === this.lineBuffer.length) {
      const bigger = new Uint32Array(2 * n);
      bigger.set(this.lineBuffer);
      this.lineBuffer = bigger;
    }
    this.lineBuffer[n] = start;
    this.lineCount = n + 1;
  }

  /** At EOF: copies the line table into its array, and leaves the buffer to the next scanner. */
  private completeLines(): void {
    const n = this.lineCount;
    const buffer = this.lineBuffer;
    const lines = new Array<number>(n);
    for (let i = 0; i < n; i++) lines[i] = buffer[i] as number;
    this.lines = lines;
    if (buffer.length <= MAX_SPARE_LINES && (spareLineBuffer === undefined || spareLineBuffer.length < buffer.length)) spareLineBuffer = buffer;
  }

  /** Scans and returns the next token; after the end it keeps returning EOF. */
  next(): Token {
    this.scan();
    return { kind: this.kind, text: this.text, start: this.tokenStart(), end: this.tokenEnd() };
  }

  /** Where the current token starts. */
  tokenStart(): Position {
    return { offset: this.startOffset, line: this.startLine, column: this.startColumn };
  }

  /** Where the current token ends (exclusive). */
  tokenEnd(): Position {
    return { offset: this.endOffset, line: this.endLine, column: this.endColumn };
  }

  /**
   * Scans the next token into the `kind`, `text` and start/end fields without allocating
   * position objects (the parser's fast path); returns its kind.
   */
  scan(): TokenKind {
    for (;;) {
      const c = this.ch;
      if (c === 32 || c === 9 || c === 13) this.skipAscii(blankChars);
      else if (c === 10 && !this.insertTerm) this.advance();
      else break;
    }
    this.startOffset = this.b;
    this.startLine = this.line;
    this.startColumn = this.b - this.lineStart + 1;
    const startIndex = this.i;
    const c = this.ch;
    let kind: TokenKind;
    let insertTerm = false;
    let text: string | undefined;

    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x80 && isLetter(c))) {
      text = this.scanIdentifier(startIndex);
      kind = text === 'true' || text === 'false' ? 'BOOL' : text === 'null' ? 'NULL' : 'IDENT';
      insertTerm = true;
    } else if ((c >= 0x30 && c <= 0x39) || (c === 0x2e && isAsciiDigit(this.src.charCodeAt(this.i + 1)))) {
      kind = this.scanNumber();
      insertTerm = true;
    } else {
      this.advance();
      switch (c) {
        case EOF:
          if (this.lines === undefined) this.completeLines();
          if (this.insertTerm) {
            this.insertTerm = false;
            return this.finish('TERMINATOR', '', true);
          }
          return this.finish('EOF', '', true);
        case 10:
          this.insertTerm = false;
          return this.finish('TERMINATOR', '\n', false);
        case 0x22:
          kind = 'STRING';
          insertTerm = true;
          this.scanString();
          break;
        case 0x60:
          kind = 'STRING';
          insertTerm = true;
          text = this.scanRawString(startIndex);
          break;
        case 0x27:
          kind = 'ILLEGAL';
          insertTerm = true;
          this.scanSingleQuoted();
          break;
        case 0x2f:
          if (this.ch === 0x2f || this.ch === 0x2a) {
            if (this.insertTerm && this.startOffset >= this.tokenAfterComments && this.findLineEnd()) {
              // The comment ends the line: emit the terminator now and rescan the comment next.
              this.i = startIndex;
              this.b = this.startOffset;
              this.load();
              this.insertTerm = false;
              return this.finish('TERMINATOR', '\n', true);
            }
            text = this.scanComment(startIndex);
            kind = 'COMMENT';
            insertTerm = this.insertTerm;
          } else kind = '/';
          break;
        case 0x2e: kind = '.'; break;
        case 0x2c: kind = ','; break;
        case 0x28: kind = '('; break;
        case 0x29: kind = ')'; insertTerm = true; break;
        case 0x5b: kind = '['; break;
        case 0x5d: kind = ']'; insertTerm = true; break;
        case 0x7b: kind = '{'; break;
        case 0x7d: kind = '}'; insertTerm = true; break;
        case 0x2b: kind = '+'; break;
        case 0x2d: kind = '-'; break;
        case 0x2a: kind = '*'; break;
        case 0x25: kind = '%'; break;
        case 0x5e: kind = '^'; break;
        case 0x3d: kind = this.accept(0x3d) ? '==' : '='; break;
        case 0x21: kind = this.accept(0x3d) ? '!=' : '!'; break;
        case 0x3c: kind = this.accept(0x3d) ? '<=' : '<'; break;
        case 0x3e: kind = this.accept(0x3d) ? '>=' : '>'; break;
        case 0x26:
          if (this.accept(0x26)) kind = '&&';
          else {
            this.error(`illegal character ${formatRune(c)}`, this.tokenStart());
            kind = 'ILLEGAL';
            insertTerm = this.insertTerm;
          }
          break;
        case 0x7c:
          if (this.accept(0x7c)) kind = '||';
          else {
            this.error(`illegal character ${formatRune(c)}`, this.tokenStart());
            kind = 'ILLEGAL';
            insertTerm = this.insertTerm;
          }
          break;
        default:
          // A misplaced BOM was already reported as such by load().
          if (c !== BOM) this.error(`illegal character ${formatRune(c)}`, this.tokenStart());
          kind = 'ILLEGAL';
          insertTerm = this.insertTerm;
      }
    }
    this.insertTerm = this.insertTerminators && insertTerm;
    return this.finish(kind, text ?? this.src.slice(startIndex, this.i), false);
  }

  private finish(kind: TokenKind, text: string, empty: boolean): TokenKind {
    this.kind = kind;
    this.text = text;
    if (empty) {
      this.endOffset = this.startOffset;
      this.endLine = this.startLine;
      this.endColumn = this.startColumn;
    } else {
      this.endOffset = this.b;
      this.endLine = this.line;
      this.endColumn = this.b - this.lineStart + 1;
    }
    return kind;
  }


  private accept(c: number): boolean {
    if (this.ch !== c) return false;
    this.advance();
    return true;
  }

  /**
   * Scans the identifier that starts at the current character (src index `startIndex`) and
   * returns its text: from the cache when the identifier is all ASCII and was seen before.
   */
  private scanIdentifier(startIndex: number): string {
    const src = this.src;
    const n = this.n;
    let i = startIndex;
    let h = 0;
    for (; i < n; i++) {
      const c = src.charCodeAt(i);
      if (c >= 0x80 || identifierChars[c] === 0) break;
      h = (Math.imul(h, 31) + c) | 0;
    }
    if (i < n && src.charCodeAt(i) >= 0x80) {
      // Non-ASCII letters or digits: the general path, without the cache.
      this.scanIdentifierTail();
      return src.slice(startIndex, this.i);
    }
    this.b += i - startIndex;
    this.i = i;
    this.load();
    const length = i - startIndex;
    const slot = (h ^ (h >>> 13) ^ length) & (NAME_CACHE_SIZE - 1);
    const known = this.names[slot] as string;
    if (known.length === length) {
      // Compared here rather than with startsWith, whose call cost more than the comparison.
      let k = 0;
      while (k < length && known.charCodeAt(k) === src.charCodeAt(startIndex + k)) k++;
      if (k === length) return known;
    }
    const text = src.slice(startIndex, i);
    this.names[slot] = text;
    return text;
  }

  private scanIdentifierTail(): void {
    for (;;) {
      this.skipAscii(identifierChars);
      const c = this.ch;
      if (c >= 0x80 && (isLetter(c) || isDigit(c))) this.advance();
      else return;
    }
  }

  private digits(): boolean {
    let found = false;
    while (this.ch >= 0x30 && this.ch <= 0x39) {
      this.advance();
      found = true;
    }
    return found;
  }

  private scanNumber(): TokenKind {
    let kind: TokenKind = 'NUMBER';
    if (this.ch !== 0x2e) this.digits();
    if (this.ch === 0x2e) {
      kind = 'FLOAT';
      this.advance();
      this.digits();
    }
    if (this.ch === 0x65 || this.ch === 0x45) {
      kind = 'FLOAT';
      this.advance();
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.advance();
      if (!this.digits()) this.error('exponent has no digits', this.tokenStart());
    }
    return kind;
  }

  private scanString(): void {
    for (;;) {
      this.skipAscii(plainStringChars);
      const c = this.ch;
      if (c === 10 || c === EOF) {
        this.error('string literal not terminated', this.tokenStart());
        return;
      }
      this.advance();
      if (c === 0x22) return;
      if (c === 0x5c) this.scanEscape();
    }
  }

  private scanEscape(): void {
    const at = this.pos();
    let n: number;
    let base: number;
    let max: number;
    switch (this.ch) {
      case 0x61: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74: case 0x76: case 0x5c: case 0x22:
        this.advance();
        return;
      case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37:
        n = 3; base = 8; max = 255;
        break;
      case 0x78:
        this.advance();
        n = 2; base = 16; max = 255;
        break;
      case 0x75:
        this.advance();
        n = 4; base = 16; max = 0x10ffff;
        break;
      case 0x55:
        this.advance();
        n = 8; base = 16; max = 0x10ffff;
        break;
      default:
        this.error(this.peek() === EOF ? 'escape sequence not terminated' : 'unknown escape sequence', at);
        return;
    }
    let x = 0;
    for (; n > 0; n--) {
      const c = this.peek();
      const d = digitValue(c);
      if (d >= base) {
        this.error(
          c === EOF ? 'escape sequence not terminated' : `illegal character ${formatRune(c)} in escape sequence`,
          this.pos(),
        );
        return;
      }
      x = x * base + d;
      this.advance();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) this.error('escape sequence is invalid Unicode code point', at);
  }

  private scanRawString(startIndex: number): string {
    let hasCR = false;
    for (;;) {
      const c = this.ch;
      if (c === EOF) {
        this.error('raw string literal not terminated', this.tokenStart());
        break;
      }
      this.advance();
      if (c === 0x60) break;
      if (c === 13) hasCR = true;
    }
    const text = this.src.slice(startIndex, this.i);
    return hasCR ? text.replace(/\r/g, '') : text;
  }

  private scanSingleQuoted(): void {
    this.error('illegal single-quoted string; use double quotes', this.tokenStart());
    for (;;) {
      const c = this.ch;
      if (c === 10 || c === EOF) return;
      this.advance();
      if (c === 0x27) return;
      if (c === 0x5c && this.ch !== 10 && this.ch !== EOF) this.advance();
    }
  }

  private scanComment(startIndex: number): string {
    let numCR = 0;
    if (this.ch === 0x2f) {
      this.advance();
      for (;;) {
        this.skipAscii(plainCommentChars);
        const c = this.peek();
        if (c === 10 || c === EOF) break;
        if (c === 13) numCR++;
        this.advance();
      }
    } else {
      this.advance();
      let terminated = false;
      while (this.ch !== EOF) {
        const c = this.ch;
        if (c === 13) numCR++;
        this.advance();
        if (c === 0x2a && this.peek() === 0x2f) {
          this.advance();
          terminated = true;
          break;
        }
      }
      if (!terminated) this.error('block comment not terminated', this.tokenStart());
    }
    let text = this.src.slice(startIndex, this.i);
    if (numCR > 0 && text[1] === '/' && text.endsWith('\r')) {
      text = text.slice(0, -1);
      numCR--;
    }
    return numCR > 0 ? stripCR(text, text[1] === '*') : text;
  }

  /**
   * Looks ahead from just after the `/` of a comment: true when the comment (and any comments
   * after it on the same line) runs to the end of the line, so it acts as the newline.
   */
  private findLineEnd(): boolean {
    const saved = [this.ch, this.i, this.b, this.cw, this.bw, this.line, this.lineStart] as const;
    this.quiet++;
    try {
      while (this.peek() === 0x2f || this.peek() === 0x2a) {
        if (this.peek() === 0x2f) return true;
        this.advance();
        for (;;) {
          const c = this.peek();
          if (c === EOF) break;
          if (c === 10) return true;
          this.advance();
          if (c === 0x2a && this.peek() === 0x2f) {
            this.advance();
            break;
          }
        }
        while (this.peek() === 32 || this.peek() === 9 || this.peek() === 13) this.advance();
        if (this.peek() === EOF || this.peek() === 10) return true;
        if (this.peek() !== 0x2f) {
          this.tokenAfterComments = this.b;
          return false;
        }
        this.advance();
      }
      this.tokenAfterComments = this.b;
      return false;
    } finally {
      [this.ch, this.i, this.b, this.cw, this.bw, this.line, this.lineStart] = saved;
      this.quiet--;
    }
  }
}

/**
 * ASCII character classes for {@link Scanner.skipAscii}, as tables. Why tables: a function
 * argument per class was not inlined, and the call per character cost more than the test.
 */
function asciiClass(accept: (c: number) => boolean): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 1; c < 128; c++) if (c !== 10 && accept(c)) table[c] = 1;
  return table;
}

const blankChars = asciiClass((c) => c === 32 || c === 9 || c === 13);
const identifierChars = asciiClass(isAsciiIdentifierChar);
const plainStringChars = asciiClass((c) => c !== 0x22 && c !== 0x5c);
const plainCommentChars = asciiClass((c) => c !== 13);

function isAsciiIdentifierChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (c >= 0x30 && c <= 0x39);
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return 16;
}

/** Scans all of `source` and returns its tokens, ending with EOF. */
export function tokenize(source: string, options: ScannerOptions = {}): Token[] {
  const scanner = new Scanner(source, options);
  const tokens: Token[] = [];
  for (;;) {
    const t = scanner.next();
    tokens.push(t);
    if (t.kind === 'EOF') return tokens;
  }
}
