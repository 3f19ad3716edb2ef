import { absent, formatSide, isTextChange, resourceLabel, summaryLine, truncate, type RevisionLabels } from './format';
import type { AlloyChange, ComponentChange, FileChange, ResourceChange, TreeDiff, ValueChange } from './model';
import { diffLines, splitLines } from './sequence';
import { alloyChangeCount, changeCount } from './tree';

/** Options of {@link renderDiffMarkdown}. */
export interface MarkdownOptions extends RevisionLabels {
  /** Mermaid source of the flow graph, shown in a `mermaid` block (pass it when the flow changed). */
  readonly graph?: string;
}

// Values are cut in tables too: a pull-request comment has a size limit and the json has them whole.
const maxValueLength = 120;
// Changed lines of a multi-line string shown in its diff block.
const maxDiffLines = 40;

/**
 * The diff as GitHub-flavoured markdown for a pull-request comment: a heading, the summary line, a
 * table of files and resources with their change counts, then the changes of each resource
 * (path | old | new), each changed Alloy config by component, and the flow graph when given.
 */
export function renderDiffMarkdown(diff: TreeDiff, options: MarkdownOptions = {}): string {
  const labels = options.baseLabel || options.headLabel ? ` ${code(options.baseLabel ?? 'base')} → ${code(options.headLabel ?? 'head')}` : '';
  const sections = [`## bramble diff${labels}`, summaryLine(diff, {})];
  if (diff.files.length > 0) sections.push(table(['file', 'resource', 'change'], diff.files.flatMap((f) => summaryRows(f, diff.resources))));
  sections.push(...diff.resources.flatMap(resourceSection), ...diff.files.flatMap(alloyFileSection));
  if (options.graph !== undefined) sections.push(`### Flow\n\n${fence(options.graph, 'mermaid')}`);
  return sections.join('\n\n') + '\n';
}

function summaryRows(f: FileChange, resources: readonly ResourceChange[]): string[][] {
  const file = code(f.path) + (f.status === 'changed' ? '' : ` (${f.status})`);
  const rows = [
    ...resources.filter((r) => r.file === f.path).map((r) => [file, code(resourceLabel(r)), resourceStatus(r)]),
    ...resources.filter((r) => r.movedFrom === f.path).map((r) => [file, code(resourceLabel(r)), `moved to ${code(r.file)}`]),
  ];
  if (rows.length > 0) return rows;
  const change = f.status !== 'changed' ? f.status : f.lines ? `+${f.lines.added} -${f.lines.removed} lines` : changes(alloyChangeCount(f.alloy!));
  return [[file, '', change + (f.note ? ` (${f.note})` : '')]];
}

const changes = (n: number): string => `${n} change${n === 1 ? '' : 's'}`;

function resourceStatus(r: ResourceChange): string {
  if (r.status !== 'changed') return r.status;
  return changes(changeCount(r)) + (r.movedFrom ? `, moved from ${code(r.movedFrom)}` : '');
}

/** The value and Alloy changes of a changed resource; none for an added, removed or only moved one. */
function resourceSection(r: ResourceChange): string[] {
  if (r.values.length === 0 && r.alloy.length === 0) return [];
  const parts = [`### ${code(resourceLabel(r))} in ${code(r.file)}`];
  if (r.values.length > 0) parts.push(table(['path', 'old', 'new'], r.values.map(valueRow)));
  parts.push(...r.values.filter(isTextChange).map((v) => `${code(v.path)}:\n\n${fence(shownLines(v.old, v.new), 'diff')}`));
  parts.push(...r.alloy.map((a) => `Alloy config ${code(a.path)}:\n\n${componentTable(a)}`));
  return [parts.join('\n\n')];
}

function valueRow(v: ValueChange): string[] {
  if (isTextChange(v)) return [code(v.path), lineCount(v.old), lineCount(v.new)];
  return [code(v.path), valueCell(formatSide(v.old)), valueCell(formatSide(v.new))];
}

/** The changed lines of a multi-line string, at most {@link maxDiffLines} of them. */
function shownLines(oldText: string, newText: string): string {
  const { lines } = diffLines(oldText, newText);
  const more = lines.length > maxDiffLines ? [`... ${lines.length - maxDiffLines} more lines`] : [];
  return [...lines.slice(0, maxDiffLines), ...more].join('\n');
}

const lineCount = (s: string): string => `${splitLines(s).length} lines`;

const valueCell = (s: string | undefined): string => (s === undefined ? absent : code(truncate(s, maxValueLength)));

function alloyFileSection(f: FileChange): string[] {
  return f.alloy ? [`### ${code(f.path)}\n\n${componentTable(f.alloy)}`] : [];
}

function componentTable(a: AlloyChange): string {
  return table(['component', 'argument', 'old', 'new'], a.components.flatMap(componentRows));
}

/** A row per changed argument; an added component with its arguments; a removed one alone. */
function componentRows(c: ComponentChange): string[][] {
  const name = code(c.component) + (c.status === 'changed' ? '' : ` (${c.status})`);
  if (c.status === 'removed' || c.arguments.length === 0) return [[name, '', '', '']];
  return c.arguments.map((a) => [
    name,
    code(a.path),
    c.status === 'added' ? '' : valueCell(a.old),
    valueCell(a.new),
  ]);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapePipes).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A table cell's `|` must be written `\|`, inside code spans too: GFM splits the row before inline parsing, then drops the backslash. */
function escapePipes(cell: string): string {
  return cell.replace(/\|/g, '\\|');
}

/**
 * `s` as an inline code span: fenced with one more backtick than its longest backtick run, padded
 * with a space when it starts or ends with a backtick or with spaces (CommonMark strips one of
 * each). Line breaks are shown as `\n`.
 */
export function code(s: string): string {
  const text = s.replace(/\r?\n/g, '\\n');
  // In a table GFM reads `\|` as an escaped pipe even inside a code span (and backslash pairs as
  // escapes when splitting), so a `\|` of the text cannot be spelled there; HTML with every
  // punctuation character as an entity can.
  if (text.includes('\\|')) return `<code>${text.replace(/[^A-Za-z0-9 ]/gu, (c) => `&#${c.codePointAt(0)};`)}</code>`;
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = /^`|`$/.test(text) || (/^ [^]* $/.test(text) && text.trim() !== '') ? ' ' : '';
  return ticks + pad + text + pad + ticks;
}

/** A fenced code block whose fence is longer than any backtick run in `body`. */
function fence(body: string, language: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${body.replace(/\n$/, '')}\n${ticks}`;
}
