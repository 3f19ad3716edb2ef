import { findEmbedded, type CheckContext } from '../check/engine';
import { resourcesOf } from '../check/resources';
import { links, linkUid } from '../check/rules/wiring/grafana-rules';
import { remoteWriteUrls } from '../check/rules/wiring/tempo-rules';
import { treeOf, type Datasource, type Tempo, type Tree, type WellKnownDatasource } from '../check/rules/wiring/tree';
import { dig, str } from '../check/rules/wiring/values';
import { parseYaml } from '../check/source';
import { logsDatasourceTypes, metricsDatasourceTypes } from '../grafana/correlation-targets';
import { addAlloy } from './alloy';
import { byText, FlowBuilder, type FlowGraph, type NodeKey } from './model';
import { addressNode, tempoNode, tempoSystem } from './targets';

/** A file of a GitOps tree: its path relative to the tree's root, and its text. */
export interface TreeFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The wiring model of a tree, built by the same code `bramble check` uses. The graph reports
 * nothing, so the context's diagnostic factory is never called.
 */
function treeOfFiles(files: readonly TreeFile[]): Tree {
  const sources = files
    .filter((f) => /\.ya?ml$/i.test(f.path))
    .sort((a, b) => byText(a.path, b.path))
    .map((f) => parseYaml(f.path, f.content));
  const resources = sources.flatMap(resourcesOf);
  const ctx: CheckContext = {
    sources,
    resources,
    embedded: findEmbedded(resources),
    diagnostic: () => {
      throw new Error('the flow graph reports no diagnostics');
    },
  };
  return treeOf(ctx);
}

/** What the generator's remote write carries: the metrics of the processors that write any. */
function generatedMetrics(t: Tempo): string {
  if (!t.processors) return 'metrics (remote write)';
  const written = [...t.processors].filter((p) => p === 'service-graphs' || p === 'span-metrics').sort();
  // Since tempo chart 1.19.0 an enabled generator with no processor generates nothing.
  return written.length ? `${written.join(', ')} (remote write)` : 'nothing (no processor enabled)';
}

/** A Tempo release: its Service, and its metrics generator remote-writing to Prometheus. */
function addTempo(b: FlowBuilder, tree: Tree, t: Tempo): void {
  const tempo = tempoNode(b, t);
  if (!t.generator) return;
  const processors = t.processors ? [...t.processors].sort().join(', ') || 'no processor' : 'processors unknown';
  const generator = b.node(`${tempo}/generator`, { label: `metrics generator (${processors})`, kind: 'component', system: tempoSystem(t), external: false });
  b.edge(tempo, generator, 'spans');
  for (const { url } of remoteWriteUrls(t, t.generator)) b.edge(generator, addressNode(b, tree, url, 'url', t.namespace, generator), generatedMetrics(t));
}

const grafana = 'Grafana';

const datasourceKey = (uid: string | undefined, name: string | undefined) => (uid !== undefined ? `datasource-uid/${uid}` : `datasource-name/${name ?? ''}`);

function datasourceNode(b: FlowBuilder, ds: Datasource): NodeKey {
  const what = [`type ${ds.type ?? 'unknown'}`, ...(ds.uid !== undefined ? [`uid ${ds.uid}`] : [])].join(', ');
  return b.node(datasourceKey(ds.uid, ds.name), { label: `datasource "${ds.name ?? ds.uid ?? ''}" (${what})`, kind: 'datasource', system: grafana, external: false });
}

function wellKnownNode(b: FlowBuilder, w: WellKnownDatasource): NodeKey {
  return b.node(datasourceKey(w.uid, undefined), { label: `datasource uid "${w.uid}" (type ${w.type}, provisioned by ${w.by})`, kind: 'datasource', system: grafana, external: false });
}

/** The datasource a correlation names by uid; one outside the tree when the tree has none with it. */
function uidNode(b: FlowBuilder, tree: Tree, uid: string): NodeKey {
  const ds = tree.datasources.find((d) => d.uid === uid);
  if (ds) return datasourceNode(b, ds);
  const known = tree.wellKnown.find((w) => w.uid === uid);
  if (known) return wellKnownNode(b, known);
  return b.node(datasourceKey(uid, undefined), { label: `datasource uid "${uid}" (not in the tree)`, kind: 'datasource', system: grafana, external: true });
}

/** What Grafana reads through a datasource of `type`. */
function queried(type: string | undefined): string {
  if (type === 'tempo') return 'queries traces';
  if (type !== undefined && logsDatasourceTypes.includes(type)) return 'queries logs';
  if (type !== undefined && metricsDatasourceTypes.includes(type)) return 'queries metrics';
  return 'queries';
}

/** Grafana's datasources: each to the backend its URL names, and a Tempo datasource's correlations. */
function addGrafana(b: FlowBuilder, tree: Tree): void {
  for (const ds of tree.datasources) {
    const node = datasourceNode(b, ds);
    const url = str(dig(ds.found.value, ['url']));
    // Grafana is not in the tree's namespaces as a client: a host without a namespace matches any.
    if (url !== undefined) b.edge(node, addressNode(b, tree, url, 'url', undefined, node), queried(ds.type));
    if (ds.type !== 'tempo') continue;
    for (const link of links) {
      const ref = linkUid(ds, link.key);
      if (ref) b.edge(node, uidNode(b, tree, ref.uid), link.what);
    }
  }
  // Last: a datasource the tree provisions keeps its own node even when kube-prometheus-stack's
  // default datasource has the same uid.
  tree.wellKnown.forEach((w) => wellKnownNode(b, w));
}

/**
 * The data flow of a rendered GitOps tree (synthesized or hand-written): instrumented apps into
 * Alloy's receivers, through its processors and connectors to its exporters, into Tempo (or
 * whatever the exporters' addresses name), Tempo's metrics generator to Prometheus, and Grafana's
 * datasources with their correlations. Deterministic: the same tree gives the same graph.
 */
export function flowGraph(files: readonly TreeFile[]): FlowGraph {
  const tree = treeOfFiles(files);
  const b = new FlowBuilder();
  const apps = () => b.node('apps', { label: 'instrumented apps', kind: 'source', external: false });
  for (const alloy of tree.alloys) addAlloy(b, tree, alloy, apps);
  for (const t of tree.tempos) addTempo(b, tree, t);
  addGrafana(b, tree);
  return b.build();
}
