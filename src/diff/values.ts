import { isDeepStrictEqual } from 'node:util';
import { diffAlloyConfigs } from './alloy';
import type { AlloyChange, JsonValue, ValueChange } from './model';
import { formatPath, type Segment } from './path';
import { diffSequence, hunks } from './sequence';
import { parseYamlDocuments } from './yaml';

/** The changes found inside one resource. */
export interface ValueDiff {
  readonly values: ValueChange[];
  readonly alloy: AlloyChange[];
}

type JsonMap = { readonly [key: string]: JsonValue };

/** Compares two documents of the resource kind `kind` leaf by leaf. */
export function diffDocuments(kind: string | undefined, before: JsonValue, after: JsonValue): ValueDiff {
  const out: ValueDiff = { values: [], alloy: [] };
  diffValue(before, after, [], kind, out);
  return out;
}

/** `kind` is the resource's kind while the walk is in the resource itself, undefined inside embedded YAML. */
function diffValue(a: JsonValue | undefined, b: JsonValue | undefined, path: Segment[], kind: string | undefined, out: ValueDiff): void {
  if (isDeepStrictEqual(a, b)) return;
  if (isMap(a) && isMap(b)) diffMaps(a, b, path, kind, out);
  else if (Array.isArray(a) && Array.isArray(b)) diffLists(a, b, path, kind, out);
  else if (typeof a === 'string' && typeof b === 'string') diffStrings(a, b, path, kind, out);
  else push(out, path, a, b);
}

const isMap = (v: JsonValue | undefined): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v);

function push(out: ValueDiff, path: Segment[], a: JsonValue | undefined, b: JsonValue | undefined): void {
  const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
  out.values.push({ path: formatPath(path), status, ...(a === undefined ? {} : { old: a }), ...(b === undefined ? {} : { new: b }) });
}

function diffMaps(a: JsonMap, b: JsonMap, path: Segment[], kind: string | undefined, out: ValueDiff): void {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodeUnits);
  for (const key of keys) diffValue(a[key], b[key], [...path, key], kind, out);
}

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Lists of objects that all have a distinct string `name` (containers, ports, env) are paired by
 * name, since that is how Kubernetes merges them; lists of scalars by a shortest edit script, so an
 * inserted element reads as one insertion and not as a change of every later index; others by index.
 */
function diffLists(a: readonly JsonValue[], b: readonly JsonValue[], path: Segment[], kind: string | undefined, out: ValueDiff): void {
  const named = [namedElements(a), namedElements(b)] as const;
  if (named[0] && named[1]) diffNamedLists(named[0], named[1], path, kind, out);
  else if (a.every(isScalar) && b.every(isScalar)) diffScalarLists(a, b, path, out);
  else for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(a[i], b[i], [...path, i], kind, out);
}

const isScalar = (v: JsonValue): boolean => v === null || typeof v !== 'object';

/** The elements by name, or undefined unless every element is a map with a distinct string name. */
function namedElements(list: readonly JsonValue[]): Map<string, JsonValue> | undefined {
  const byName = new Map<string, JsonValue>();
  for (const v of list) {
    const name = isMap(v) ? v['name'] : undefined;
    if (typeof name !== 'string' || byName.has(name)) return undefined;
    byName.set(name, v);
  }
  return byName;
}

function diffNamedLists(a: Map<string, JsonValue>, b: Map<string, JsonValue>, path: Segment[], kind: string | undefined, out: ValueDiff): void {
  for (const [name, v] of b) diffValue(a.get(name), v, [...path, { name }], kind, out);
  for (const [name, v] of a) if (!b.has(name)) diffValue(v, undefined, [...path, { name }], kind, out);
}

function diffScalarLists(a: readonly JsonValue[], b: readonly JsonValue[], path: Segment[], out: ValueDiff): void {
  // Compare by a string key so that `===` sees equal scalars of any type as equal.
  const key = (v: JsonValue): string => JSON.stringify(v);
  for (const { deleted, inserted } of hunks(diffSequence(a.map(key), b.map(key)))) {
    // A deletion and an insertion at the same place read as one change of that element.
    const paired = Math.min(deleted.length, inserted.length);
    for (let k = 0; k < paired; k++) push(out, [...path, inserted[k]!], a[deleted[k]!], b[inserted[k]!]);
    for (const i of deleted.slice(paired)) push(out, [...path, i], a[i], undefined);
    for (const j of inserted.slice(paired)) push(out, [...path, j], undefined, b[j]);
  }
}

// The Alloy chart's config: https://github.com/grafana/alloy/blob/main/operations/helm/charts/alloy/values.yaml
const alloyChartConfig = ['spec', 'values', 'alloy', 'configMap', 'content'];

/** Where a string holds another language, by the resource kind and the path to it. */
function embeddedLanguage(kind: string | undefined, path: readonly Segment[]): 'alloy' | 'yaml' | undefined {
  if (kind === 'HelmRelease' && path.length === alloyChartConfig.length && alloyChartConfig.every((s, i) => path[i] === s)) return 'alloy';
  const key = path[1];
  if (kind !== 'ConfigMap' || path.length !== 2 || path[0] !== 'data' || typeof key !== 'string') return undefined;
  if (key.endsWith('.alloy')) return 'alloy';
  return key.endsWith('.yaml') || key.endsWith('.yml') ? 'yaml' : undefined;
}

/**
 * A string that holds an Alloy config is compared by component, one that holds YAML (a ConfigMap's
 * `*.yaml` key) value by value; any other string, or one of those that does not parse on one side,
 * is a plain value change.
 */
function diffStrings(a: string, b: string, path: Segment[], kind: string | undefined, out: ValueDiff): void {
  const language = embeddedLanguage(kind, path);
  if (language !== 'yaml') {
    // Any changed string may be an Alloy config (a values file of another chart, a ConfigMap key
    // named otherwise); without a known path it must parse with at least one block on both sides.
    const components = diffAlloyConfigs(a, b, language === 'alloy');
    if (components) {
      if (components.length > 0) out.alloy.push({ path: formatPath(path), components });
      return;
    }
  } else {
    const [before, after] = [parseYamlDocuments(a), parseYamlDocuments(b)];
    if (before?.length === 1 && after?.length === 1) return diffValue(before[0], after[0], path, undefined, out);
  }
  push(out, path, a, b);
}
