/**
 * `bramble graph`: the data flow of a rendered GitOps tree (apps -> Alloy -> Tempo -> Prometheus,
 * and Grafana's datasources with their correlations), as data and as Mermaid or Graphviz text.
 */
export { renderDot } from './dot';
export { flowGraph, type TreeFile } from './flow';
export { renderMermaid } from './mermaid';
export { sameFlow, type FlowEdge, type FlowGraph, type FlowNode, type NodeKind } from './model';
