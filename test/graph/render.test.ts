import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { flowGraph, renderDot, renderMermaid, sameFlow, type FlowEdge, type FlowGraph, type FlowNode, type NodeKind } from '../../src/graph';
import { repoRoot } from '../support/paths';
import { committedTree } from './trees';

/** What a rendering says about one node. */
interface DrawnNode {
  readonly label: string;
  readonly shape: string;
  readonly external: boolean;
  readonly system: string | undefined;
}

/** What a rendering says: nodes by their drawn id, edges between drawn ids. */
interface Drawn {
  readonly nodes: Map<string, DrawnNode>;
  readonly edges: { from: string; to: string; label: string }[];
}

// --- Mermaid: a parser for the subset renderMermaid writes; any other line is a failure. ---

const mermaidKeywords = new Set(['end', 'graph', 'flowchart', 'subgraph', 'style', 'linkstyle', 'classdef', 'class', 'click', 'call', 'href', 'direction', 'default']);
const mermaidId = '([A-Za-z][A-Za-z0-9_]*)';
/** A quoted Mermaid string whose text holds no quote, no raw `<`, `>`, `&` or backtick, and `#` only in entity codes. */
const mermaidStr = '"((?:[^"#<>&`]|#\\d+;)*)"';
const mermaidShapes: Record<string, string> = { '([': 'stadium', '[(': 'cylinder', '[': 'rectangle', '(': 'rounded' };
const closing: Record<string, string> = { '([': '])', '[(': ')]', '[': ']', '(': ')' };

const decodeMermaid = (s: string) => s.replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

function parseMermaid(text: string): Drawn {
  assert.ok(text.endsWith('\n'), 'ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  assert.equal(lines.shift(), 'flowchart LR');
  const nodes = new Map<string, DrawnNode>();
  const subgraphs = new Set<string>();
  const edges: Drawn['edges'] = [];
  let system: string | undefined;
  let classDef = false;
  const declare = (id: string, set: 'node' | 'subgraph') => {
    assert.ok(!mermaidKeywords.has(id.toLowerCase()), `id ${id} is a Mermaid keyword`);
    assert.ok(!nodes.has(id) && !subgraphs.has(id), `id ${id} declared twice`);
    if (set === 'subgraph') subgraphs.add(id);
  };
  const nodeLine = new RegExp(`^(  |    )${mermaidId}(\\(\\[|\\[\\(|\\[|\\()${mermaidStr}(\\]\\)|\\)\\]|\\]|\\))(:::external)?$`);
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^  subgraph ${mermaidId} \\[${mermaidStr}\\]$`).exec(line))) {
      assert.equal(system, undefined, 'subgraphs do not nest');
      declare(m[1]!, 'subgraph');
      system = decodeMermaid(m[2]!);
    } else if (line === '  end') {
      assert.notEqual(system, undefined, 'end closes a subgraph');
      system = undefined;
    } else if ((m = nodeLine.exec(line))) {
      const [, indent, id, open, label, close, external] = m;
      assert.equal(indent, system === undefined ? '  ' : '    ', `indentation of ${line}`);
      assert.equal(close, closing[open!], `brackets of ${line}`);
      declare(id!, 'node');
      nodes.set(id!, { label: decodeMermaid(label!), shape: mermaidShapes[open!]!, external: external !== undefined, system });
    } else if ((m = new RegExp(`^  ${mermaidId} -->\\|${mermaidStr}\\| ${mermaidId}$`).exec(line))) {
      edges.push({ from: m[1]!, to: m[3]!, label: decodeMermaid(m[2]!) });
    } else if (line === '  classDef external stroke-dasharray: 5 5') {
      classDef = true;
    } else {
      assert.fail(`not a line renderMermaid writes: ${JSON.stringify(line)}`);
    }
  }
  assert.equal(system, undefined, 'every subgraph is closed');
  for (const e of edges) assert.ok(nodes.has(e.from) && nodes.has(e.to), `edge ${e.from} -> ${e.to} joins declared nodes`);
  assert.equal(classDef, [...nodes.values()].some((n) => n.external), 'the external class is defined exactly when used');
  return { nodes, edges };
}

// --- Graphviz dot: the same for renderDot's subset. ---

const dotStr = '"((?:[^"\\\\\\n]|\\\\.)*)"';
const decodeDot = (s: string) => s.replace(/\\(.)/g, '$1');

function parseDot(text: string): Drawn {
  const lines = text.slice(0, -1).split('\n');
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(lines.splice(0, 2), ['digraph flow {', '  rankdir=LR;']);
  assert.equal(lines.pop(), '}');
  const nodes = new Map<string, DrawnNode>();
  const edges: Drawn['edges'] = [];
  const clusters = new Set<string>();
  let system: string | undefined;
  let cluster: string | undefined;
  const nodeLine = new RegExp(`^(  |    )${dotStr} \\[label=${dotStr}, shape=(\\w+)(?:, style=${dotStr})?\\];$`);
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}subgraph (cluster_\d+) \{$/.exec(line))) {
      assert.equal(cluster, undefined, 'clusters do not nest');
      assert.ok(!clusters.has(m[1]!), `cluster ${m[1]} declared twice`);
      clusters.add(m[1]!);
      cluster = m[1]!;
    } else if (cluster !== undefined && system === undefined && (m = new RegExp(`^ {4}label=${dotStr};$`).exec(line))) {
      system = decodeDot(m[1]!);
    } else if (line === '  }') {
      assert.ok(cluster !== undefined && system !== undefined, 'a closed cluster had a label');
      cluster = system = undefined;
    } else if ((m = nodeLine.exec(line))) {
      const [, indent, id, label, shape, style] = m;
      assert.equal(indent, cluster === undefined ? '  ' : '    ', `indentation of ${line}`);
      assert.ok(!nodes.has(decodeDot(id!)), `node ${id} declared twice`);
      const styles = style === undefined ? [] : decodeDot(style).split(',');
      nodes.set(decodeDot(id!), { label: decodeDot(label!), shape: styles.includes('rounded') ? `${shape}, rounded` : shape!, external: styles.includes('dashed'), system });
    } else if ((m = new RegExp(`^  ${dotStr} -> ${dotStr} \\[label=${dotStr}\\];$`).exec(line))) {
      edges.push({ from: decodeDot(m[1]!), to: decodeDot(m[2]!), label: decodeDot(m[3]!) });
    } else {
      assert.fail(`not a line renderDot writes: ${JSON.stringify(line)}`);
    }
  }
  assert.equal(cluster, undefined, 'every cluster is closed');
  for (const e of edges) assert.ok(nodes.has(e.from) && nodes.has(e.to), `edge ${e.from} -> ${e.to} joins declared nodes`);
  return { nodes, edges };
}

const mermaidShapeOf: Record<NodeKind, string> = { source: 'stadium', component: 'rectangle', store: 'cylinder', datasource: 'rounded' };
const dotShapeOf: Record<NodeKind, string> = { source: 'oval', component: 'box', store: 'cylinder', datasource: 'box, rounded' };

/** Asserts that `drawn` shows exactly `g`, nodes renamed by `idOf` (identity for safe ids). */
function assertDraws(drawn: Drawn, g: FlowGraph, shapeOf: Record<NodeKind, string>, idOf: (id: string) => string = (id) => id): void {
  const expected = new Map(g.nodes.map((n) => [idOf(n.id), { label: n.label, shape: shapeOf[n.kind], external: n.external, system: n.system }]));
  assert.deepEqual(new Map([...drawn.nodes].sort()), new Map([...expected].sort()));
  const key = (e: { from: string; to: string; label: string }) => `${e.from} ${e.to} ${e.label}`;
  assert.deepEqual(drawn.edges.map(key).sort(), g.edges.map((e) => key({ from: idOf(e.from), to: idOf(e.to), label: e.label })).sort());
}

const committed = flowGraph(committedTree());

const tricky = 'a "quoted" #hash; <b>&amp; `tick` |pipe| [x] (y) {z} \\back\nnew --> line';
const trickyFlat = tricky.replace(/\s+/g, ' ');
const node = (id: string, label: string, kind: NodeKind, system?: string, external = false): FlowNode => ({ id, label, kind, ...(system ? { system } : {}), external });
/** A graph a caller made by hand: ids that are Mermaid keywords or not ids at all, labels full of syntax. */
const handMade: FlowGraph = {
  nodes: [
    node('end', tricky, 'component', 'subgraph end', true),
    node('x-1', '`md`', 'store'),
    node('x_1', 'default', 'datasource', 'end'),
    node('o', 'o', 'source'),
  ],
  edges: [
    { from: 'end', to: 'x-1', label: tricky },
    { from: 'x_1', to: 'o', label: '|' },
    { from: 'o', to: 'end', label: 'x' },
  ],
};
/** handMade as drawn: labels on one line. */
const handMadeFlat: FlowGraph = {
  nodes: handMade.nodes.map((n) => ({ ...n, label: n.label.replace(/\s+/g, ' ') })),
  edges: handMade.edges.map((e) => ({ ...e, label: e.label.replace(/\s+/g, ' ') })),
};

describe('renderMermaid', () => {
  it('draws the default stack: every node, shape, subgraph and edge, nothing else', () => {
    const text = renderMermaid(committed);
    assertDraws(parseMermaid(text), committed, mermaidShapeOf);
    assert.match(text, /^ {2}subgraph \w+ \["Alloy \(HelmRelease monitoring\/alloy\)"\]$/m);
    assert.match(text, /^ {4}alloy_monitoring_alloy_otelcol_processor_batch_default\["otelcol\.processor\.batch #34;default#34;"\]$/m);
  });

  it('escapes labels so they read back unchanged, and renames ids Mermaid cannot take', () => {
    const text = renderMermaid(handMade);
    const drawn = parseMermaid(text);
    const ids: Record<string, string> = { end: 'end_2', 'x-1': 'x_1', x_1: 'x_1_2', o: 'o' };
    assertDraws(drawn, handMadeFlat, mermaidShapeOf, (id) => ids[id]!);
    assert.equal(drawn.nodes.get('end_2')!.label, trickyFlat);
    // Both systems got subgraph ids of their own, neither one `end`.
    assert.equal(text.match(/^ {2}subgraph /gm)!.length, 2);
    assert.doesNotMatch(text, /^ {2}subgraph end /m);
  });

  it('prints graphs that sameFlow equates as the same text', () => {
    const shuffled: FlowGraph = { nodes: [...committed.nodes].reverse(), edges: [...committed.edges].reverse() };
    assert.equal(renderMermaid(shuffled), renderMermaid(committed));
    assert.equal(renderMermaid(committed), renderMermaid(flowGraph(committedTree())));
  });

  it('is what docs/graph.md shows for the default stack', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'graph.md'), 'utf8');
    const example = /```mermaid\n([\s\S]*?)```/.exec(doc);
    assert.ok(example, 'docs/graph.md has a mermaid block');
    assert.equal(example[1], renderMermaid(committed));
  });

  it('draws an empty graph as an empty flowchart', () => {
    assert.equal(renderMermaid({ nodes: [], edges: [] }), 'flowchart LR\n');
  });
});

describe('renderDot', () => {
  it('draws the default stack: one cluster per system, shapes, dashed external nodes, labelled edges', () => {
    const text = renderDot(committed);
    assertDraws(parseDot(text), committed, dotShapeOf);
    assert.equal(text.match(/^ {2}subgraph cluster_\d+ \{$/gm)!.length, new Set(committed.nodes.map((n) => n.system).filter(Boolean)).size);
  });

  it('quotes ids and labels so they read back unchanged', () => {
    const drawn = parseDot(renderDot(handMade));
    assertDraws(drawn, handMadeFlat, dotShapeOf);
    assert.equal(drawn.nodes.get('end')!.label, trickyFlat);
  });

  it('prints graphs that sameFlow equates as the same text', () => {
    const shuffled: FlowGraph = { nodes: [...committed.nodes].reverse(), edges: [...committed.edges].reverse() };
    assert.equal(renderDot(shuffled), renderDot(committed));
  });

  it('is read by Graphviz itself as exactly the graph: nodes, labels, shapes, styles, clusters and edges', async () => {
    for (const [g, expected] of [[committed, committed], [handMade, handMadeFlat]] as const) {
      assertDraws(await graphvizReads(renderDot(g)), expected, dotShapeOf);
    }
  });

  it('is refused by Graphviz when broken, so the check above can fail', async () => {
    await assert.rejects(graphvizReads(renderDot(committed).replace('];\n', '\n')), /syntax error/);
  });
});

/**
 * What Graphviz makes of a dot text: its parser (Graphviz itself, compiled to WebAssembly, in
 * @hpcc-js/wasm-graphviz) reads it and writes the graph back as JSON (`-Tdot_json`, no layout), which is turned
 * into what a rendering says. Labels are Graphviz escape strings, where `\\` is a backslash.
 */
async function graphvizReads(text: string): Promise<Drawn> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  interface GvObject { _gvid: number; name: string; label?: string; shape?: string; style?: string; nodes?: number[] }
  const json = JSON.parse(graphviz.layout(text, 'dot_json', 'dot')) as { objects?: GvObject[]; edges?: { tail: number; head: number; label: string }[] };
  const objects = json.objects ?? [];
  const decode = (s: string | undefined) => (s ?? '').replace(/\\(.)/g, '$1');
  const clusters = objects.filter((o) => o.name.startsWith('cluster_'));
  const systemOf = (gvid: number) => clusters.find((c) => c.nodes?.includes(gvid))?.label;
  const nodesByGvid = new Map(objects.filter((o) => !o.name.startsWith('cluster_')).map((o) => [o._gvid, o]));
  const nodes = new Map<string, DrawnNode>();
  for (const [gvid, o] of nodesByGvid) {
    const styles = o.style === undefined ? [] : o.style.split(',');
    const system = systemOf(gvid);
    nodes.set(o.name, {
      label: decode(o.label),
      shape: styles.includes('rounded') ? `${o.shape}, rounded` : (o.shape as string),
      external: styles.includes('dashed'),
      system: system === undefined ? undefined : decode(system),
    });
  }
  const edges = (json.edges ?? []).map((e) => ({ from: nodesByGvid.get(e.tail)!.name, to: nodesByGvid.get(e.head)!.name, label: decode(e.label) }));
  return { nodes, edges };
}

describe('sameFlow', () => {
  const edge = (from: string, to: string, label: string): FlowEdge => ({ from, to, label });

  it('is true for the same nodes and edges in any order', () => {
    assert.ok(sameFlow(committed, { nodes: [...committed.nodes].reverse(), edges: [...committed.edges].reverse() }));
  });

  it('is false when an edge is added', () => {
    const more = { nodes: committed.nodes, edges: [...committed.edges, edge('apps', 'tempo_monitoring_tempo', 'traces')] };
    assert.ok(!sameFlow(committed, more));
    assert.ok(!sameFlow(more, committed));
  });

  it('is false when what flows, a label or where a node stands changes', () => {
    const relabel = { nodes: committed.nodes, edges: committed.edges.map((e, i) => (i === 0 ? { ...e, label: 'logs' } : e)) };
    assert.ok(!sameFlow(committed, relabel));
    const external = { nodes: committed.nodes.map((n) => (n.id === 'apps' ? { ...n, external: true } : n)), edges: committed.edges };
    assert.ok(!sameFlow(committed, external));
    const moved = { nodes: committed.nodes.map((n) => (n.id === 'apps' ? { ...n, system: 'Grafana' } : n)), edges: committed.edges };
    assert.ok(!sameFlow(committed, moved));
  });
});
