import type { FlowGraph, FlowNode, NodeKind } from './model';
import { bySystem, sortedEdges } from './systems';

/** Node shape and style by kind, matching the Mermaid shapes. */
const shapes: Readonly<Record<NodeKind, { readonly shape: string; readonly style?: string }>> = {
  source: { shape: 'oval' },
  component: { shape: 'box' },
  store: { shape: 'cylinder' },
  datasource: { shape: 'box', style: 'rounded' },
};

/**
 * A Graphviz quoted string: `"` and `\` escaped (in labels a backslash starts an escape such as
 * `\n`, so a literal one is `\\`); runs of white space, line breaks included, become one space.
 */
function dotString(text: string): string {
  return `"${text.replace(/\s+/g, ' ').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function nodeLine(n: FlowNode): string {
  const { shape, style } = shapes[n.kind];
  const styles = [...(style ? [style] : []), ...(n.external ? ['dashed'] : [])];
  return `${dotString(n.id)} [label=${dotString(n.label)}, shape=${shape}${styles.length ? `, style=${dotString(styles.join(','))}` : ''}];`;
}

/**
 * The graph as a Graphviz digraph, left to right: one `cluster_N` subgraph per system (in name
 * order), nodes shaped by kind, dashed when outside the tree, every edge labelled with what flows.
 */
export function renderDot(g: FlowGraph): string {
  const { loose, systems } = bySystem(g);
  const lines = ['digraph flow {', '  rankdir=LR;', ...loose.map((n) => `  ${nodeLine(n)}`)];
  systems.forEach(([system, nodes], i) => {
    lines.push(`  subgraph cluster_${i + 1} {`, `    label=${dotString(system)};`, ...nodes.map((n) => `    ${nodeLine(n)}`), '  }');
  });
  lines.push(...sortedEdges(g).map((e) => `  ${dotString(e.from)} -> ${dotString(e.to)} [label=${dotString(e.label)}];`));
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
