/**
 * The pure core of `bramble diff`: compares the rendered files of two revisions and renders the
 * result as text, markdown or json. No I/O: the CLI reads the revisions and prints (docs/diff.md).
 */
export type {
  AlloyChange,
  ArgumentChange,
  ChangeStatus,
  ComponentChange,
  DiffSummary,
  FileChange,
  JsonValue,
  ResourceChange,
  TreeDiff,
  TreeFile,
  ValueChange,
} from './model';
export type { RevisionLabels } from './format';
export { diffTrees, flowChanged, hasChanges } from './tree';
export { renderDiffText, type TextOptions } from './text';
export { renderDiffMarkdown, type MarkdownOptions } from './markdown';
export { diffJsonVersion, renderDiffJson } from './json';
