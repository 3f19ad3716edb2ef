import { byText, type FlowEdge, type FlowGraph, type FlowNode } from './model';

/**
 * The nodes drawn outside any system, and each system with its nodes; systems by name, nodes by
 * id. Renderers sort rather than trust the graph's order, so graphs that `sameFlow` equates print
 * the same text.
 */
export function bySystem(g: FlowGraph): { loose: FlowNode[]; systems: [string, FlowNode[]][] } {
  const loose: FlowNode[] = [];
  const systems = new Map<string, FlowNode[]>();
  for (const n of [...g.nodes].sort((a, b) => byText(a.id, b.id))) {
    if (n.system === undefined) loose.push(n);
    else systems.set(n.system, [...(systems.get(n.system) ?? []), n]);
  }
  return { loose, systems: [...systems].sort(([a], [b]) => byText(a, b)) };
}

/** The edges by their ends, then label. */
export const sortedEdges = (g: FlowGraph): FlowEdge[] => [...g.edges].sort((a, b) => byText(a.from, b.from) || byText(a.to, b.to) || byText(a.label, b.label));
