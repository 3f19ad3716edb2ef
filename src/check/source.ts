import { LineCounter, parseAllDocuments, type Document } from 'yaml';

/** A 1-based position in a file (column counts UTF-16 code units, as editors' columns mostly do). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * A YAML file with positions: every document, parsed without the parser's own duplicate-key check
 * (bramble's rule reports duplicates with kustomize's semantics and both positions).
 */
export interface YamlSource {
  /** The path as shown in diagnostics (relative to the working directory, `/`-separated). */
  readonly path: string;
  readonly text: string;
  readonly lineCounter: LineCounter;
  readonly documents: Document.Parsed[];
  /**
   * Where this text sits in another file, when it was embedded (a values file in a ConfigMap):
   * maps a position in this text to one in the host file.
   */
  readonly hostPosition?: (p: Position) => Position;
}

/**
 * Parses YAML text as Kubernetes tools read it: YAML 1.1 values (as sigs.k8s.io/yaml), merge keys
 * applied to values, every document of the stream.
 */
export function parseYaml(path: string, text: string, hostPosition?: (p: Position) => Position): YamlSource {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter,
    uniqueKeys: false,
    version: '1.1',
    merge: true,
    prettyErrors: false,
    // toJS() would print a warning about collection keys; the duplicate-key rule reports them instead.
    logLevel: 'error',
    keepSourceTokens: false,
  }) as unknown as Document.Parsed[];
  return { path, text, lineCounter, documents: Array.isArray(documents) ? documents : [], ...(hostPosition ? { hostPosition } : {}) };
}

/** The position of a byte offset of `source`'s text, mapped into the host file if embedded. */
export function positionAt(source: YamlSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  const p = { line, column: col };
  return source.hostPosition ? source.hostPosition(p) : p;
}
