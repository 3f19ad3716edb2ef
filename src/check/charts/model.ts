/**
 * bramble's model of the values a Helm chart reads: a tree of key paths, written by hand from the
 * chart's values.yaml and templates, with the maps the chart copies verbatim into the program's
 * own configuration marked as such.
 */

import { laterVersion } from './versions';

/** What every node may carry. */
interface NodeBase {
  /** The first chart version whose templates read this key (absent: every version the model covers). */
  readonly since?: string;
}

/**
 * A value the chart reads whole: a scalar, a list of scalars, or an object it renders with toYaml
 * (resources, affinity, labels, env lists). Keys below it are not checked.
 */
export interface LeafNode extends NodeBase {
  readonly kind: 'leaf';
}

/** A map whose keys the chart (or the program it configures) reads one by one. */
export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly keys: Readonly<Record<string, KeyNode>>;
  /**
   * True when every key the reader accepts is listed: other keys are unknown. False for a map
   * bramble models only in part (keys outside `keys` are not checked).
   */
  readonly closed: boolean;
  /**
   * Set on a map the chart copies verbatim (toYaml) into the program's configuration: the path it
   * lands at there. Keys below it are the program's settings, not chart values.
   */
  readonly copiedInto?: string;
}

/** A list whose items are maps (or values) of one shape. */
export interface ListNode extends NodeBase {
  readonly kind: 'list';
  readonly item: KeyNode;
}

/** One node of a values model. */
export type KeyNode = LeafNode | MapNode | ListNode;

/** The values model of one chart. */
export interface ChartModel {
  /** The chart's name as Flux names it (`spec.chart.spec.chart`, the last segment of an OCI URL). */
  readonly chart: string;
  /** The oldest chart version the model describes; releases that cannot reach it are not checked. */
  readonly minVersion: string;
  /** The first chart version the model no longer claims to describe (the next major). */
  readonly beforeVersion: string;
  /** The program whose configuration the verbatim maps hold (for messages), e.g. `Tempo`. */
  readonly program?: string;
  /**
   * What an unknown setting below a verbatim map does to the program, ending the sentence "the chart
   * copies X into the program's config verbatim and …".
   */
  readonly programStrictness?: string;
  readonly root: MapNode;
  /** Top-level keys the templates read as another key (`agent` merged over `alloy`). */
  readonly aliases: Readonly<Record<string, string>>;
  /**
   * Key paths the templates read although values.yaml does not list them, each with the template
   * that reads it. Every one is also in `root`.
   */
  readonly unlisted: Readonly<Record<string, string>>;
  /**
   * Top-level maps whose keys are often written one level too high: an unknown top-level key that
   * exists below one of these is reported as misplaced (`metricsGenerator` → `tempo.metricsGenerator`).
   */
  readonly nestedUnder: readonly string[];
  /** Hints for known mistakes, by model path (list items as `[]`). */
  readonly hints: Readonly<Record<string, string>>;
}

/** A value read whole (scalar, list of scalars, or a Kubernetes object rendered with toYaml). */
export const leaf: LeafNode = { kind: 'leaf' };

/** A map whose keys are all listed; any other key is unknown. */
export function map(keys: Record<string, KeyNode>): MapNode {
  return { kind: 'map', keys, closed: true };
}

/** A map modelled in part: the listed keys are checked, others are accepted. */
export function open(keys: Record<string, KeyNode> = {}): MapNode {
  return { kind: 'map', keys, closed: false };
}

/** A map the chart copies verbatim into the program's config at `into`; `keys` model that config in part. */
export function verbatim(into: string, keys: Record<string, KeyNode> = {}): MapNode {
  return { kind: 'map', keys, closed: false, copiedInto: into };
}

/** A list of items of one shape. */
export function list(item: KeyNode): ListNode {
  return { kind: 'list', item };
}

/** `node`, read only from chart version `version` on. */
export function since<T extends KeyNode>(version: string, node: T): T {
  return { ...node, since: version };
}

/** The child node of `node` at `key` (own keys only, so `constructor` or `__proto__` never match). */
export function childOf(node: MapNode, key: string): KeyNode | undefined {
  return Object.prototype.hasOwnProperty.call(node.keys, key) ? node.keys[key] : undefined;
}

/** One key path of a model, as {@link modelPaths} lists them. */
export interface ModelPath {
  /** Dotted path; list items as `[]` (`alloy.extraPorts[].name`). */
  readonly path: string;
  readonly node: KeyNode;
  /** The path of the verbatim map this key lies below (a program setting, not a chart value). */
  readonly belowVerbatim?: string;
  /** The strictest `since` on the way to this key. */
  readonly since?: string;
}

/** Every key path of a model, parents before children. */
export function modelPaths(model: ChartModel): ModelPath[] {
  const out: ModelPath[] = [];
  const visit = (node: KeyNode, path: string, belowVerbatim: string | undefined, sinceV: string | undefined) => {
    if (node.kind === 'list') {
      visit(node.item, `${path}[]`, belowVerbatim, sinceV);
      return;
    }
    if (node.kind !== 'map') return;
    const inside = belowVerbatim ?? (node.copiedInto !== undefined ? path : undefined);
    for (const [key, child] of Object.entries(node.keys)) {
      const childPath = path ? `${path}.${key}` : key;
      const childSince = laterVersion(sinceV, child.since);
      out.push({
        path: childPath,
        node: child,
        ...(inside !== undefined ? { belowVerbatim: inside } : {}),
        ...(childSince !== undefined ? { since: childSince } : {}),
      });
      visit(child, childPath, inside, childSince);
    }
  };
  visit(model.root, '', undefined, undefined);
  return out;
}
