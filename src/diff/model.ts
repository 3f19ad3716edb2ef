/** A rendered file of one revision, its path relative to the output root (`infrastructure/tempo/helm-release.yaml`). */
export interface TreeFile {
  readonly path: string;
  readonly content: string;
}

/** A value as Kubernetes reads a YAML document: JSON data. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Whether something exists only in head (`added`), only in base (`removed`), or in both but differs. */
export type ChangeStatus = 'added' | 'removed' | 'changed';

/**
 * One leaf that differs inside a resource. `old` is absent when the key was added, `new` when it
 * was removed; a whole map or list is reported at its highest absent key.
 */
export interface ValueChange {
  /**
   * Where the value sits: `spec.values.tempo.retention`, `[i]` for a list index,
   * `[name=otlp-grpc]` for an element of a list of named objects, `["app.kubernetes.io/name"]` for
   * a key that is not a plain identifier. The path continues into YAML embedded in a ConfigMap
   * value (`data["datasource.yaml"].datasources[name=Tempo].url`).
   */
  readonly path: string;
  readonly status: ChangeStatus;
  readonly old?: JsonValue;
  readonly new?: JsonValue;
}

/** One argument of an Alloy component that differs, its values printed in Alloy syntax. */
export interface ArgumentChange {
  /** `timeout`, `client.tls.insecure`; repeated blocks by index: `rule[1].target_label`. */
  readonly path: string;
  readonly status: ChangeStatus;
  /** Alloy syntax, one line: `"200ms"`, `[otelcol.exporter.otlp.tempo.input]`; `{ }` for an empty block. */
  readonly old?: string;
  readonly new?: string;
  /** The argument refers to another component's exports, so its change rewires the pipeline. */
  readonly wiring: boolean;
}

/** An Alloy component (top-level block) that was added, removed or has changed arguments. */
export interface ComponentChange {
  /** Block name and label as written: `otelcol.processor.batch "default"`; `[i]` when it repeats. */
  readonly component: string;
  readonly status: ChangeStatus;
  /** For an added component every argument (with `new`), for a removed one every argument (with `old`). */
  readonly arguments: readonly ArgumentChange[];
}

/** An Alloy config compared by component rather than as text. */
export interface AlloyChange {
  /** The value path of the string that holds the config; empty for a whole `.alloy` file. */
  readonly path: string;
  readonly components: readonly ComponentChange[];
}

/**
 * A Kubernetes resource (or a document without a name) that was added, removed, moved or changed.
 * Resources are paired across the whole tree by API group, kind, namespace and name.
 */
export interface ResourceChange {
  readonly status: ChangeStatus;
  /** The file it is in: in head, or in base when it was removed. */
  readonly file: string;
  /** Its document index in that file (0-based). */
  readonly index: number;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  /** Absent for a document without `metadata.name`: such a document is identified by file and index. */
  readonly name?: string;
  /** The base file, when the resource moved to another file. */
  readonly movedFrom?: string;
  /** Leaf changes, in document order (map keys sorted). */
  readonly values: readonly ValueChange[];
  /** Embedded Alloy configs that changed, by component. */
  readonly alloy: readonly AlloyChange[];
}

/** A file that was added, removed, or whose meaning changed (comment and layout changes are not). */
export interface FileChange {
  readonly path: string;
  readonly status: ChangeStatus;
  /**
   * How it was compared: `yaml` (the details are the {@link ResourceChange}s in or moved out of it),
   * `alloy` (a `.alloy` file, by component) or `text` (line by line: other files, and YAML or Alloy
   * that does not parse on one side).
   */
  readonly compared: 'yaml' | 'alloy' | 'text';
  /** For a changed `text` file: lines added and removed. */
  readonly lines?: { readonly added: number; readonly removed: number };
  /** For a changed `alloy` file. */
  readonly alloy?: AlloyChange;
  /** Why a `.yaml` or `.alloy` file was compared as text: `head does not parse as YAML`. */
  readonly note?: string;
}

/** Counts for the summary line. */
export interface DiffSummary {
  /**
   * Changes inside changed resources: one per value change, per Alloy argument change, per added
   * or removed Alloy component, and one for a move.
   */
  readonly changes: number;
  readonly resources: { readonly added: number; readonly removed: number; readonly changed: number };
  readonly files: { readonly added: number; readonly removed: number; readonly changed: number };
}

/** What changed between two rendered trees, for a reviewer. Every list is sorted; equal input gives equal output. */
export interface TreeDiff {
  /** Sorted by path. */
  readonly files: readonly FileChange[];
  /** Sorted by file, then document index (a removed resource first). */
  readonly resources: readonly ResourceChange[];
  readonly summary: DiffSummary;
}
