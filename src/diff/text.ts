import { absent, formatSide, isTextChange, resourceLabel, summaryLine, truncate, type RevisionLabels } from './format';
import type { AlloyChange, ChangeStatus, ComponentChange, FileChange, ResourceChange, TreeDiff, ValueChange } from './model';
import { diffLines } from './sequence';

/** Options of {@link renderDiffText}. */
export interface TextOptions extends RevisionLabels {
  /** ANSI colours: removals and old values red, additions and new values green. @default false */
  readonly color?: boolean;
}

// A value longer than this is cut in text (json keeps it whole); so is a line of a changed text.
const maxValueLength = 80;
// Lines of a changed multi-line string shown before `... N more lines`.
const maxShownLines = 12;

const marker: Record<ChangeStatus, string> = { added: '+', removed: '-', changed: '~' };

type Paint = (s: string, tone: 'old' | 'new') => string;

/**
 * The diff as plain text: one block per file (`+ path`, `- path`, or the path of a changed file),
 * the resources in it (`~ HelmRelease monitoring/tempo`) with one `path: old -> new` line per value,
 * Alloy configs by component; then a summary line, or `no changes`.
 */
export function renderDiffText(diff: TreeDiff, options: TextOptions = {}): string {
  const paint: Paint = options.color ? (s, tone) => `\x1b[${tone === 'old' ? 31 : 32}m${s}\x1b[0m` : (s) => s;
  const lines = diff.files.flatMap((f) => fileLines(f, diff.resources, paint));
  return [...lines, summaryLine(diff, options)].join('\n') + '\n';
}

const toneOf = (status: ChangeStatus): 'old' | 'new' | undefined => (status === 'added' ? 'new' : status === 'removed' ? 'old' : undefined);

/** A `marker text` line, coloured by status. */
function statusLine(indent: number, status: ChangeStatus, text: string, paint: Paint): string {
  const tone = toneOf(status);
  const line = `${marker[status]} ${text}`;
  return ' '.repeat(indent) + (tone ? paint(line, tone) : line);
}

function fileLines(f: FileChange, resources: readonly ResourceChange[], paint: Paint): string[] {
  const note = f.note ? `  (${f.note})` : '';
  const head =
    f.status !== 'changed'
      ? statusLine(0, f.status, f.path + note, paint)
      : f.compared === 'text'
        ? `${f.path}  changed, +${f.lines!.added} -${f.lines!.removed} lines${note}`
        : f.compared === 'alloy'
          ? `${f.path} (Alloy)`
          : f.path;
  const inside = resources.filter((r) => r.file === f.path).flatMap((r) => resourceLines(r, paint));
  const movedOut = resources.filter((r) => r.movedFrom === f.path).map((r) => `  > ${resourceLabel(r)}  moved to ${r.file}`);
  const alloy = f.alloy ? f.alloy.components.flatMap((c) => componentLines(c, 2, paint)) : [];
  return [head, ...inside, ...movedOut, ...alloy];
}

function resourceLines(r: ResourceChange, paint: Paint): string[] {
  const moved = r.movedFrom ? `  moved from ${r.movedFrom}` : '';
  return [
    statusLine(2, r.status, resourceLabel(r) + moved, paint),
    ...r.values.flatMap((v) => valueLines(v, 6, paint)),
    ...r.alloy.flatMap((a) => alloyLines(a, 6, paint)),
  ];
}

function valueLines(v: ValueChange, indent: number, paint: Paint): string[] {
  const pad = ' '.repeat(indent);
  if (isTextChange(v)) {
    const { lines, added, removed } = diffLines(v.old, v.new);
    const shown = lines.slice(0, maxShownLines).map((l) => pad + '  ' + paint(truncate(l, maxValueLength), l.startsWith('-') ? 'old' : 'new'));
    const more = lines.length > maxShownLines ? [`${pad}  ... ${lines.length - maxShownLines} more lines`] : [];
    return [`${pad}${v.path}: text, +${added} -${removed} lines`, ...shown, ...more];
  }
  return [`${pad}${v.path}: ${arrow(formatSide(v.old), formatSide(v.new), paint)}`];
}

/** `old -> new`, each cut to length and coloured, `(absent)` for a missing side. */
function arrow(old: string | undefined, now: string | undefined, paint: Paint): string {
  const show = (s: string | undefined, tone: 'old' | 'new') => (s === undefined ? absent : paint(truncate(s, maxValueLength), tone));
  return `${show(old, 'old')} -> ${show(now, 'new')}`;
}

function alloyLines(a: AlloyChange, indent: number, paint: Paint): string[] {
  return [`${' '.repeat(indent)}${a.path} (Alloy)`, ...a.components.flatMap((c) => componentLines(c, indent + 2, paint))];
}

/** A component, and for a changed one its argument changes, for an added one its arguments. */
function componentLines(c: ComponentChange, indent: number, paint: Paint): string[] {
  const pad = ' '.repeat(indent + 4);
  const args =
    c.status === 'changed'
      ? c.arguments.map((a) => `${pad}${a.path}: ${arrow(a.old, a.new, paint)}`)
      : c.status === 'added'
        ? c.arguments.map((a) => `${pad}${a.path} = ${truncate(a.new!, maxValueLength)}`)
        : [];
  return [statusLine(indent, c.status, c.component, paint), ...args];
}
