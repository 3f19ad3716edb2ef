import { parse } from 'yaml';
import type { JsonValue, ResourceChange, TreeDiff, ValueChange } from './model';
import { hasChanges } from './tree';

/** Labels of the two revisions, shown by the renderers when given (`origin/main`, `working tree`). */
export interface RevisionLabels {
  readonly baseLabel?: string;
  readonly headLabel?: string;
}

/** What a missing value prints as. */
export const absent = '(absent)';

// Characters of a string that can be shown without quotes: no spaces, quotes, brackets or `#`.
const bareString = /^[A-Za-z0-9_./:%+~=@-]+$/;

/**
 * A value on one line: strings bare when YAML would read them back as the same string (`72h`,
 * `1.26.7`), else JSON-quoted (`"10"`, `"yes"`, `"a b"`); other values as compact JSON.
 */
export function formatValue(v: JsonValue): string {
  if (typeof v === 'string' && bareString.test(v) && readsAsString(v)) return v;
  return JSON.stringify(v);
}

/** {@link formatValue} of one side of a change; undefined for the absent side. */
export const formatSide = (v: JsonValue | undefined): string | undefined => (v === undefined ? undefined : formatValue(v));

function readsAsString(s: string): boolean {
  try {
    return parse(s, { version: '1.1', logLevel: 'silent' }) === s;
  } catch {
    return false;
  }
}

/** `s` cut to `max` characters, the cut marked with `...`. */
export function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 3) + '...';
}

/** A string change spanning lines, shown as changed lines rather than as two quoted strings. */
export function isTextChange(v: ValueChange): v is ValueChange & { old: string; new: string } {
  return typeof v.old === 'string' && typeof v.new === 'string' && (v.old.includes('\n') || v.new.includes('\n'));
}

/** `HelmRelease monitoring/tempo`; `Namespace monitoring` without a namespace; `Kustomization (document 1)` without a name. */
export function resourceLabel(r: ResourceChange): string {
  const id = r.name === undefined ? `(document ${r.index + 1})` : `${r.namespace ? r.namespace + '/' : ''}${r.name}`;
  return r.kind ? `${r.kind} ${id}` : id;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `2 changes in 2 resources; 0 resources added, 0 removed; 0 files added, 0 removed, 2 changed`, or `no changes`. */
export function summaryLine(diff: TreeDiff, labels: RevisionLabels): string {
  const { changes, resources, files } = diff.summary;
  // Not `->`: value lines are the only ones with an arrow, so a reviewer can grep for them.
  const prefix = labels.baseLabel || labels.headLabel ? `${labels.baseLabel ?? 'base'} vs ${labels.headLabel ?? 'head'}: ` : '';
  if (!hasChanges(diff)) return `${prefix}no changes`;
  return (
    `${prefix}${plural(changes, 'change')} in ${plural(resources.changed, 'resource')}; ` +
    `${plural(resources.added, 'resource')} added, ${resources.removed} removed; ` +
    `${plural(files.added, 'file')} added, ${files.removed} removed, ${files.changed} changed`
  );
}
