import { parseAllDocuments } from 'yaml';
import type { JsonValue } from './model';

/**
 * The documents of a YAML text as Kubernetes reads them (YAML 1.1 values, merge keys applied,
 * the last of duplicate keys winning, as in src/check/source.ts), each as JSON data; an empty
 * document is `null`. Undefined when the text does not parse: the caller compares it as text.
 */
export function parseYamlDocuments(text: string): JsonValue[] | undefined {
  const docs = parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false, logLevel: 'silent' });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  try {
    // The JSON round trip turns YAML-only values into JSON ones (timestamps into strings, .inf
    // into null); toJS throws on an alias bomb (more than maxAliasCount expansions).
    return docs.map((d) => JSON.parse(JSON.stringify(d.toJS()) ?? 'null') as JsonValue);
  } catch {
    return undefined;
  }
}
