import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/** One repeated key: where it repeats and where it first stood (offsets into the text). */
export interface DuplicateKey {
  /** The key as text (`<<` for a merge key, `{...}`/`[...]` for collection keys). */
  readonly key: string;
  readonly offset: number;
  readonly firstOffset: number;
  /** The repeated key is a merge key (`<<`). */
  readonly merge: boolean;
}

/**
 * How kustomize and Flux tell keys apart. kyaml decodes with go-yaml v3, which compares a scalar
 * key's text after unquoting, whatever its style or tag (`a`, `"a"`, `'a'`, `!!str a` are one key;
 * so are `1` and `"1"`, `true` and `"true"`); kustomize then converts to JSON, which also refuses
 * keys equal by value (`1` and `01`, `1` and `1.0`, `~` and `null`). So two keys collide when
 * their text or their value is equal. Every two mapping keys collide, as every two sequence keys
 * do (go-yaml compares their empty values). An alias key counts as the key it points to.
 */
interface KeyIdentity {
  readonly text: string;
  readonly ids: readonly string[];
  readonly offset: number;
}

function keyIdentity(doc: Document, key: unknown): KeyIdentity | undefined {
  let node = key as Node | null;
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  if (isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
  if (isScalar(node)) {
    const text = typeof node.source === 'string' ? node.source : String(node.value);
    const v = node.value;
    // A merge key has no value of its own; its text identifies it.
    const byValue = v === undefined ? [] : [`v:${v === null ? 'null' : typeof v}:${String(v)}`];
    return { text, ids: [`t:${text}`, ...byValue], offset };
  }
  if (isMap(node)) return { text: '{...}', ids: ['map'], offset };
  if (isSeq(node)) return { text: '[...]', ids: ['seq'], offset };
  return undefined;
}

/** Every repeated key in every mapping (block or flow) of `doc`, in document order. */
export function findDuplicateKeys(doc: Document): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        const k = keyIdentity(doc, pair.key);
        if (!k) continue;
        const first = k.ids.map((id) => seen.get(id)).find((o) => o !== undefined);
        if (first !== undefined) out.push({ key: k.text, offset: k.offset, firstOffset: first, merge: k.text === '<<' });
        for (const id of k.ids) if (!seen.has(id)) seen.set(id, k.offset);
      }
    },
  });
  return out;
}
