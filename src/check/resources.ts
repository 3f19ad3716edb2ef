import { Buffer } from 'node:buffer';
import { isMap, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { parseYaml, positionAt, type Position, type YamlSource } from './source';

/** A Kubernetes-style object found in a YAML document. */
export interface Resource {
  readonly source: YamlSource;
  readonly docIndex: number;
  readonly doc: Document.Parsed;
  /** The document's value (merge keys applied). */
  readonly value: Record<string, unknown>;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The objects of a source: every document whose value has string `apiVersion` and `kind`. */
export function resourcesOf(source: YamlSource): Resource[] {
  const out: Resource[] = [];
  source.documents.forEach((doc, docIndex) => {
    if (doc.errors.length) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      return; // an alias bomb or a broken alias: yaml-syntax reports what the parser found
    }
    if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return;
    const metadata = isRecord(value.metadata) ? value.metadata : {};
    out.push({
      source,
      docIndex,
      doc,
      value,
      apiVersion: value.apiVersion,
      kind: value.kind,
      name: typeof metadata.name === 'string' ? metadata.name : '',
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    });
  });
  return out;
}

/** The node at `path` in a document, and the offset of the deepest key found on the way. */
export function nodeAt(doc: Document, path: readonly (string | number)[]): { node: Node | null | undefined; offset: number | undefined; complete: boolean } {
  let node = doc.contents as Node | null | undefined;
  let offset = node?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return { node: undefined, offset, complete: false };
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | undefined;
      offset = node?.range?.[0] ?? offset;
    } else {
      return { node: undefined, offset, complete: false };
    }
  }
  return { node, offset, complete: true };
}

/** The position of the key at `path` (or of the deepest part of it that exists) in a resource. */
export function positionOf(resource: Resource, path: readonly (string | number)[]): Position {
  const { offset } = nodeAt(resource.doc, path);
  return positionAt(resource.source, offset ?? 0);
}

/** The position of the value at `path` (its first character), falling back to the key. */
export function valuePositionOf(resource: Resource, path: readonly (string | number)[]): Position {
  const { node, offset } = nodeAt(resource.doc, path);
  return positionAt(resource.source, node?.range?.[0] ?? offset ?? 0);
}

/**
 * Maps a 1-based line and character column inside the string value `node` of `source` to the file
 * the reader sees. Exact for a literal block (`|`) whose content lines stand in the file as written
 * (checked line by line, so a block with escapes or odd indentation never maps to a wrong line);
 * the value's first character otherwise.
 */
export function stringValueMapper(source: YamlSource, node: Scalar): (line: number, column: number) => Position {
  const start = node.range?.[0] ?? 0;
  const fallback = positionAt(source, start);
  if (node.type !== Scalar.BLOCK_LITERAL || typeof node.value !== 'string' || !node.range) return () => fallback;
  const lines = node.value.split('\n');
  const headerLine = source.lineCounter.linePos(start).line;
  const hostLine = (n: number): { start: number; text: string } | undefined => {
    const lineStart = source.lineCounter.lineStarts[headerLine + n - 1];
    if (lineStart === undefined) return undefined;
    const end = source.text.indexOf('\n', lineStart);
    return { start: lineStart, text: source.text.slice(lineStart, end < 0 ? undefined : end).replace(/\r$/, '') };
  };
  // A block's indentation is that of its first non-blank line.
  const first = lines.findIndex((l) => l.trim() !== '');
  const firstHost = first < 0 ? undefined : hostLine(first + 1);
  const indent = firstHost && firstHost.text.endsWith(lines[first]!) ? firstHost.text.length - lines[first]!.length : -1;
  if (indent < 0 || !/^ *$/.test(firstHost!.text.slice(0, indent))) return () => fallback;
  return (line, column) => {
    const text = lines[line - 1];
    const host = hostLine(line);
    if (text === undefined || !host || (text !== '' && host.text.slice(indent) !== text)) return fallback;
    return positionAt(source, host.start + indent + column - 1);
  };
}

/**
 * A YAML text held in a string value of a resource (a values file in a ConfigMap, a provisioning
 * file), parsed with positions that map back into the host file: exactly, line by line, for a
 * literal block (`|`); to the value's first character otherwise.
 */
export function embeddedYaml(resource: Resource, path: readonly (string | number)[], options: { base64?: boolean } = {}): YamlSource | undefined {
  const { node } = nodeAt(resource.doc, path);
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const text = options.base64 ? Buffer.from(node.value, 'base64').toString('utf8') : node.value;
  const host = resource.source;
  const start = positionAt(host, node.range[0]);
  const toHost = options.base64 ? undefined : stringValueMapper(host, node);
  const hostPosition = (p: Position): Position => (toHost ? toHost(p.line, p.column) : start);
  return parseYaml(host.path, text, hostPosition);
}
