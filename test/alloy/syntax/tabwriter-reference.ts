/**
 * The tab writer as it was before it became a character buffer (commit a4058a9): one object per
 * cell and strings built per line. Kept as the oracle of the differential test in
 * tabwriter.test.ts: simple enough to check by reading, slow enough that nobody uses it.
 */
import { trimTrailingBlanks } from '../../../src/alloy/syntax/tabwriter';

interface Cell {
  /** Cell text. */
  text: string;
  /** Width in code points (only computed for terminated cells: the last cell is never padded). */
  width: number;
  /** Terminated by a hard tab (such cells are never discarded as empty). */
  htab: boolean;
}

// Indentation is one empty hard-tab cell per level on every line: share the cell objects.
const EMPTY_HARD_CELL: Cell = Object.freeze({ text: '', width: 0, htab: true });
const EMPTY_SOFT_CELL: Cell = Object.freeze({ text: '', width: 0, htab: false });

const PADDING = 1;
const TAB_WIDTH = 8;

/** The straightforward aligner (one object per cell, strings built per line). */
export class ReferenceTabWriter {
  private lines: Cell[][] = [];
  private line: Cell[] = [];
  private text = '';
  private readonly widths: number[] = [];
  private readonly out: string[] = [];

  /** Appends plain text (without tab, vertical tab, newline or formfeed characters). */
  write(text: string): void {
    this.text += text;
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
        this.text += text.slice(from, i);
        if (c === 9 || c === 11) this.endCell(c === 9);
        else this.lineBreak(c === 12);
        from = i + 1;
      }
    }
    this.text += text.slice(from);
  }

  /**
   * Appends escaped text (a comment): its tabs and newlines are kept as text. Comment text never
   * ends with a space or tab, so trimming line ends never reaches into it.
   */
  writeEscaped(text: string): void {
    this.text += text;
  }

  /** Indentation: `levels` empty cells ended by hard tabs. */
  indent(levels: number): void {
    for (let i = 0; i < levels; i++) this.endCell(true);
  }

  /** Ends the current cell with a hard (`\t`) or soft (`\v`) tab. */
  endCell(hard: boolean): void {
    if (this.text === '') this.line.push(hard ? EMPTY_HARD_CELL : EMPTY_SOFT_CELL);
    else {
      this.line.push({ text: this.text, width: runeWidth(this.text), htab: hard });
      this.text = '';
    }
  }

  private endLastCell(): void {
    this.line.push({ text: this.text, width: 0, htab: false });
    this.text = '';
  }

  /** Ends the current line; a formfeed also ends every open column block. */
  lineBreak(formfeed: boolean): void {
    this.endLastCell();
    const cells = this.line.length;
    this.lines.push(this.line);
    this.line = [];
    if (formfeed || cells === 1) this.flush(true);
  }

  /** Flushes everything and returns the trimmed output. */
  finish(): string {
    this.endLastCell();
    this.lines.push(this.line);
    this.line = [];
    this.flush(false);
    return this.out.join('');
  }

  private flush(newlineAfterLast: boolean): void {
    this.format(this.lines.length, newlineAfterLast);
    this.lines = [];
  }

  /**
   * Lays out lines [0, count): for each column, finds the blocks of consecutive lines that have a
   * terminated cell there, sizes the block to its widest cell, then does the same for the next
   * column within the block. Done with an explicit stack (one frame per column) because a line can
   * have thousands of cells (TABs inside string literals count as cell ends).
   */
  private format(count: number, newlineAfterLast: boolean): void {
    const lines = this.lines;
    const widths = this.widths;
    const stack: Array<{ line0: number; line1: number; current: number }> = [{ line0: 0, line1: count, current: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { line0: number; line1: number; current: number };
      const column = stack.length - 1;
      let descended = false;
      for (; frame.current < frame.line1; frame.current++) {
        if (column >= (lines[frame.current] as Cell[]).length - 1) continue;
        this.writeLines(frame.line0, frame.current, newlineAfterLast);
        const blockStart = frame.current;
        let end = blockStart;
        let width = 0;
        let discardable = true;
        for (; end < frame.line1; end++) {
          const cells = lines[end] as Cell[];
          if (column >= cells.length - 1) break;
          const cell = cells[column] as Cell;
          if (cell.width + PADDING > width) width = cell.width + PADDING;
          if (cell.width > 0 || cell.htab) discardable = false;
        }
        widths.push(discardable ? 0 : width);
        // Resume after the block (the line that ended it has no cell in this column).
        frame.line0 = end;
        frame.current = end + 1;
        stack.push({ line0: blockStart, line1: end, current: blockStart });
        descended = true;
        break;
      }
      if (descended) continue;
      this.writeLines(frame.line0, frame.line1, newlineAfterLast);
      stack.pop();
      widths.pop();
    }
  }

  private writeLines(line0: number, line1: number, newlineAfterLast: boolean): void {
    const widths = this.widths;
    for (let i = line0; i < line1; i++) {
      const cells = this.lines[i] as Cell[];
      let leading = true;
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j] as Cell;
        if (cell.text.length === 0) {
          if (j < widths.length) s += padding(cell.width, widths[j] as number, leading);
        } else {
          leading = false;
          s += cell.text;
          if (j < widths.length) s += padding(cell.width, widths[j] as number, false);
        }
      }
      this.out.push(trimTrailingBlanks(s));
      if (newlineAfterLast || i + 1 < this.lines.length) this.out.push('\n');
    }
  }
}

function padding(textWidth: number, cellWidth: number, useTabs: boolean): string {
  if (useTabs) {
    const rounded = Math.ceil(cellWidth / TAB_WIDTH) * TAB_WIDTH;
    return '\t'.repeat(Math.ceil((rounded - textWidth) / TAB_WIDTH));
  }
  return ' '.repeat(cellWidth - textWidth);
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

