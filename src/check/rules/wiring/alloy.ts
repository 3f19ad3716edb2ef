import { isScalar } from 'yaml';
import { characterColumn } from '../../../alloy/locate';
import { literalValue, parse, positionAt as alloyPositionAt, type AttributeStmt, type BlockStmt, type Expr, type Position as AlloyPosition, type Statement } from '../../../alloy/syntax';
import { nodeAt, stringValueMapper } from '../../resources';
import { positionAt, type Position } from '../../source';
import type { Site } from './values';

/** A top-level component block of an Alloy config: `otelcol.processor.batch "default" { ... }`. */
export interface Component {
  /** `name.label`, as references spell it (`otelcol.processor.batch.default`). */
  readonly id: string;
  readonly name: string;
  readonly label: string | undefined;
  readonly block: BlockStmt;
}

/** An Alloy config that parsed, with its components and where traces flow between them. */
export interface AlloyGraph {
  readonly components: readonly Component[];
  /** Component id → the components its `traces = [...]` lists feed. */
  readonly tracesTo: ReadonlyMap<string, readonly string[]>;
  /** The YAML file that holds the config. */
  readonly file: string;
  /** Maps a byte offset in the Alloy text (a node's `start`) to a position in the YAML file that holds it. */
  readonly position: (offset: number | undefined) => Position;
}

/** The dotted name a reference expression spells (`otelcol.exporter.otlp.tempo.input`), if it is one. */
function referenceName(e: Expr): string | undefined {
  if (e.kind === 'Identifier') return e.name;
  if (e.kind === 'Access') {
    const base = referenceName(e.value);
    return base === undefined ? undefined : `${base}.${e.name.name}`;
  }
  return undefined;
}

/** Every `traces = [...]` attribute anywhere inside a block (`output`, routing `route`s). */
function tracesLists(body: readonly Statement[]): AttributeStmt[] {
  return body.flatMap((s) => (s.kind === 'Attribute' ? (s.name.name === 'traces' ? [s] : []) : s.kind === 'Block' ? tracesLists(s.body) : []));
}

/** The first nested block named `name`. */
export const subBlock = (block: BlockStmt, name: string): BlockStmt | undefined =>
  block.body.find((s): s is BlockStmt => s.kind === 'Block' && s.name === name);

/** The attribute `name` directly in a block. */
export const attribute = (block: BlockStmt, name: string): AttributeStmt | undefined =>
  block.body.find((s): s is AttributeStmt => s.kind === 'Attribute' && s.name.name === name);

/** The value of a string-literal attribute, if the attribute is one. */
export function stringAttribute(attr: AttributeStmt | undefined): string | undefined {
  if (!attr || attr.value.kind !== 'Literal' || attr.value.type !== 'string') return undefined;
  const v = literalValue(attr.value);
  return typeof v === 'string' ? v : undefined;
}

/**
 * Maps Alloy positions in the string at `site` to positions in its YAML file (Alloy's byte
 * columns turned into characters); see {@link stringValueMapper}.
 */
export function alloyPositionMapper(site: Site, text: string): (p: AlloyPosition | undefined) => Position {
  const { node, offset } = nodeAt(site.doc, site.path);
  const fallback = positionAt(site.source, node?.range?.[0] ?? offset ?? 0);
  if (!isScalar(node)) return () => fallback;
  const toHost = stringValueMapper(site.source, node);
  const lines = text.split('\n');
  return (p) => (p ? toHost(p.line, characterColumn(lines[p.line - 1] ?? '', p.column)) : fallback);
}

/**
 * Parses an Alloy config and lists its components and traces edges. Undefined when it does not
 * parse (alloy-syntax reports that).
 */
export function alloyGraph(text: string, site: Site): AlloyGraph | undefined {
  const { file } = parse(text);
  if (!file) return undefined;
  const components: Component[] = [];
  for (const s of file.body) {
    if (s.kind !== 'Block') continue;
    components.push({ id: s.label !== undefined ? `${s.name}.${s.label}` : s.name, name: s.name, label: s.label, block: s });
  }
  const ids = new Set(components.map((c) => c.id));
  const tracesTo = new Map<string, string[]>();
  for (const c of components) {
    const targets: string[] = [];
    for (const attr of tracesLists(c.block.body)) {
      if (attr.value.kind !== 'Array') continue;
      for (const e of attr.value.elements) {
        const ref = referenceName(e);
        const target = ref?.endsWith('.input') ? ref.slice(0, -'.input'.length) : undefined;
        if (target !== undefined && ids.has(target) && !targets.includes(target)) targets.push(target);
      }
    }
    tracesTo.set(c.id, targets);
  }
  const toHost = alloyPositionMapper(site, text);
  const position = (offset: number | undefined): Position => toHost(offset === undefined ? undefined : alloyPositionAt(file, offset));
  return { components, tracesTo, file: site.source.path, position };
}

/** How a component is named in messages: `otelcol.exporter.otlp "tempo"`. */
export const componentLabel = (c: Component): string => (c.label !== undefined ? `${c.name} "${c.label}"` : c.name);

/** The components reachable from `from` along traces edges (not including `from`), never entering `avoid`. */
export function reachable(graph: AlloyGraph, from: Iterable<string>, avoid?: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length) {
    const id = queue.shift()!;
    for (const next of graph.tracesTo.get(id) ?? []) {
      if (next === avoid || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

/** The components from which traces reach `to`. */
export function ancestors(graph: AlloyGraph, to: string): Set<string> {
  const out = new Set<string>();
  for (const c of graph.components) if (c.id !== to && reachable(graph, [c.id]).has(to)) out.add(c.id);
  return out;
}
