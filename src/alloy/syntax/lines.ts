import type { AlloyFile } from './ast';
import type { Position } from './diagnostic';

/**
 * The index of the line that holds byte `offset`, given where each line starts (the first `count`
 * entries of `lineStarts`, ascending, `lineStarts[0]` = 0): 0 for the first line.
 */
export function lineIndexAt(lineStarts: ArrayLike<number>, offset: number, count = lineStarts.length): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The position of byte `offset`, given where each line starts (see {@link lineIndexAt}). */
export function positionIn(lineStarts: readonly number[], offset: number): Position {
  const i = lineIndexAt(lineStarts, offset);
  return { offset, line: i + 1, column: offset - (lineStarts[i] ?? 0) + 1 };
}

const oneLine: readonly number[] = [0];

/**
 * The line and byte column of a byte offset in a parsed file, such as a node's `start`: the
 * `Position` Alloy would report there. (A built file has no line table: its text is taken to be
 * one line.)
 */
export function positionAt(file: AlloyFile, offset: number): Position {
  return positionIn(file.lineStarts ?? oneLine, offset);
}
