import { safeIds, type FlowGraph, type FlowNode, type NodeKind } from './model';
import { bySystem, sortedEdges } from './systems';

/** Words Mermaid's flowchart lexer takes as keywords wherever an id stands. */
const keywords = new Set(['end', 'graph', 'flowchart', 'subgraph', 'style', 'linkstyle', 'classdef', 'class', 'click', 'call', 'href', 'direction', 'default']);

/** Node shapes: opening and closing brackets around the quoted label. */
const shapes: Readonly<Record<NodeKind, readonly [string, string]>> = {
  source: ['([', '])'],
  component: ['[', ']'],
  store: ['[(', ')]'],
  datasource: ['(', ')'],
};

/**
 * A label as a Mermaid string: `"` would end it and `#` starts an entity code, so both are
 * written as entity codes (`#34;`), and so are `<`, `>` and `&`, which Mermaid would otherwise
 * read as HTML; a backtick would start a Markdown string. Runs of white space, line breaks
 * included, become one space.
 */
function mermaidString(text: string): string {
  return `"${text.replace(/\s+/g, ' ').replace(/["#<>&`]/g, (c) => `#${c.charCodeAt(0)};`)}"`;
}

/**
 * The graph as a Mermaid flowchart, left to right: one subgraph per system, nodes shaped by kind
 * (stadium for the apps, rectangle for components, cylinder for stores, rounded for datasources),
 * dashed when outside the tree, and every edge labelled with what flows.
 */
export function renderMermaid(g: FlowGraph): string {
  const { loose, systems } = bySystem(g);
  const ids = safeIds([...g.nodes.map((n) => n.id), ...systems.map(([s]) => `subgraph ${s}`)], keywords);
  const node = (n: FlowNode) => {
    const [open, close] = shapes[n.kind];
    return `${ids.get(n.id)}${open}${mermaidString(n.label)}${close}${n.external ? ':::external' : ''}`;
  };
  const lines = ['flowchart LR', ...loose.map((n) => `  ${node(n)}`)];
  for (const [system, nodes] of systems) {
    lines.push(`  subgraph ${ids.get(`subgraph ${system}`)} [${mermaidString(system)}]`, ...nodes.map((n) => `    ${node(n)}`), '  end');
  }
  lines.push(...sortedEdges(g).map((e) => `  ${ids.get(e.from)} -->|${mermaidString(e.label)}| ${ids.get(e.to)}`));
  if (g.nodes.some((n) => n.external)) lines.push('  classDef external stroke-dasharray: 5 5');
  return `${lines.join('\n')}\n`;
}
