import { parse as parseAlloy } from '../alloy/syntax';
import { manifestName } from '../synth/tree';
import { diffAlloyConfigs } from './alloy';
import type { AlloyChange, ChangeStatus, FileChange, JsonValue, ResourceChange, TreeDiff, TreeFile } from './model';
import { diffLines } from './sequence';
import { diffDocuments } from './values';
import { parseYamlDocuments } from './yaml';

/** How one revision of a file reads: YAML documents, an Alloy config, or text (possibly a YAML or Alloy file that does not parse). */
type Reading =
  | { readonly as: 'yaml'; readonly docs: readonly JsonValue[] }
  | { readonly as: 'alloy' }
  | { readonly as: 'text'; readonly invalid?: 'YAML' | 'Alloy' };

/** A document of a YAML file, with the identity it is paired by. */
interface Doc {
  readonly file: string;
  readonly index: number;
  readonly value: JsonValue;
  /** Pairing key: API group, kind, namespace and name; file and index for a document without them. */
  readonly key: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** Both revisions of one path (either may be missing) and how they are compared. */
interface FilePair {
  readonly path: string;
  readonly base?: string;
  readonly head?: string;
  readonly compared: FileChange['compared'];
  readonly note?: string;
  /** The documents of each side, when compared as YAML. */
  readonly docs: { readonly base: readonly Doc[]; readonly head: readonly Doc[] };
}

/**
 * What changed from `base` to `head` for a reviewer: files added and removed; resources paired
 * across the tree by API group, kind, namespace and name (not version: `v2beta1` to `v2` is a
 * change of `apiVersion` on the same resource, and a resource in another file has moved), with
 * their leaf value changes and their Alloy configs compared by component. Comment and layout
 * changes of YAML and Alloy are not changes. bramble's `.bramble-manifest.json` is ignored.
 * Deterministic; never throws on bad input.
 */
export function diffTrees(base: readonly TreeFile[], head: readonly TreeFile[]): TreeDiff {
  const pairs = pairFiles(contents(base), contents(head));
  const resources = pairResources(pairs.flatMap((p) => p.docs.base), pairs.flatMap((p) => p.docs.head));
  const touched = new Set(resources.flatMap((r) => (r.movedFrom ? [r.file, r.movedFrom] : [r.file])));
  const files = pairs.flatMap((p) => fileChange(p, touched) ?? []);
  return { files, resources, summary: summarize(files, resources) };
}

/** The files by path, without bramble's bookkeeping. */
function contents(files: readonly TreeFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) if (f.path.split('/').pop() !== manifestName) out.set(f.path, f.content);
  return out;
}

const yamlFile = /\.(ya?ml|json)$/i;

function read(path: string, content: string): Reading {
  if (yamlFile.test(path)) {
    const docs = parseYamlDocuments(content);
    return docs ? { as: 'yaml', docs } : { as: 'text', invalid: 'YAML' };
  }
  if (path.endsWith('.alloy')) return parseAlloy(content).file ? { as: 'alloy' } : { as: 'text', invalid: 'Alloy' };
  return { as: 'text' };
}

function pairFiles(base: Map<string, string>, head: Map<string, string>): FilePair[] {
  const paths = [...new Set([...base.keys(), ...head.keys()])].sort(byCodeUnits);
  return paths.map((path) => {
    const [a, b] = [base.get(path), head.get(path)];
    const [ra, rb] = [a === undefined ? undefined : read(path, a), b === undefined ? undefined : read(path, b)];
    // A file compared as text on one side is compared as text on both: its documents take no part
    // in pairing, so a YAML file that stopped parsing does not read as all its resources removed.
    const compared = ra && rb && ra.as !== rb.as ? 'text' : (rb ?? ra)!.as;
    const docsOf = (r: Reading | undefined): Doc[] => (compared === 'yaml' && r?.as === 'yaml' ? identify(path, r.docs) : []);
    const note = invalidNote(ra, rb);
    return { path, base: a, head: b, compared, ...(note ? { note } : {}), docs: { base: docsOf(ra), head: docsOf(rb) } };
  });
}

function invalidNote(base: Reading | undefined, head: Reading | undefined): string | undefined {
  const invalid = (r: Reading | undefined): string | undefined => (r?.as === 'text' ? r.invalid : undefined);
  const language = invalid(base) ?? invalid(head);
  if (!language) return undefined;
  if (!base || !head) return `does not parse as ${language}`;
  const sides = [invalid(base) && 'base', invalid(head) && 'head'].filter(Boolean);
  return `${sides.join(' and ')} ${sides.length > 1 ? 'do' : 'does'} not parse as ${language}`;
}

/** The non-empty documents of a file with their identities. */
function identify(file: string, docs: readonly JsonValue[]): Doc[] {
  return docs.flatMap((value, index) => (value === null ? [] : [identity(file, index, value)]));
}

function identity(file: string, index: number, value: JsonValue): Doc {
  const field = (obj: JsonValue | undefined, key: string): JsonValue | undefined =>
    typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? (obj as { [k: string]: JsonValue })[key] : undefined;
  const text = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const [apiVersion, kind] = [text(field(value, 'apiVersion')), text(field(value, 'kind'))];
  const metadata = field(value, 'metadata');
  const [namespace, name] = [text(field(metadata, 'namespace')), text(field(metadata, 'name'))];
  // The group without the version, so an API version bump keeps the identity.
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  const key = apiVersion && kind && name ? ['resource', group, kind, namespace ?? '', name].join('\0') : ['document', file, index].join('\0');
  return {
    file,
    index,
    value,
    key,
    ...(apiVersion ? { apiVersion } : {}),
    ...(kind ? { kind } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

/**
 * Pairs documents by key. The same key can occur more than once in a tree (one resource in two
 * cluster folders): occurrences in the same file pair first, the rest in tree order.
 */
function pairResources(base: readonly Doc[], head: readonly Doc[]): ResourceChange[] {
  const byKey = new Map<string, { base: Doc[]; head: Doc[] }>();
  const group = (key: string) => byKey.get(key) ?? byKey.set(key, { base: [], head: [] }).get(key)!;
  for (const d of base) group(d.key).base.push(d);
  for (const d of head) group(d.key).head.push(d);
  const changes: ResourceChange[] = [];
  for (const { base: left, head: right } of byKey.values()) {
    const unpaired: Doc[] = [];
    for (const h of right) {
      const i = left.findIndex((b) => b.file === h.file);
      if (i === -1) unpaired.push(h);
      else changes.push(...resourceChange(left.splice(i, 1)[0], h));
    }
    for (let i = 0; i < Math.max(left.length, unpaired.length); i++) changes.push(...resourceChange(left[i], unpaired[i]));
  }
  return changes.sort(byPlace);
}

/** The change between two paired documents (either may be missing); none when they are equal. */
function resourceChange(base: Doc | undefined, head: Doc | undefined): ResourceChange[] {
  const doc = (head ?? base)!;
  const place = { file: doc.file, index: doc.index };
  const ids = {
    ...(doc.apiVersion ? { apiVersion: doc.apiVersion } : {}),
    ...(doc.kind ? { kind: doc.kind } : {}),
    ...(doc.namespace ? { namespace: doc.namespace } : {}),
    ...(doc.name ? { name: doc.name } : {}),
  };
  if (!base || !head) return [{ status: base ? 'removed' : 'added', ...place, ...ids, values: [], alloy: [] }];
  const { values, alloy } = diffDocuments(head.kind, base.value, head.value);
  const moved = base.file !== head.file;
  if (!moved && values.length === 0 && alloy.length === 0) return [];
  return [{ status: 'changed', ...place, ...ids, ...(moved ? { movedFrom: base.file } : {}), values, alloy }];
}

const statusOrder: Record<ChangeStatus, number> = { removed: 0, changed: 1, added: 2 };

function byPlace(a: ResourceChange, b: ResourceChange): number {
  return byCodeUnits(a.file, b.file) || a.index - b.index || statusOrder[a.status] - statusOrder[b.status];
}

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** The change of one file; undefined when its meaning did not change. */
function fileChange(p: FilePair, touched: ReadonlySet<string>): FileChange | undefined {
  const note = p.note ? { note: p.note } : {};
  if (p.base === undefined || p.head === undefined) {
    return { path: p.path, status: p.base === undefined ? 'added' : 'removed', compared: p.compared, ...note };
  }
  if (p.base === p.head) return undefined;
  if (p.compared === 'yaml') return touched.has(p.path) ? { path: p.path, status: 'changed', compared: 'yaml' } : undefined;
  if (p.compared === 'alloy') {
    const components = diffAlloyConfigs(p.base, p.head, true) ?? [];
    return components.length > 0 ? { path: p.path, status: 'changed', compared: 'alloy', alloy: { path: '', components } } : undefined;
  }
  const { added, removed } = diffLines(p.base, p.head);
  return { path: p.path, status: 'changed', compared: 'text', lines: { added, removed }, ...note };
}

/** How many changes a changed resource holds (see {@link DiffSummary.changes}). */
export function changeCount(r: ResourceChange): number {
  if (r.status !== 'changed') return 0;
  return r.values.length + r.alloy.reduce((n, a) => n + alloyChangeCount(a), 0) + (r.movedFrom ? 1 : 0);
}

/** Changes in an Alloy config: one per changed argument and per added or removed component. */
export function alloyChangeCount(a: AlloyChange): number {
  return a.components.reduce((n, c) => n + (c.status === 'changed' ? c.arguments.length : 1), 0);
}

function summarize(files: readonly FileChange[], resources: readonly ResourceChange[]): TreeDiff['summary'] {
  const count = (list: readonly { status: ChangeStatus }[], status: ChangeStatus) => list.filter((x) => x.status === status).length;
  const counts = (list: readonly { status: ChangeStatus }[]) => ({
    added: count(list, 'added'),
    removed: count(list, 'removed'),
    changed: count(list, 'changed'),
  });
  return { changes: resources.reduce((n, r) => n + changeCount(r), 0), resources: counts(resources), files: counts(files) };
}

/** Whether anything changed at all (for `--exit-code`). */
export function hasChanges(diff: TreeDiff): boolean {
  return diff.files.length > 0 || diff.resources.length > 0;
}

// Arguments that say where data is received or sent: a change moves an edge of the flow graph.
const addressArguments = new Set(['endpoint', 'url']);

/**
 * Whether the data flow may have changed, so the markdown should carry the flow graph: an Alloy
 * component was added or removed, an argument that wires components (`forward_to`,
 * `output.traces`) or an `endpoint` or `url` changed, or a HelmRelease was added or removed.
 */
export function flowChanged(diff: TreeDiff): boolean {
  const alloy = [...diff.resources.flatMap((r) => r.alloy), ...diff.files.flatMap((f) => (f.alloy ? [f.alloy] : []))];
  const components = alloy.flatMap((a) => a.components);
  return (
    components.some((c) => c.status !== 'changed') ||
    components.some((c) => c.arguments.some((a) => a.wiring || addressArguments.has(a.path.split('.').pop()!))) ||
    diff.resources.some((r) => r.status !== 'changed' && r.kind === 'HelmRelease')
  );
}
