import type { RevisionLabels } from './format';
import type { AlloyChange, FileChange, ResourceChange, TreeDiff, ValueChange } from './model';

/** The version of the json shape; it changes only when a field changes meaning or goes away. */
export const diffJsonVersion = 1;

/**
 * The diff as JSON (docs/diff.md): `{version, base, head, summary, files, resources}`. Every field
 * is always present, `null` where it does not apply (`old` of an added value: the `status` says
 * which); values are kept whole. Two-space indented, ending with a newline.
 */
export function renderDiffJson(diff: TreeDiff, options: RevisionLabels = {}): string {
  const json = {
    version: diffJsonVersion,
    base: options.baseLabel ?? null,
    head: options.headLabel ?? null,
    summary: diff.summary,
    files: diff.files.map(fileJson),
    resources: diff.resources.map(resourceJson),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

function fileJson(f: FileChange) {
  return {
    path: f.path,
    status: f.status,
    compared: f.compared,
    lines: f.lines ?? null,
    alloy: f.alloy ? alloyJson(f.alloy) : null,
    note: f.note ?? null,
  };
}

function resourceJson(r: ResourceChange) {
  return {
    status: r.status,
    file: r.file,
    index: r.index,
    apiVersion: r.apiVersion ?? null,
    kind: r.kind ?? null,
    namespace: r.namespace ?? null,
    name: r.name ?? null,
    movedFrom: r.movedFrom ?? null,
    values: r.values.map(valueJson),
    alloy: r.alloy.map(alloyJson),
  };
}

const valueJson = (v: ValueChange) => ({ path: v.path, status: v.status, old: v.old ?? null, new: v.new ?? null });

function alloyJson(a: AlloyChange) {
  return {
    path: a.path,
    components: a.components.map((c) => ({
      component: c.component,
      status: c.status,
      arguments: c.arguments.map((x) => ({ path: x.path, status: x.status, old: x.old ?? null, new: x.new ?? null, wiring: x.wiring })),
    })),
  };
}
