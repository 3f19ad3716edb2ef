import type { Diagnostic } from '../../diagnostic';
import type { Rule } from '../../engine';
import { ancestors, attribute, componentLabel, reachable, stringAttribute, subBlock, type AlloyGraph, type Component } from './alloy';
import { isLoopback, listenPort, parseEndpoint, parseUrl, serviceOfHost } from './hosts';
import { isOtherService, temposOf, treeOf, type Alloy, type Tempo, type Tree } from './tree';
import { isRecord, items } from './values';

const portNumber = (x: unknown) => (typeof x === 'number' ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : undefined);

const where = (ns: string | undefined) => (ns ? ` in ${ns}` : '');
const tempoLabel = (t: Tempo) => `Tempo "${t.service}"${where(t.namespace)}`;
/** The in-cluster address of a Tempo Service, as Alloy should write it. */
const tempoAddress = (t: Tempo, port: number) => (t.namespace ? `${t.service}.${t.namespace}.svc.cluster.local:${port}` : `${t.service}:${port}`);

/** The Tempo an exporter component sends traces to, if the tree has it. */
function exporterTarget(tree: Tree, alloy: Alloy, c: Component): Tempo | undefined {
  const client = subBlock(c.block, 'client');
  const endpoint = client && stringAttribute(attribute(client, 'endpoint'));
  if (endpoint === undefined) return undefined;
  const hp = c.name === 'otelcol.exporter.otlp' ? parseEndpoint(endpoint) : c.name === 'otelcol.exporter.otlphttp' ? parseUrl(endpoint) : undefined;
  const ref = hp && serviceOfHost(hp.host, tree.namespaces);
  return ref ? temposOf(tree, ref, alloy.namespace)[0] : undefined;
}

const analysed = (tree: Tree): { alloy: Alloy; graph: AlloyGraph }[] => tree.alloys.flatMap((a) => (a.graph ? [{ alloy: a, graph: a.graph }] : []));

/**
 * exporter-endpoint: an `otelcol.exporter.otlp` whose `client.endpoint` names an in-cluster host
 * that is no Tempo Service of the tree (the single-binary chart creates one Service, named by the
 * chart's fullname), or a Tempo Service on another port than its OTLP gRPC one. Endpoints that are
 * not string literals, outside the cluster, or another Service of the tree are left alone; so is
 * every endpoint when the tree has no Tempo release.
 */
export const exporterEndpointRule: Rule = {
  id: 'exporter-endpoint',
  run: (ctx) => {
    const tree = treeOf(ctx);
    if (!tree.tempos.length) return [];
    const out: Diagnostic[] = [];
    for (const { alloy, graph } of analysed(tree)) {
      for (const c of graph.components) {
        if (c.name !== 'otelcol.exporter.otlp') continue;
        const client = subBlock(c.block, 'client');
        const attr = client && attribute(client, 'endpoint');
        const endpoint = stringAttribute(attr);
        const hp = endpoint !== undefined ? parseEndpoint(endpoint) : undefined;
        const ref = hp && serviceOfHost(hp.host, tree.namespaces);
        if (!attr || !hp || !ref) continue;
        const at = graph.position(attr.value.start);
        const tempos = temposOf(tree, ref, alloy.namespace);
        const tempo = tempos[0];
        if (tempo) {
          if (tempos.some((t) => t.grpcPort === hp.port)) continue;
          const why =
            hp.port === undefined
              ? `has no port (Tempo takes OTLP/gRPC on ${tempo.grpcPort})`
              : hp.port === tempo.httpPort
                ? `uses ${hp.port}, Tempo's OTLP/HTTP port; otelcol.exporter.otlp speaks gRPC`
                : `uses port ${hp.port}, where Tempo takes no OTLP/gRPC`;
          out.push(
            ctx.diagnostic(
              'exporter-endpoint',
              graph.file,
              at,
              `${componentLabel(c)} sends to ${tempoLabel(tempo)} but ${why}`,
              `use endpoint = "${tempoAddress(tempo, tempo.grpcPort)}"`,
            ),
          );
          continue;
        }
        if (isOtherService(tree, ref, alloy.namespace) || tree.otherTempos.length) continue;
        const ns = ref.namespace ?? alloy.namespace;
        const best = tree.tempos.find((t) => t.namespace === ns) ?? tree.tempos[0]!;
        out.push(
          ctx.diagnostic(
            'exporter-endpoint',
            graph.file,
            at,
            `${componentLabel(c)} sends to "${endpoint}", which is no Tempo Service in the tree`,
            `the tempo release "${best.release.releaseName}" creates Service "${best.service}"${where(best.namespace)}: use endpoint = "${tempoAddress(best, best.grpcPort)}"`,
          ),
        );
      }
    }
    return out;
  },
};

/**
 * unexposed-port: an `otelcol.receiver.otlp` server (a `grpc` or `http` block; ports 4317/4318
 * when no endpoint is written) whose port is no `targetPort` of the release's `alloy.extraPorts`
 * (or the legacy `agent.extraPorts`): the alloy chart opens only those on the container and the
 * Service, so nothing outside the pod reaches the receiver.
 */
export const unexposedPortRule: Rule = {
  id: 'unexposed-port',
  run: (ctx) => {
    const tree = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const { alloy, graph } of analysed(tree)) {
      const v = alloy.release.values;
      const agent = v.get(['agent', 'extraPorts']);
      const extra = agent ? { key: 'agent.extraPorts', found: agent } : { key: 'alloy.extraPorts', found: v.get(['alloy', 'extraPorts']) };
      if (!extra.found && !v.complete) continue;
      const entries = items(extra.found).flatMap((e) => (isRecord(e.value) ? [e.value] : []));
      const targets = new Set(entries.map((e) => portNumber(e.targetPort)).filter((p): p is number => p !== undefined));
      for (const c of graph.components) {
        if (c.name !== 'otelcol.receiver.otlp') continue;
        for (const [proto, label, fallback] of [
          ['grpc', 'OTLP/gRPC', 4317],
          ['http', 'OTLP/HTTP', 4318],
        ] as const) {
          const block = subBlock(c.block, proto);
          if (!block) continue;
          const attr = attribute(block, 'endpoint');
          const endpoint = attr ? stringAttribute(attr) : undefined;
          if (attr && endpoint === undefined) continue;
          const { host, port } = endpoint !== undefined ? listenPort(endpoint) : { host: '', port: fallback };
          if (port === undefined || isLoopback(host) || targets.has(port)) continue;
          const at = graph.position(block.start);
          const portOnly = entries.some((e) => portNumber(e.port) === port && e.targetPort === undefined);
          out.push(
            ctx.diagnostic(
              'unexposed-port',
              graph.file,
              at,
              `${componentLabel(c)} listens for ${label} on port ${port}, but ${extra.key} of HelmRelease ${alloy.release.resource.name} has no targetPort ${port}: the pod and its Service do not open it`,
              portOnly
                ? `give the ${extra.key} entry with port ${port} a targetPort: ${port} (the chart uses targetPort for the container port)`
                : `add to ${extra.key}: {name: otlp-${proto}, port: ${port}, targetPort: ${port}, protocol: TCP}`,
            ),
          );
        }
      }
    }
    return out;
  },
};

const samplers = new Set(['otelcol.processor.probabilistic_sampler', 'otelcol.processor.tail_sampling']);
const redConnectors = new Set(['otelcol.connector.spanmetrics', 'otelcol.connector.servicegraph']);
const redProcessors = ['span-metrics', 'service-graphs'];

/**
 * sampling-before-metrics: a sampler on the traces path to a Tempo whose metrics generator runs
 * span-metrics or service-graphs, with no spanmetrics/servicegraph connector fed ahead of the
 * sampler. Tempo computes those metrics from the spans it receives, so they would count only the
 * sampled ones (request rates and error counts scaled down, latencies skewed by tail policies).
 */
export const samplingBeforeMetricsRule: Rule = {
  id: 'sampling-before-metrics',
  run: (ctx) => {
    const tree = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const { alloy, graph } of analysed(tree)) {
      const byId = new Map(graph.components.map((c) => [c.id, c]));
      for (const s of graph.components) {
        if (!samplers.has(s.name)) continue;
        const downstream = [...reachable(graph, [s.id])].map((id) => byId.get(id)!);
        const tempo = downstream
          .map((c) => exporterTarget(tree, alloy, c))
          .find((t) => t?.generator && t.processors && redProcessors.some((p) => t.processors!.has(p)));
        if (!tempo) continue;
        const ahead = reachable(graph, ancestors(graph, s.id), s.id);
        if ([...ahead].some((id) => redConnectors.has(byId.get(id)!.name))) continue;
        const at = graph.position(s.block.start);
        const procs = redProcessors.filter((p) => tempo.processors!.has(p)).join(' and ');
        out.push(
          ctx.diagnostic(
            'sampling-before-metrics',
            graph.file,
            at,
            `${componentLabel(s)} samples traces on their way to ${tempoLabel(tempo)}, whose metrics generator (${procs}) then counts only the sampled spans`,
            'compute RED metrics before sampling: feed an otelcol.connector.spanmetrics (and servicegraph) from a component ahead of the sampler, or do not sample traces bound for this Tempo',
          ),
        );
      }
    }
    return out;
  },
};
