import { Document, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Node } from 'yaml';

// YAML 1.1 on output because Kubernetes, kustomize and Helm read manifests with YAML 1.1 rules
// (go-yaml v2 via sigs.k8s.io/yaml): strings such as `on`, `yes` or `0775` must come out quoted.
// lineWidth 0: never fold long strings, so values diff line by line.
const stringifyOptions = { lineWidth: 0, blockQuote: 'literal', indentSeq: true } as const;

/** Keys that lead a Kubernetes object; every other key is sorted. */
const leadingKeys = ['apiVersion', 'kind', 'metadata'];

/**
 * Returns a copy of `value` in canonical order: at the top of an object `apiVersion`, `kind`,
 * `metadata` first, every other map sorted by key (code-unit order); arrays keep their order.
 * `undefined` members are dropped.
 */
export function canonicalize(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalize(v, false));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort((a, b) => {
      const ia = top ? leadingKeys.indexOf(a) : -1;
      const ib = top ? leadingKeys.indexOf(b) : -1;
      if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
      return a < b ? -1 : a > b ? 1 : 0;
    });
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = canonicalize(obj[k], false);
  return out;
}

/** One YAML document from a plain value, canonical order, no header. */
export function stringifyDocument(value: unknown): string {
  return new Document(canonicalize(value), { version: '1.1' }).toString(stringifyOptions);
}

/**
 * A YAML file: `header` lines as `#` comments, then each document, separated by `---`.
 * The result ends with exactly one newline.
 */
export function stringifyFile(documents: readonly unknown[], header: readonly string[] = []): string {
  const head = header.map((line) => (line ? `# ${line}` : '#')).join('\n');
  const body = documents.map(stringifyDocument).join('---\n');
  return (head ? head + '\n' : '') + body;
}

/** A position in a text: 1-based line and column. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Where the value at `path` sits in document `index` of a YAML text (the key's position for a map
 * member), or undefined when the path is absent. Used to point synth diagnostics at a line.
 */
export function locateValuePath(
  text: string,
  index: number,
  path: readonly (string | number)[],
  inner?: (embedded: string) => LineColumn | undefined,
): LineColumn | undefined {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1' });
  const doc = Array.isArray(docs) ? docs[index] : undefined;
  if (!doc) return undefined;
  let node: Node | null | undefined = doc.contents as Node | null;
  let offset: number | undefined = node?.range?.[0];
  let complete = true;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) {
        complete = false;
        break;
      }
      offset = (pair.key as Node).range?.[0];
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | undefined;
      offset = node?.range?.[0];
    } else {
      complete = false;
      break;
    }
  }
  if (offset === undefined) return undefined;
  if (complete && inner && isScalar(node) && node.type === Scalar.BLOCK_LITERAL && typeof node.value === 'string' && node.range) {
    const spot = inner(node.value);
    if (spot) {
      // A literal block's content starts on the line after its `|` header, indented uniformly.
      const firstLine = lineCounter.linePos(node.range[0]).line + 1;
      const lineStart = lineCounter.lineStarts[firstLine - 1] ?? 0;
      const indent = /^ */.exec(text.slice(lineStart))![0].length;
      return { line: firstLine + spot.line - 1, column: indent + spot.column };
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
