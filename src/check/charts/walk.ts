import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { childOf, type ChartModel, type KeyNode, type MapNode } from './model';
import { admitsFrom, type VersionBounds } from './versions';

/** A key in a values document that the chart (or the program behind a verbatim map) does not read. */
export interface UnknownKey {
  /** The key's path as written, dotted, list items as `[i]` (`alloy.extraPorts[0].nam`). */
  readonly path: string;
  /** Offset of the key in its document's text. */
  readonly offset: number;
  readonly hint?: string;
  /**
   * Set when the key lies below a map the chart copies verbatim into the program's config:
   * the values path of that map and the key's path in the program's config.
   */
  readonly setting?: { readonly map: string; readonly path: string };
  /** Set when the chart reads the key, but only from this version on, which the release cannot reach. */
  readonly since?: string;
}

interface Location {
  readonly path: string;
  /** The path in the model: aliases resolved, list items as `[]`. */
  readonly modelPath: string;
  readonly setting?: { readonly map: string; readonly path: string };
  readonly root: boolean;
}

interface Walk {
  readonly model: ChartModel;
  readonly doc: Document;
  readonly bounds: VersionBounds | undefined;
  readonly out: UnknownKey[];
}

/** A key as a path segment: quoted when empty or when it holds a dot, space, quote or bracket. */
const segment = (key: string) => (key === '' || /[.\s"[\]]/.test(key) ? JSON.stringify(key) : key);
const join = (path: string, key: string) => (path ? `${path}.${segment(key)}` : segment(key));
const MAX_MERGE_DEPTH = 32;

function resolve(doc: Document, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < MAX_MERGE_DEPTH && isAlias(n); i++) n = n.resolve(doc);
  return n;
}

/** A `<<` merge key (the parser gives it a symbol value; a quoted "<<" is an ordinary key). */
const isMergeKey = (pair: Pair) =>
  isScalar(pair.key) && (typeof pair.key.value === 'symbol' || (pair.key.value === undefined && pair.key.source === '<<'));

/** The pairs of a YAML map, with the pairs of `<<` merge sources spliced in. */
function pairsOf(doc: Document, node: unknown, depth = 0): Pair[] {
  const m = resolve(doc, node);
  if (!isMap(m) || depth > MAX_MERGE_DEPTH) return [];
  const out: Pair[] = [];
  for (const pair of m.items) {
    if (!isMergeKey(pair)) {
      out.push(pair);
      continue;
    }
    const from = resolve(doc, pair.value);
    for (const source of isSeq(from) ? from.items : [from]) out.push(...pairsOf(doc, source, depth + 1));
  }
  return out;
}

/** A key as Helm sees it (YAML 1.1 values as strings: `No` is `false`), or undefined for a non-scalar key. */
function keyText(doc: Document, pair: Pair): string | undefined {
  const key = resolve(doc, pair.key);
  if (!isScalar(key)) return undefined;
  return key.value === null ? 'null' : String(key.value);
}

const keyOffset = (pair: Pair): number => (pair.key as Node | null)?.range?.[0] ?? 0;

/** Optimal string alignment distance (edits plus adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate closest to `key` ignoring case, `_` and `-`, if close enough to be a likely typo. */
export function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const k = norm(key);
  const limit = k.length <= 4 ? 1 : k.length <= 12 ? 2 : 3;
  let best: { key: string; distance: number } | undefined;
  for (const c of candidates) {
    if (c === key) continue;
    const distance = editDistance(k, norm(c));
    if (distance <= limit && (!best || distance < best.distance)) best = { key: c, distance };
  }
  return best?.key;
}

function descend(w: Walk, node: KeyNode, value: unknown, at: Location): void {
  const v = resolve(w.doc, value);
  if (node.kind === 'map') {
    if (!isMap(v)) return;
    const setting = at.setting ?? (node.copiedInto !== undefined ? { map: at.path, path: node.copiedInto } : undefined);
    walkMap(w, v, node, { ...at, ...(setting ? { setting } : {}), root: false });
  } else if (node.kind === 'list') {
    if (!isSeq(v)) return;
    v.items.forEach((item, i) => {
      const setting = at.setting ? { map: at.setting.map, path: `${at.setting.path}[${i}]` } : undefined;
      descend(w, node.item, item, { path: `${at.path}[${i}]`, modelPath: `${at.modelPath}[]`, ...(setting ? { setting } : {}), root: false });
    });
  }
}

function walkMap(w: Walk, yamlMap: unknown, node: MapNode, at: Location): void {
  for (const pair of pairsOf(w.doc, yamlMap)) {
    const key = keyText(w.doc, pair);
    if (key === undefined) continue;
    let modelKey = key;
    let target = childOf(node, key);
    const alias = at.root && Object.prototype.hasOwnProperty.call(w.model.aliases, key) ? w.model.aliases[key] : undefined;
    if (!target && alias !== undefined) {
      modelKey = alias;
      target = childOf(node, alias);
    }
    const setting = at.setting ? { map: at.setting.map, path: join(at.setting.path, key) } : undefined;
    const loc: Location = { path: join(at.path, key), modelPath: join(at.modelPath, modelKey), ...(setting ? { setting } : {}), root: false };
    if (target) {
      if (target.since !== undefined && !admitsFrom(w.bounds, target.since)) {
        w.out.push({ path: loc.path, offset: keyOffset(pair), since: target.since });
        continue;
      }
      descend(w, target, pair.value, loc);
    } else if (node.closed) {
      unknown(w, pair, key, node, at, loc);
    }
  }
}

/** Reports an unknown key, relocating a top-level key that belongs one level down. */
function unknown(w: Walk, pair: Pair, key: string, parent: MapNode, at: Location, loc: Location): void {
  const { model } = w;
  const known = model.hints[loc.modelPath];
  const setting = loc.setting ? { setting: loc.setting } : {};
  if (known !== undefined) {
    w.out.push({ path: loc.path, offset: keyOffset(pair), hint: known, ...setting });
    return;
  }
  if (at.root) {
    for (const under of model.nestedUnder) {
      const host = childOf(model.root, under);
      const movedPath = `${under}.${key}`;
      const movedHint = model.hints[movedPath];
      if (movedHint !== undefined) {
        w.out.push({ path: loc.path, offset: keyOffset(pair), hint: movedHint });
        return;
      }
      const moved = host?.kind === 'map' ? childOf(host, key) : undefined;
      if (!moved) continue;
      const children = moved.kind === 'map' ? pairsOf(w.doc, pair.value) : [];
      if (moved.kind !== 'map' || children.length === 0) {
        w.out.push({ path: loc.path, offset: keyOffset(pair), hint: `the chart reads ${movedPath}` });
        return;
      }
      for (const child of children) {
        const ck = keyText(w.doc, child);
        if (ck === undefined) continue;
        const target = `${movedPath}.${ck}`;
        let hint = model.hints[target] ?? model.hints[`${loc.modelPath}.${ck}`];
        if (hint === undefined) {
          if (childOf(moved, ck)) hint = `the chart reads ${movedPath} (move this to ${target})`;
          else {
            const near = closestKey(ck, Object.keys(moved.keys));
            hint = `the chart reads ${movedPath}, which has no key ${ck}` + (near ? ` (did you mean ${movedPath}.${near}?)` : '');
          }
        }
        w.out.push({ path: join(loc.path, ck), offset: keyOffset(child), hint });
      }
      return;
    }
  }
  const siblings = [...Object.keys(parent.keys), ...(at.root ? Object.keys(model.aliases) : [])];
  const near = closestKey(key, siblings);
  w.out.push({ path: loc.path, offset: keyOffset(pair), ...(near ? { hint: `did you mean ${join(at.path, near)}?` } : {}), ...setting });
}

/**
 * Every key of the values map `values` (a node of `doc`) that `model`'s chart does not read, in
 * document order (merge keys expanded). `bounds` is the release's chart version constraint, for keys
 * read only by later versions; undefined means any version.
 */
export function findUnknownKeys(model: ChartModel, doc: Document, values: unknown, bounds?: VersionBounds): UnknownKey[] {
  const w: Walk = { model, doc, bounds, out: [] };
  if (isMap(resolve(doc, values))) walkMap(w, values, model.root, { path: '', modelPath: '', root: true });
  return w.out;
}
