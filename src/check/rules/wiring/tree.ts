import type { CheckContext } from '../../engine';
import type { Resource } from '../../resources';
import { alloyGraph, type AlloyGraph } from './alloy';
import { listenPort, sameNamespace, type ServiceRef } from './hosts';
import { child, dig, fullnameOf, isRecord, items, releasesOf, str, type Found, type Release, type Site } from './values';

/** A Tempo (single binary, `tempo` chart) release and the Service it creates. */
export interface Tempo {
  readonly release: Release;
  /** The Service name: the chart's fullname. */
  readonly service: string;
  readonly namespace: string | undefined;
  /** The Service's OTLP gRPC port (from `tempo.receivers.otlp.protocols.grpc.endpoint`, default 4317). */
  readonly grpcPort: number;
  /** The Service's OTLP HTTP port (default 4318). */
  readonly httpPort: number;
  /** `tempo.metricsGenerator.enabled`, where it is set. */
  readonly generator: Found | undefined;
  /**
   * The metrics-generator processors Tempo runs, or undefined when the values are not all in the
   * tree (a `valuesFrom` source is missing).
   */
  readonly processors: ReadonlySet<string> | undefined;
}

/** An Alloy release and, when it can be read, its configuration. */
export interface Alloy {
  readonly release: Release;
  readonly namespace: string | undefined;
  /**
   * The parsed config; undefined when there is none to read (chart default), when it does not
   * parse, or when it holds `{{` (Helm tpl; alloy-helm-template reports it).
   */
  readonly graph: AlloyGraph | undefined;
  /** False when the config could not be read, so the rules cannot say what it contains. */
  readonly known: boolean;
  /** Whether the config comes from `alloy.configMap.content` (through tpl) rather than an existing ConfigMap. */
  readonly fromValues: boolean;
}

/** A Grafana datasource provisioned in the tree. */
export interface Datasource {
  readonly uid: string | undefined;
  readonly type: string | undefined;
  readonly name: string | undefined;
  /** The datasource object (its `jsonData` sits below). */
  readonly found: Found;
  /** `spec.datasource` of a grafana-operator GrafanaDatasource rather than a provisioning file. */
  readonly operator: boolean;
}

/** A datasource some tool in the tree provisions without a file in the tree (kube-prometheus-stack's `prometheus`). */
export interface WellKnownDatasource {
  readonly uid: string;
  readonly type: string;
  /** Who provisions it, for messages. */
  readonly by: string;
}

/** A Prometheus server of the tree that Tempo could remote-write to. */
export interface Prometheus {
  /** For messages: `HelmRelease kube-prometheus-stack` or `Prometheus main`. */
  readonly label: string;
  readonly namespace: string | undefined;
  /** Service names that reach it, with their port (undefined: any). */
  readonly services: readonly { readonly name: string; readonly port: number | undefined }[];
  /** Whether it runs with `--web.enable-remote-write-receiver`. */
  readonly receiver: boolean;
  /** How to turn the receiver on. */
  readonly fix: string;
}

/** The parts of the tree the wiring rules connect. */
export interface Tree {
  readonly releases: readonly Release[];
  readonly tempos: readonly Tempo[];
  /** Releases of Tempo charts bramble does not model (tempo-distributed). */
  readonly otherTempos: readonly Release[];
  readonly alloys: readonly Alloy[];
  /** Datasources from provisioning files (sidecar ConfigMaps and Secrets, chart values) and GrafanaDatasource objects. */
  readonly datasources: readonly Datasource[];
  /** Provisioning files Grafana reads with environment expansion: the values to scan for `$`. */
  readonly provisioning: readonly Found[];
  readonly wellKnown: readonly WellKnownDatasource[];
  /** Whether Grafana itself (grafana or kube-prometheus-stack chart, or a Grafana object) is in the tree. */
  readonly hasGrafana: boolean;
  readonly prometheuses: readonly Prometheus[];
  /** Every namespace the tree names. */
  readonly namespaces: ReadonlySet<string>;
  /** Services that the tree defines directly or through other charts' fullnames (not Tempo). */
  readonly otherServices: readonly { readonly name: string; readonly namespace: string | undefined; readonly prefix: boolean }[];
}

const truthy = (v: unknown) => v === true || v === 'true';

/** A `x.y.z` version below `[major, minor]`; undefined for ranges and other text. */
function versionBelow(version: string | undefined, major: number, minor: number): boolean {
  const m = version ? /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version.trim()) : null;
  if (!m) return false;
  const [maj, min] = [Number(m[1]), Number(m[2])];
  return maj < major || (maj === major && min < minor);
}

function stringList(found: Found | undefined): string[] {
  return Array.isArray(found?.value) ? found.value.filter((x): x is string => typeof x === 'string') : [];
}

function tempoOf(release: Release): Tempo {
  const v = release.values;
  const portOf = (path: string[], fallback: number) => {
    const endpoint = str(v.get(path)?.value);
    return (endpoint !== undefined ? listenPort(endpoint).port : undefined) ?? fallback;
  };
  const generator = v.get(['tempo', 'metricsGenerator', 'enabled']);
  const processors = new Set<string>([
    ...stringList(v.get(['tempo', 'overrides', 'defaults', 'metrics_generator', 'processors'])),
    // Tempo still reads the legacy flat overrides format (metrics_generator_processors).
    ...stringList(v.get(['tempo', 'overrides', 'metrics_generator_processors'])),
  ]);
  const perTenant = v.get(['tempo', 'per_tenant_overrides'])?.value;
  if (isRecord(perTenant)) {
    for (const tenant of Object.values(perTenant)) {
      for (const p of [['metrics_generator', 'processors'], ['metrics_generator_processors']]) {
        const list = dig(tenant, p);
        if (Array.isArray(list)) for (const x of list) if (typeof x === 'string') processors.add(x);
      }
    }
  }
  // Charts before 1.19.0 injected metrics_generator_processors: [service-graphs, span-metrics].
  if (versionBelow(release.version, 1, 19)) ['service-graphs', 'span-metrics'].forEach((p) => processors.add(p));
  return {
    release,
    service: fullnameOf(release, 'tempo'),
    namespace: release.namespace,
    grpcPort: portOf(['tempo', 'receivers', 'otlp', 'protocols', 'grpc', 'endpoint'], 4317),
    httpPort: portOf(['tempo', 'receivers', 'otlp', 'protocols', 'http', 'endpoint'], 4318),
    generator: generator && truthy(generator.value) ? generator : undefined,
    processors: processors.size || v.complete ? processors : undefined,
  };
}

function alloyOf(release: Release, resources: readonly Resource[]): Alloy {
  const v = release.values;
  // The alloy chart merges the legacy `agent:` map over `alloy:` (mustMergeOverwrite in its templates).
  const get = (...path: string[]) => v.first(['agent', ...path], ['alloy', ...path]);
  const base = { release, namespace: release.namespace };
  const create = get('configMap', 'create')?.value;
  if (create === false) {
    const name = str(get('configMap', 'name')?.value);
    const key = str(get('configMap', 'key')?.value) ?? 'config.alloy';
    const cm = resources.find((r) => r.kind === 'ConfigMap' && r.apiVersion === 'v1' && r.name === name && (r.namespace ?? '') === (release.namespace ?? release.resource.namespace ?? ''));
    const text = cm ? dig(cm.value, ['data', key]) : undefined;
    if (typeof text !== 'string') return { ...base, graph: undefined, known: false, fromValues: false };
    const graph = alloyGraph(text, { source: cm!.source, doc: cm!.doc, path: ['data', key] });
    return { ...base, graph, known: graph !== undefined, fromValues: false };
  }
  const content = get('configMap', 'content');
  if (!content || content.value === '' || content.value === null) return { ...base, graph: undefined, known: v.complete, fromValues: true };
  if (typeof content.value !== 'string' || content.value.includes('{{')) return { ...base, graph: undefined, known: false, fromValues: true };
  const graph = alloyGraph(content.value, content.site);
  return { ...base, graph, known: graph !== undefined, fromValues: true };
}

/** The datasources of a provisioning document (`apiVersion: 1`, `datasources: [...]`). */
function provisioningDatasources(file: Found): Datasource[] {
  if (!isRecord(file.value) || String(file.value.apiVersion) !== '1') return [];
  return items(child(file, 'datasources')).flatMap((d) =>
    isRecord(d.value) ? [{ uid: str(d.value.uid), type: str(d.value.type), name: str(d.value.name), found: d, operator: false }] : [],
  );
}

function kpsPrometheus(release: Release): { prometheus: Prometheus | undefined; datasources: WellKnownDatasource[]; grafana: boolean } {
  const v = release.values;
  const namespace = str(v.get(['namespaceOverride'])?.value) || release.namespace;
  // kube-prometheus-stack _helpers.tpl cuts its fullname to 26 characters to leave room for suffixes.
  const fullname = fullnameOf(release, 'kube-prometheus-stack').slice(0, 26).replace(/-+$/, '');
  const spec = (...p: string[]) => v.get(['prometheus', 'prometheusSpec', ...p])?.value;
  const features = spec('enableFeatures');
  const args = spec('additionalArgs');
  const receiver =
    truthy(spec('enableRemoteWriteReceiver')) ||
    (Array.isArray(features) && features.includes('remote-write-receiver')) ||
    (Array.isArray(args) && args.some((a) => isRecord(a) && a.name === 'web.enable-remote-write-receiver'));
  const port = v.get(['prometheus', 'service', 'port'])?.value;
  const prometheus: Prometheus | undefined =
    v.get(['prometheus', 'enabled'])?.value === false
      ? undefined
      : {
          label: `HelmRelease ${release.resource.name}`,
          namespace,
          services: [
            { name: `${fullname}-prometheus`, port: typeof port === 'number' ? port : 9090 },
            // prometheus-operator's governing Service for every Prometheus of the namespace.
            { name: 'prometheus-operated', port: 9090 },
          ],
          receiver,
          fix: `set prometheus.prometheusSpec.enableRemoteWriteReceiver: true in HelmRelease ${release.resource.name}`,
        };
  const grafana = v.get(['grafana', 'enabled'])?.value !== false;
  const datasources: WellKnownDatasource[] = [];
  if (grafana && v.get(['grafana', 'sidecar', 'datasources', 'defaultDatasourceEnabled'])?.value !== false) {
    // kube-prometheus-stack values: grafana.sidecar.datasources.uid defaults to "prometheus".
    const uid = str(v.get(['grafana', 'sidecar', 'datasources', 'uid'])?.value) ?? 'prometheus';
    datasources.push({ uid, type: 'prometheus', by: `kube-prometheus-stack (HelmRelease ${release.resource.name})` });
  }
  return { prometheus, datasources, grafana };
}

function prometheusCr(r: Resource, services: readonly Resource[]): Prometheus {
  const spec = isRecord(r.value.spec) ? r.value.spec : {};
  const features = spec.enableFeatures;
  const args = spec.additionalArgs;
  const selecting = services.filter((s) => {
    const sel = dig(s.value, ['spec', 'selector']);
    return (s.namespace ?? '') === (r.namespace ?? '') && isRecord(sel) && (sel.prometheus === r.name || sel['operator.prometheus.io/name'] === r.name);
  });
  return {
    label: `Prometheus ${r.name}`,
    namespace: r.namespace,
    services: [{ name: 'prometheus-operated', port: 9090 }, ...selecting.map((s) => ({ name: s.name, port: undefined }))],
    receiver:
      truthy(spec.enableRemoteWriteReceiver) ||
      (Array.isArray(features) && features.includes('remote-write-receiver')) ||
      (Array.isArray(args) && args.some((a) => isRecord(a) && a.name === 'web.enable-remote-write-receiver')),
    fix: `set spec.enableRemoteWriteReceiver: true on Prometheus ${r.name}`,
  };
}

function buildTree(ctx: CheckContext): Tree {
  const releases = releasesOf(ctx.resources, ctx.embedded);
  const tempos = releases.filter((r) => r.chart === 'tempo').map(tempoOf);
  const otherTempos = releases.filter((r) => r.chart !== 'tempo' && r.chart?.startsWith('tempo'));
  const alloys = releases.filter((r) => r.chart === 'alloy').map((r) => alloyOf(r, ctx.resources));

  const datasources: Datasource[] = [];
  const provisioning: Found[] = [];
  for (const e of ctx.embedded) {
    if (typeof e.path[1] !== 'string' || !/\.ya?ml$/i.test(e.path[1])) continue;
    for (const doc of e.source.documents) {
      if (doc.errors.length) continue;
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 1000 });
      } catch {
        continue;
      }
      const file: Found = { value, site: { source: e.source, doc, path: [] } };
      if (!isRecord(value) || String(value.apiVersion) !== '1' || !Array.isArray(value.datasources)) continue;
      provisioning.push(file);
      datasources.push(...provisioningDatasources(file));
    }
  }
  const wellKnown: WellKnownDatasource[] = [];
  const prometheuses: Prometheus[] = [];
  let hasGrafana = false;
  for (const release of releases) {
    const grafanaValues = release.chart === 'grafana' ? [] : release.chart === 'kube-prometheus-stack' ? ['grafana'] : undefined;
    if (grafanaValues === undefined) continue;
    if (release.chart === 'kube-prometheus-stack') {
      const kps = kpsPrometheus(release);
      if (kps.prometheus) prometheuses.push(kps.prometheus);
      wellKnown.push(...kps.datasources);
      if (!kps.grafana) continue;
      for (const d of items(release.values.get(['grafana', 'additionalDataSources']))) {
        if (!isRecord(d.value)) continue;
        provisioning.push(d);
        datasources.push({ uid: str(d.value.uid), type: str(d.value.type), name: str(d.value.name), found: d, operator: false });
      }
    }
    hasGrafana = true;
    // grafana chart: `datasources: {<file>.yaml: {apiVersion: 1, datasources: [...]}}` becomes provisioning files.
    const files = release.values.get([...grafanaValues, 'datasources']);
    if (files && isRecord(files.value)) {
      for (const key of Object.keys(files.value)) {
        const file = child(files, key);
        if (!file || !isRecord(file.value) || !Array.isArray(file.value.datasources)) continue;
        provisioning.push(file);
        datasources.push(...provisioningDatasources(file));
      }
    }
  }
  const services = ctx.resources.filter((r) => r.kind === 'Service' && r.apiVersion === 'v1');
  for (const r of ctx.resources) {
    if (r.apiVersion.startsWith('grafana.integreatly.org/') && r.kind === 'Grafana') hasGrafana = true;
    if (r.apiVersion.startsWith('grafana.integreatly.org/') && r.kind === 'GrafanaDatasource') {
      const site: Site = { source: r.source, doc: r.doc, path: ['spec', 'datasource'] };
      const ds = dig(r.value, ['spec', 'datasource']);
      if (!isRecord(ds)) continue;
      datasources.push({ uid: str(dig(r.value, ['spec', 'uid'])) ?? str(ds.uid), type: str(ds.type), name: str(ds.name), found: { value: ds, site }, operator: true });
    }
    if (r.apiVersion.startsWith('monitoring.coreos.com/') && r.kind === 'Prometheus') prometheuses.push(prometheusCr(r, services));
  }

  const namespaces = new Set<string>();
  for (const r of ctx.resources) {
    if (r.namespace) namespaces.add(r.namespace);
    if (r.kind === 'Namespace' && r.name) namespaces.add(r.name);
  }
  for (const r of releases) if (r.namespace) namespaces.add(r.namespace);

  const otherServices = [
    ...services.map((s) => ({ name: s.name, namespace: s.namespace, prefix: false })),
    ...releases.filter((r) => r.chart !== 'tempo' && r.chart !== undefined).map((r) => ({ name: fullnameOf(r, r.chart!), namespace: r.namespace, prefix: true })),
  ];
  return { releases, tempos, otherTempos, alloys, datasources, provisioning, wellKnown, hasGrafana, prometheuses, namespaces, otherServices };
}

const trees = new WeakMap<CheckContext, Tree>();

/** The wiring model of the tree a check runs over, built once per run. */
export function treeOf(ctx: CheckContext): Tree {
  let tree = trees.get(ctx);
  if (!tree) {
    tree = buildTree(ctx);
    trees.set(ctx, tree);
  }
  return tree;
}

/** The Tempo releases whose Service `ref` names, as seen from a pod in `clientNamespace`. */
export function temposOf(tree: Tree, ref: ServiceRef, clientNamespace: string | undefined): Tempo[] {
  return tree.tempos.filter((t) => t.service === ref.service && sameNamespace(ref, clientNamespace, t.namespace));
}

/** Whether `ref` names a Service of the tree that is not a Tempo (another backend). */
export function isOtherService(tree: Tree, ref: ServiceRef, clientNamespace: string | undefined): boolean {
  return tree.otherServices.some(
    (s) => (s.name === ref.service || (s.prefix && ref.service.startsWith(`${s.name}-`))) && sameNamespace(ref, clientNamespace, s.namespace),
  );
}
