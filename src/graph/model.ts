/** What a node of the flow graph stands for; renderers give each kind its own shape. */
export type NodeKind =
  /** Where data starts: the instrumented apps that send OTLP. */
  | 'source'
  /** A step data passes through: an Alloy component, Tempo's metrics generator. */
  | 'component'
  /** A backend that keeps data: Tempo, Prometheus, Loki, or any address something sends to. */
  | 'store'
  /** A Grafana datasource. */
  | 'datasource';

/** A node of the flow graph. */
export interface FlowNode {
  /** Letters, digits and `_`, unique in the graph; the same thing gets the same id in any tree. */
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  /** The system drawn around the node (`Alloy (HelmRelease monitoring/alloy)`, `Grafana`); none for the apps. */
  readonly system?: string;
  /** True when the tree does not define it (an address or a datasource uid it only names) or it is only known at run time. */
  readonly external: boolean;
}

/** An edge of the flow graph: what flows (or which link leads) from one node to another. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  /** What flows: `traces`, `logs`, `targets`, `trace-to-logs (tracesToLogsV2)`; several joined by `, `. */
  readonly label: string;
}

/** The data flow of a GitOps tree. Every edge's ends are nodes of the graph. */
export interface FlowGraph {
  /** Sorted by id. */
  readonly nodes: readonly FlowNode[];
  /** Sorted by `from`, then `to`; at most one edge per pair of nodes. */
  readonly edges: readonly FlowEdge[];
}

declare const nodeKey: unique symbol;
/** A node's key while the graph is built: only {@link FlowBuilder.node} makes one, so edges never name a missing node. */
export type NodeKey = string & { readonly [nodeKey]: true };

/** Compares strings by UTF-16 code units, the same on every machine (unlike localeCompare). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Ids made of letters, digits and `_` for `keys`, each derived from its key alone unless two keys
 * give the same text or the text is a `reserved` word (lower case; then `_2`, `_3`, ... in key
 * order), so ids stay stable from tree to tree.
 */
export function safeIds(keys: Iterable<string>, reserved: ReadonlySet<string> = new Set()): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const key of [...new Set(keys)].sort(byText)) {
    const base = key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'node';
    let id = base;
    for (let n = 2; used.has(id) || reserved.has(id.toLowerCase()); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(key, id);
  }
  return ids;
}

/**
 * Collects nodes by a semantic key (`alloy/monitoring/alloy/otelcol.processor.batch.default`) and
 * edges between them, then gives the graph its ids and order. The first definition of a key wins:
 * callers reach the same thing (a Tempo, an address) from several places.
 */
export class FlowBuilder {
  private readonly nodes = new Map<string, Omit<FlowNode, 'id'>>();
  private readonly edges = new Map<string, { from: string; to: string; labels: Set<string> }>();

  /** Adds a node unless `key` is already one; returns the key to draw edges with. */
  node(key: string, node: Omit<FlowNode, 'id'>): NodeKey {
    if (!this.nodes.has(key)) this.nodes.set(key, node);
    return key as NodeKey;
  }

  /** Adds an edge; labels of edges between the same two nodes are merged. */
  edge(from: NodeKey, to: NodeKey, label: string): void {
    const pair = `${from}\u0000${to}`;
    const edge = this.edges.get(pair) ?? { from, to, labels: new Set<string>() };
    edge.labels.add(label);
    this.edges.set(pair, edge);
  }

  /** The graph: ids from the keys, nodes sorted by id, edges by their ends. */
  build(): FlowGraph {
    const ids = safeIds(this.nodes.keys());
    const id = (key: string) => ids.get(key)!;
    const nodes = [...this.nodes].map(([key, n]) => ({ id: id(key), ...n })).sort((a, b) => byText(a.id, b.id));
    const edges = [...this.edges.values()]
      .map((e) => ({ from: id(e.from), to: id(e.to), label: [...e.labels].sort(byText).join(', ') }))
      .sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to));
    return { nodes, edges };
  }
}

/** A canonical text of a graph: nodes and edges sorted, fields in one order. */
function canonical(g: FlowGraph): string {
  const nodes = g.nodes.map((n) => JSON.stringify([n.id, n.label, n.kind, n.system ?? null, n.external])).sort(byText);
  const edges = g.edges.map((e) => JSON.stringify([e.from, e.to, e.label])).sort(byText);
  return JSON.stringify([nodes, edges]);
}

/** True when `a` and `b` have the same nodes and edges, in any order. */
export function sameFlow(a: FlowGraph, b: FlowGraph): boolean {
  return canonical(a) === canonical(b);
}
