/**
 * Elastic tabstops with the observable behaviour of Go's `text/tabwriter` as `alloy fmt`
 * configures it (minwidth 0, tabwidth 8, padding 1, pad with spaces, DiscardEmptyColumns,
 * TabIndent), followed by the trailing-whitespace trimmer.
 *
 * Text is a sequence of lines made of cells. A cell ends at a tab (`\t`, "hard") or a vertical
 * tab (`\v`, "soft"); the text after the last terminator of a line is not a cell of any column.
 * A column block is a run of consecutive lines that all have a terminated cell at that column
 * index; every cell of a block is padded to the block's widest cell plus one space. A formfeed
 * ends the line and every open block. Leading empty cells (indentation) are written as tabs.
 * Escaped text (comments) is opaque: its tabs and newlines do not split cells. Trailing spaces and
 * tabs are then removed from every line.
 */

const PADDING = 1;
const TAB_WIDTH = 8;
const TAB = 9;
const SPACE = 32;
const NEWLINE = 10;

const asciiDecoder = new TextDecoder();
// ignoreBOM: keep a leading U+FEFF as text (by default the decoder would drop it).
const utf16Decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * The aligner. Feed it with the methods below, then call {@link TabWriter.finish}.
 *
 * Why it looks like this: a 1 MB config prints as half a million tokens, cells and paddings, and
 * building strings from them (by `+=` or `join`) cost more than all of the layout work. So the
 * text of the pending lines (those whose column blocks may still grow) is kept as the pieces it
 * was written in, cells and lines are offsets into that list, and a flush copies the pieces once,
 * padded and trimmed, into a character buffer that `finish` decodes in one go.
 */
export class TabWriter {
  /**
   * Laid-out output, one byte per character while it is all ASCII (the usual case: half the
   * copying, and a string straight from the bytes at the end)...
   */
  private bytes: Uint8Array;
  /** ...and as UTF-16 code units from the first other character on (`bytes` is then unused). */
  private chars: Uint16Array | undefined;
  private length = 0;

  /** Text of the pending lines: pieces[0, pieceCount). Reused from one flush to the next. */
  private readonly pieces: string[] = [];
  private pieceCount = 0;
  /** Index in `pieces` where the current line starts. */
  private lineStart = 0;
  /** Index in `pieces` where the current cell starts. */
  private cellStart = 0;

  // Terminated cells of the pending lines. The cells of a line are contiguous, so a cell's text
  // starts where the previous cell of its line ends (the first one where the line starts).
  /** Index in `pieces` where the cell's text ends. */
  private readonly cellEnd: number[] = [];
  /** Width in code points (0 exactly when the cell text is empty). */
  private readonly cellWidth: number[] = [];
  /** Terminated by a hard tab (such cells are never discarded as empty). */
  private readonly cellHard: boolean[] = [];
  private cells = 0;

  // Pending line i has the cells [lineCells[i], lineCells[i + 1]) and the pieces [lineFirst[i], lineLast[i]).
  private readonly lineCells: number[] = [0];
  private readonly lineFirst: number[] = [];
  private readonly lineLast: number[] = [];
  private lines = 0;

  // The layout stack of format(), kept between flushes: frame k works on column k.
  /** Column widths of the enclosing column blocks (index = column). */
  private readonly widths: number[] = [];
  private readonly frameLine0: number[] = [];
  private readonly frameLine1: number[] = [];
  private readonly frameCurrent: number[] = [];

  /** `sizeHint`: the expected output length, so that the output buffer rarely needs to grow. */
  constructor(sizeHint = 0) {
    // Formatting mostly adds alignment padding: leave room for some.
    const size = Math.max(1 << 12, Math.ceil(sizeHint * 1.125));
    const spare = spareBytes;
    if (spare !== undefined && spare.length >= size) {
      spareBytes = undefined;
      this.bytes = spare;
    } else this.bytes = new Uint8Array(size);
  }

  /** Appends plain text (without tab, vertical tab, newline or formfeed characters). */
  write(text: string): void {
    this.pieces[this.pieceCount++] = text;
  }

  /**
   * Appends text that may contain `\t`, `\v`, `\n` or `\f`: they act as cell terminators and line
   * breaks, as they do in Go's tabwriter (which is how a TAB inside a string literal turns into
   * alignment padding in `alloy fmt` output).
   */
  writeControls(text: string): void {
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 9 || c === 11 || c === 10 || c === 12) {
        if (i > from) this.write(text.slice(from, i));
        if (c === 9 || c === 11) this.endCell(c === 9);
        else this.lineBreak(c === 12);
        from = i + 1;
      }
    }
    if (from === 0) this.write(text);
    else if (from < text.length) this.write(text.slice(from));
  }

  /**
   * Appends escaped text (a comment): its tabs and newlines are kept as text. Comment text never
   * ends with a space or tab, so trimming line ends never reaches into it.
   */
  writeEscaped(text: string): void {
    this.pieces[this.pieceCount++] = text;
  }

  /** Ends the current cell with a hard (`\t`) or soft (`\v`) tab. */
  endCell(hard: boolean): void {
    const width = textWidth(this.pieces, this.cellStart, this.pieceCount);
    const k = this.cells++;
    this.cellEnd[k] = this.pieceCount;
    this.cellWidth[k] = width;
    this.cellHard[k] = hard;
    this.cellStart = this.pieceCount;
  }

  /** Ends `levels` empty cells with hard tabs: the indentation at the start of a line. */
  indent(levels: number): void {
    for (let i = 0; i < levels; i++) this.endCell(true);
  }

  /** Records the current line as pending (its last cell is not terminated). */
  private endLine(): void {
    const i = this.lines++;
    this.lineFirst[i] = this.lineStart;
    this.lineLast[i] = this.pieceCount;
    this.lineCells[i + 1] = this.cells;
    this.lineStart = this.cellStart = this.pieceCount;
  }

  /** Ends the current line; a formfeed also ends every open column block. */
  lineBreak(formfeed: boolean): void {
    this.endLine();
    // Like Go's tabwriter: a line without any cell terminator ends every column block too.
    if (formfeed || this.cellCount(this.lines - 1) === 0) this.flush(true);
  }

  /**
   * Flushes everything and returns the trimmed output, followed by one newline when
   * `newlineAtEnd` (written here so that the caller need not concatenate a megabyte string).
   */
  finish(newlineAtEnd = false): string {
    this.endLine();
    this.flush(newlineAtEnd);
    const bytes = this.bytes;
    const chars = this.chars;
    let text: string;
    if (chars === undefined) text = asciiDecoder.decode(bytes.subarray(0, this.length));
    else text = decode(chars, this.length);
    // Keep one buffer for the next writer (a 1 MB config needs a megabyte), unless it is huge.
    if (bytes.length <= MAX_SPARE && (spareBytes === undefined || spareBytes.length < bytes.length)) spareBytes = bytes;
    this.bytes = EMPTY;
    this.chars = undefined;
    return text;
  }

  /** Lays out the pending lines, each followed by a newline unless it is the last and `!newlineAfterLast`. */
  private flush(newlineAfterLast: boolean): void {
    this.format(this.lines, newlineAfterLast);
    this.pieceCount = this.lineStart = this.cellStart = 0;
    this.cells = 0;
    this.lines = 0;
  }

  /** Number of terminated cells of pending line `i`. */
  private cellCount(i: number): number {
    return (this.lineCells[i + 1] as number) - (this.lineCells[i] as number);
  }

  /**
   * Lays out lines [0, count): for each column, finds the blocks of consecutive lines that have a
   * terminated cell there, sizes the block to its widest cell, then does the same for the next
   * column within the block. Done with an explicit stack (one frame per column) because a line can
   * have thousands of cells (TABs inside string literals count as cell ends).
   */
  private format(count: number, newlineAfterLast: boolean): void {
    const widths = this.widths;
    if (count === 1) {
      // The common case (most lines end with a formfeed or have no cells): every terminated cell
      // of a lone line is a column block of its own, sized as the general loop below sizes it.
      const first = this.lineCells[0] as number;
      const last = this.lineCells[1] as number;
      for (let k = first; k < last; k++) {
        const w = this.cellWidth[k] as number;
        widths[k - first] = w === 0 && !this.cellHard[k] ? 0 : w + PADDING;
      }
      this.writeLines(0, 1, count, newlineAfterLast);
      return;
    }
    const line0s = this.frameLine0;
    const line1s = this.frameLine1;
    const currents = this.frameCurrent;
    line0s[0] = 0;
    line1s[0] = count;
    currents[0] = 0;
    let depth = 1;
    while (depth > 0) {
      const column = depth - 1;
      const line1 = line1s[column] as number;
      let current = currents[column] as number;
      while (current < line1 && column >= this.cellCount(current)) current++;
      if (current < line1) {
        this.writeLines(line0s[column] as number, current, count, newlineAfterLast);
        const blockStart = current;
        let end = blockStart;
        let width = 0;
        let discardable = true;
        for (; end < line1 && column < this.cellCount(end); end++) {
          const k = (this.lineCells[end] as number) + column;
          const w = this.cellWidth[k] as number;
          if (w + PADDING > width) width = w + PADDING;
          if (w > 0 || this.cellHard[k]) discardable = false;
        }
        widths[column] = discardable ? 0 : width;
        // Resume after the block (the line that ended it has no cell in this column).
        line0s[column] = end;
        currents[column] = end + 1;
        line0s[depth] = blockStart;
        line1s[depth] = end;
        currents[depth] = blockStart;
        depth++;
        continue;
      }
      this.writeLines(line0s[column] as number, line1, count, newlineAfterLast);
      depth--;
    }
  }

  /**
   * Writes pending lines [line0, line1) to the output, padded and with their ends trimmed.
   * `widths[j]` is the width of the column block that holds cell j of each of these lines.
   */
  private writeLines(line0: number, line1: number, count: number, newlineAfterLast: boolean): void {
    for (let i = line0; i < line1; i++) {
      const first = this.lineCells[i] as number;
      const last = this.lineCells[i + 1] as number;
      let piece = this.lineFirst[i] as number;
      const lineOut = this.length;
      let leading = true;
      for (let k = first; k < last; k++) {
        const cellEnd = this.cellEnd[k] as number;
        for (; piece < cellEnd; piece++) this.put(this.pieces[piece] as string);
        const w = this.cellWidth[k] as number;
        const columnWidth = this.widths[k - first] as number;
        if (w > 0) leading = false;
        if (leading) this.pad(TAB, Math.ceil((Math.ceil(columnWidth / TAB_WIDTH) * TAB_WIDTH - w) / TAB_WIDTH));
        else this.pad(SPACE, columnWidth - w);
      }
      const lineLast = this.lineLast[i] as number;
      for (; piece < lineLast; piece++) this.put(this.pieces[piece] as string);
      let n = this.length;
      const chars = this.chars;
      if (chars === undefined) {
        const out = this.bytes;
        while (n > lineOut && (out[n - 1] === SPACE || out[n - 1] === TAB)) n--;
      } else {
        while (n > lineOut && (chars[n - 1] === SPACE || chars[n - 1] === TAB)) n--;
      }
      this.length = n;
      if (newlineAfterLast || i + 1 < count) this.pad(NEWLINE, 1);
    }
  }

  /** Appends `text` to the output. */
  private put(text: string): void {
    const n = text.length;
    const start = this.length;
    let at = start;
    if (this.chars === undefined) {
      if (at + n > this.bytes.length) this.bytes = grownBytes(this.bytes, at, at + n);
      const out = this.bytes;
      let bits = 0;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        bits |= c;
        out[at++] = c;
      }
      if (bits < 0x80) {
        this.length = at;
        return;
      }
      // The first character that is not ASCII: go on in UTF-16, writing this text again.
      this.chars = widened(this.bytes, start, start + n);
      at = start;
    }
    if (at + n > this.chars.length) this.chars = grownChars(this.chars, at, at + n);
    const out = this.chars;
    for (let i = 0; i < n; i++) out[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Appends `n` copies of the ASCII character `c`. */
  private pad(c: number, n: number): void {
    if (n <= 0) return;
    const start = this.length;
    const end = start + n;
    if (this.chars === undefined) {
      if (end > this.bytes.length) this.bytes = grownBytes(this.bytes, start, end);
      const out = this.bytes;
      for (let at = start; at < end; at++) out[at] = c;
    } else {
      if (end > this.chars.length) this.chars = grownChars(this.chars, start, end);
      const out = this.chars;
      for (let at = start; at < end; at++) out[at] = c;
    }
    this.length = end;
  }
}

const EMPTY = new Uint8Array(0);
/** The output buffer a finished writer leaves for the next one (see {@link TabWriter.finish}). */
let spareBytes: Uint8Array | undefined;
const MAX_SPARE = 1 << 24;

/** A copy of bytes[0, used) in a buffer of at least `needed` bytes. */
function grownBytes(bytes: Uint8Array, used: number, needed: number): Uint8Array {
  const bigger = new Uint8Array(Math.max(needed, 2 * bytes.length));
  bigger.set(bytes.subarray(0, used));
  return bigger;
}

/** bytes[0, used) as UTF-16 code units, in a buffer of at least `needed`. */
function widened(bytes: Uint8Array, used: number, needed: number): Uint16Array {
  const chars = new Uint16Array(Math.max(needed, bytes.length));
  chars.set(bytes.subarray(0, used));
  return chars;
}

/** A copy of chars[0, used) in a buffer of at least `needed` code units. */
function grownChars(chars: Uint16Array, used: number, needed: number): Uint16Array {
  const bigger = new Uint16Array(Math.max(needed, 2 * chars.length));
  bigger.set(chars.subarray(0, used));
  return bigger;
}

/** The string of chars[0, n). */
function decode(chars: Uint16Array, n: number): string {
  // TextDecoder would replace lone surrogates (possible in hand-made ASTs) with U+FFFD, and reads
  // the platform's byte order as little-endian: only use it when both are no concern.
  if (littleEndian && !hasLoneSurrogate(chars, n)) return utf16Decoder.decode(chars.subarray(0, n));
  const parts: string[] = [];
  for (let i = 0; i < n; i += 8192) {
    parts.push(String.fromCharCode.apply(null, chars.subarray(i, Math.min(n, i + 8192)) as unknown as number[]));
  }
  return parts.join('');
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function hasLoneSurrogate(chars: Uint16Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const c = chars[i] as number;
    if (c < 0xd800 || c > 0xdfff) continue;
    const d = i + 1 < n ? (chars[i + 1] as number) : 0;
    if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return true;
    i++;
  }
  return false;
}

/** Width in code points of the text pieces[from, to), as one string (a pair may span two pieces). */
function textWidth(pieces: readonly string[], from: number, to: number): number {
  let width = 0;
  let endsWithHigh = false;
  for (let p = from; p < to; p++) {
    const piece = pieces[p] as string;
    if (piece.length === 0) continue;
    width += runeWidth(piece);
    const first = piece.charCodeAt(0);
    if (endsWithHigh && first >= 0xdc00 && first <= 0xdfff) width--;
    const last = piece.charCodeAt(piece.length - 1);
    endsWithHigh = last >= 0xd800 && last <= 0xdbff;
  }
  return width;
}

function runeWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Removes the spaces and tabs that end `line` (linear time, unlike a `/[ \t]+$/` regex). */
export function trimTrailingBlanks(line: string): string {
  let end = line.length;
  for (let c = line.charCodeAt(end - 1); c === 32 || c === 9; c = line.charCodeAt(end - 1)) end--;
  return end === line.length ? line : line.slice(0, end);
}
