/** One step of an edit script: keep `a[a]` (= `b[b]`), delete `a[a]`, or insert `b[b]`. */
export type Edit =
  | { readonly op: 'equal'; readonly a: number; readonly b: number }
  | { readonly op: 'delete'; readonly a: number }
  | { readonly op: 'insert'; readonly b: number };

// Above this many table cells the middle part is reported as replaced wholesale: a reviewer's
// summary does not need the minimal script of a 10,000-line rewrite, and the table would not fit.
const maxCells = 4_000_000;

/**
 * A shortest edit script from `a` to `b` (longest common subsequence, elements compared with
 * `===`). Within a run of edits, deletions come before insertions.
 */
export function diffSequence<T>(a: readonly T[], b: readonly T[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const edits: Edit[] = [];
  for (let i = 0; i < start; i++) edits.push({ op: 'equal', a: i, b: i });
  edits.push(...diffMiddle(a, b, start, endA, endB));
  for (let i = 0; endA + i < a.length; i++) edits.push({ op: 'equal', a: endA + i, b: endB + i });
  return edits;
}

/** The edit script for `a[start..endA)` to `b[start..endB)`, which share no prefix or suffix. */
function diffMiddle<T>(a: readonly T[], b: readonly T[], start: number, endA: number, endB: number): Edit[] {
  const n = endA - start;
  const m = endB - start;
  const edits: Edit[] = [];
  if ((n + 1) * (m + 1) > maxCells) {
    for (let i = start; i < endA; i++) edits.push({ op: 'delete', a: i });
    for (let j = start; j < endB; j++) edits.push({ op: 'insert', b: j });
    return edits;
  }
  // lcs[i * (m + 1) + j]: length of the longest common subsequence of a[start+i..endA) and b[start+j..endB).
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      edits.push({ op: 'equal', a: start + i++, b: start + j++ });
    } else if (j === m || (i < n && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      edits.push({ op: 'delete', a: start + i++ });
    } else {
      edits.push({ op: 'insert', b: start + j++ });
    }
  }
  return edits;
}

/** A run of edits between two equal elements: what `b` has instead of `a`'s elements there. */
export interface Hunk {
  /** Indexes into `a`. */
  readonly deleted: readonly number[];
  /** Indexes into `b`. */
  readonly inserted: readonly number[];
}

/** The runs of non-equal edits of a script, in order. */
export function hunks(edits: readonly Edit[]): Hunk[] {
  const out: { deleted: number[]; inserted: number[] }[] = [];
  let current: { deleted: number[]; inserted: number[] } | undefined;
  for (const e of edits) {
    if (e.op === 'equal') {
      current = undefined;
      continue;
    }
    if (!current) out.push((current = { deleted: [], inserted: [] }));
    if (e.op === 'delete') current.deleted.push(e.a);
    else current.inserted.push(e.b);
  }
  return out;
}

/** The lines of a text; a final newline does not start another line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The lines that differ between two texts, as `- old` and `+ new` lines, and how many of each. */
export function diffLines(oldText: string, newText: string): { lines: string[]; added: number; removed: number } {
  const [a, b] = [splitLines(oldText), splitLines(newText)];
  const lines: string[] = [];
  let [added, removed] = [0, 0];
  for (const e of diffSequence(a, b)) {
    if (e.op === 'delete') {
      lines.push(`- ${a[e.a]}`);
      removed++;
    } else if (e.op === 'insert') {
      lines.push(`+ ${b[e.b]}`);
      added++;
    }
  }
  return { lines, added, removed };
}
