import type { BlockStmt, Expr, Statement } from '../alloy/syntax';
import { traversalsOfExpr } from '../alloy/validate/references';
import { attribute, componentLabel, stringAttribute, type AlloyGraph, type Component } from '../check/rules/wiring/alloy';
import type { Alloy, Tree } from '../check/rules/wiring/tree';
import type { FlowBuilder, NodeKey } from './model';
import { addressNode, releaseSystem, type AddressStyle } from './targets';

/** A reference between two components of one config, turned into the direction data flows. */
interface Link {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/**
 * Exports other components send data to: otelcol's `input` (an otelcol.Consumer) and the
 * `receiver` of loki.*, prometheus.*, pyroscope.* and otelcol.receiver.loki/prometheus. A
 * reference to any other export (`targets`, `output`) is a value the referencing component reads.
 */
const pushExports = new Set(['input', 'receiver']);

const signals = new Set(['traces', 'metrics', 'logs', 'profiles']);

/** What flows out of a component by its namespace, where the attribute does not say (`forward_to`). */
const namespaceSignals: Readonly<Record<string, string>> = {
  loki: 'logs',
  prometheus: 'metrics',
  pyroscope: 'profiles',
  // The `tracing` block's write_to carries Alloy's own traces.
  tracing: 'traces',
};

const namespaceOf = (componentName: string) => componentName.split('.')[0]!;

/** The attributes anywhere in a body (nested blocks such as `output` included). */
function attributesOf(body: readonly Statement[]): { name: string; value: Expr }[] {
  return body.flatMap((s) => (s.kind === 'Attribute' ? [{ name: s.name.name, value: s.value }] : s.kind === 'Block' ? attributesOf(s.body) : []));
}

/**
 * The component a reference names and the export it reads: Alloy resolves `a.b.c.d` to the
 * shortest dotted prefix that is a component id.
 */
function referenced(names: readonly string[], byId: ReadonlyMap<string, Component>): { component: Component; exported: string } | undefined {
  for (let k = 1; k < names.length; k++) {
    const component = byId.get(names.slice(0, k).join('.'));
    if (component) return { component, exported: names[k]! };
  }
  return undefined;
}

/** What a push from `from` to `to` through attribute `attr` carries. */
function pushedSignal(attr: string, from: Component, to: Component): string {
  if (signals.has(attr)) return attr;
  return namespaceSignals[namespaceOf(from.name)] ?? namespaceSignals[namespaceOf(to.name)] ?? attr;
}

/** Every reference between components of a config, as data flows: to a pushed-to export, from a read one. */
function linksOf(graph: AlloyGraph): Link[] {
  const byId = new Map(graph.components.map((c) => [c.id, c]));
  return graph.components.flatMap((c) =>
    attributesOf(c.block.body).flatMap((attr) =>
      traversalsOfExpr(attr.value).flatMap((traversal): Link[] => {
        const ref = referenced(traversal.map((i) => i.name), byId);
        if (!ref) return [];
        return pushExports.has(ref.exported)
          ? [{ from: c.id, to: ref.component.id, label: pushedSignal(attr.name, c, ref.component) }]
          : [{ from: ref.component.id, to: c.id, label: attr.name }];
      }),
    ),
  );
}

/** Receivers that instrumented apps send to, with the protocol they speak. */
const appReceivers: Readonly<Record<string, string>> = {
  'otelcol.receiver.otlp': 'OTLP',
  'otelcol.receiver.jaeger': 'Jaeger',
  'otelcol.receiver.zipkin': 'Zipkin',
  'otelcol.receiver.opencensus': 'OpenCensus',
};

/** Where a component that sends out of Alloy writes its address, and what it sends when that is fixed. */
interface Exit {
  readonly block: string;
  readonly attribute: string;
  readonly style: AddressStyle;
  readonly signal?: string;
}

/** The components that send out of Alloy. */
const exits: Readonly<Record<string, Exit>> = {
  // otelcol.exporter.otlp speaks gRPC: its endpoint is host:port; otlphttp's is a URL.
  'otelcol.exporter.otlp': { block: 'client', attribute: 'endpoint', style: 'endpoint' },
  'otelcol.exporter.otlphttp': { block: 'client', attribute: 'endpoint', style: 'url' },
  'loki.write': { block: 'endpoint', attribute: 'url', style: 'url', signal: 'logs' },
  'prometheus.remote_write': { block: 'endpoint', attribute: 'url', style: 'url', signal: 'metrics' },
  'pyroscope.write': { block: 'endpoint', attribute: 'url', style: 'url', signal: 'profiles' },
};

/** The addresses a component sends to, one per block (undefined where it is not a literal). */
function exitAddresses(block: BlockStmt, exit: Exit): (string | undefined)[] {
  const blocks = block.body.filter((s): s is BlockStmt => s.kind === 'Block' && s.name === exit.block);
  // Without the block the component still sends somewhere, which the config does not say.
  return blocks.length ? blocks.map((b) => stringAttribute(attribute(b, exit.attribute))) : [undefined];
}

/** The signals among `labels`, sorted and joined (empty when there is none). */
const signalList = (labels: readonly string[]): string => [...new Set(labels.filter((l) => signals.has(l)))].sort().join(', ');

/**
 * Adds one Alloy release's pipelines: the instrumented apps into its receivers, every reference
 * between its components (traces, logs, metrics, discovery targets), and its exporters out to
 * what their addresses name. Components that take part in no flow are left out.
 */
export function addAlloy(b: FlowBuilder, tree: Tree, alloy: Alloy, apps: () => NodeKey): void {
  const hr = alloy.release.resource;
  const system = releaseSystem('Alloy', hr.namespace, hr.name);
  const base = `alloy/${hr.namespace ?? ''}/${hr.name}`;
  if (!alloy.graph) {
    // The chart's default config, one with Helm template actions, or one that does not parse:
    // say so rather than draw nothing.
    b.node(`${base}/config`, { label: 'configuration unknown', kind: 'component', system, external: true });
    return;
  }
  const byId = new Map(alloy.graph.components.map((c) => [c.id, c]));
  const node = (id: string) => b.node(`${base}/${id}`, { label: componentLabel(byId.get(id)!), kind: 'component', system, external: false });
  const links = linksOf(alloy.graph);
  for (const c of alloy.graph.components) {
    const protocol = appReceivers[c.name];
    if (protocol) {
      const sent = signalList(links.filter((l) => l.from === c.id).map((l) => l.label));
      b.edge(apps(), node(c.id), sent ? `${sent} (${protocol})` : protocol);
    }
    const exit = exits[c.name];
    if (exit) {
      const from = node(c.id);
      // An OTLP exporter sends whatever reaches it.
      const label = exit.signal ?? (signalList(links.filter((l) => l.to === c.id).map((l) => l.label)) || 'OTLP');
      for (const address of exitAddresses(c.block, exit)) b.edge(from, addressNode(b, tree, address, exit.style, alloy.namespace, from), label);
    }
  }
  for (const l of links) b.edge(node(l.from), node(l.to), l.label);
}
