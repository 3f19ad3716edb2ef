import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { setOutputFile } from '../core/folder';
import { addRule, type Finding } from '../core/validation';
import { locateValuePath, stringifyFile } from '../render/yaml';
import { logsDatasourceTypes, metricsDatasourceTypes } from './correlation-targets';
import { datasourcesIn, markDatasource, type IDatasource } from './datasource';

/** A span attribute mapped to a label of the target datasource (`{key, value}` in Grafana). */
export interface CorrelationTag {
  /** The span or resource attribute, such as `k8s.pod.name`. */
  readonly key: string;
  /** The label in the target datasource, such as `pod`. @default the same as key */
  readonly value?: string;
}

/** Trace-to-logs (`jsonData.tracesToLogsV2`). */
export interface TracesToLogsProps {
  /** The logs datasource, or its uid. */
  readonly datasource: IDatasource | string;
  readonly tags: readonly CorrelationTag[];
  /** @default '-5m' */
  readonly spanStartTimeShift?: string;
  /** @default '5m' */
  readonly spanEndTimeShift?: string;
  /** @default true */
  readonly filterByTraceId?: boolean;
  /** @default false */
  readonly filterBySpanId?: boolean;
  /**
   * A custom query, written as in Grafana's UI (`{${__tags}} |= "${__trace.traceId}"`); bramble
   * writes every `$` as `$$` in the provisioning file.
   * @default Grafana's generated query from the tags
   */
  readonly query?: string;
}

/** A named query of trace-to-metrics. */
export interface MetricsQuery {
  readonly name: string;
  /** PromQL as in Grafana's UI; `$__tags` expands to the mapped tags. `$` is escaped on output. */
  readonly query: string;
}

/** Trace-to-metrics (`jsonData.tracesToMetrics`). */
export interface TracesToMetricsProps {
  readonly datasource: IDatasource | string;
  readonly tags: readonly CorrelationTag[];
  readonly queries?: readonly MetricsQuery[];
  /** @default '-2m' (Grafana's UI default) */
  readonly spanStartTimeShift?: string;
  /** @default '2m' */
  readonly spanEndTimeShift?: string;
}

/** Properties of a {@link TempoDatasource}. */
export interface TempoDatasourceProps {
  /** The namespace Grafana's datasource sidecar watches (by default, Grafana's own). */
  readonly namespace: string;
  /** The Tempo query URL (from the Tempo release's query endpoint). */
  readonly url: string;
  /** @default 'tempo' */
  readonly uid?: string;
  /** @default 'Tempo' */
  readonly name?: string;
  readonly tracesToLogs?: TracesToLogsProps;
  readonly tracesToMetrics?: TracesToMetricsProps;
  /** The Prometheus holding service-graph metrics (`jsonData.serviceMap`). */
  readonly serviceMap?: IDatasource | string;
  /** @default true */
  readonly nodeGraph?: boolean;
  /**
   * The label that makes Grafana's datasource sidecar load the ConfigMap.
   * @default { grafana_datasource: '1' } (kube-prometheus-stack's sidecar settings)
   */
  readonly sidecarLabels?: Readonly<Record<string, string>>;
  /** @default 'grafana-datasource.yaml' */
  readonly file?: string;
}

// Grafana expands $VAR and ${VAR} from the environment in provisioning files; $$ is a literal $.
const escapeDollars = (s: string) => s.replace(/\$/g, '$$$$');

/**
 * A Tempo datasource provisioned through Grafana's datasource sidecar: a ConfigMap holding a
 * provisioning file with trace-to-logs, trace-to-metrics, the service map and the node graph.
 * @see https://grafana.com/docs/grafana/latest/datasources/tempo/configure-tempo-data-source/provision/
 */
export class TempoDatasource extends Construct implements IDatasource {
  public readonly uid: string;
  public readonly type = 'tempo';
  public readonly name: string;
  public readonly namespace: string;
  private readonly props: TempoDatasourceProps;

  constructor(scope: Construct, id: string, props: TempoDatasourceProps) {
    super(scope, id);
    markDatasource(this);
    this.props = props;
    this.uid = props.uid ?? 'tempo';
    this.name = props.name ?? 'Tempo';
    this.namespace = props.namespace;
    const dataKey = 'tempo-datasource.yaml';
    const resource = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `${this.uid}-grafana-datasource`,
        namespace: this.namespace,
        labels: { ...(props.sidecarLabels ?? { grafana_datasource: '1' }) },
        // Flux postBuild substitution would also rewrite ${...}; opt this object out.
        annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' },
      },
      data: Lazy.any({ produce: () => ({ [dataKey]: stringifyFile([this.provisioning()]) }) }),
    });
    setOutputFile(resource, props.file ?? 'grafana-datasource.yaml');
    addRule(this, () => this.checkCorrelations(resource));
  }

  /** The provisioning document (`apiVersion: 1`, `datasources: [...]`), with `$` escaped. */
  public provisioning(): Record<string, unknown> {
    const p = this.props;
    const uidOf = (d: IDatasource | string) => (typeof d === 'string' ? d : d.uid);
    const tags = (ts: readonly CorrelationTag[]) => ts.map((t) => ({ key: t.key, value: t.value ?? t.key }));
    const jsonData: Record<string, unknown> = {
      nodeGraph: { enabled: p.nodeGraph ?? true },
      search: { hide: false },
    };
    if (p.tracesToLogs) {
      const l = p.tracesToLogs;
      jsonData.tracesToLogsV2 = {
        datasourceUid: uidOf(l.datasource),
        tags: tags(l.tags),
        spanStartTimeShift: l.spanStartTimeShift ?? '-5m',
        spanEndTimeShift: l.spanEndTimeShift ?? '5m',
        filterByTraceID: l.filterByTraceId ?? true,
        filterBySpanID: l.filterBySpanId ?? false,
        customQuery: l.query !== undefined,
        ...(l.query !== undefined ? { query: escapeDollars(l.query) } : {}),
      };
    }
    if (p.tracesToMetrics) {
      const m = p.tracesToMetrics;
      jsonData.tracesToMetrics = {
        datasourceUid: uidOf(m.datasource),
        tags: tags(m.tags),
        spanStartTimeShift: m.spanStartTimeShift ?? '-2m',
        spanEndTimeShift: m.spanEndTimeShift ?? '2m',
        queries: (m.queries ?? []).map((q) => ({ name: q.name, query: escapeDollars(q.query) })),
      };
    }
    if (p.serviceMap) jsonData.serviceMap = { datasourceUid: uidOf(p.serviceMap) };
    return {
      apiVersion: 1,
      datasources: [
        { name: this.name, type: this.type, uid: this.uid, access: 'proxy', url: p.url, editable: false, jsonData },
      ],
    };
  }

  private checkCorrelations(resource: ApiObject): Finding[] {
    const known = datasourcesIn(this);
    const findings: Finding[] = [];
    const check = (what: string, jsonKey: string, ref: IDatasource | string | undefined, types: readonly string[]) => {
      if (ref === undefined) return;
      const uid = typeof ref === 'string' ? ref : ref.uid;
      const target = known.find((d) => d.uid === uid);
      const at = {
        object: resource,
        path: ['data', 'tempo-datasource.yaml'],
        inner: (text: string) => locateValuePath(text, 0, ['datasources', 0, 'jsonData', jsonKey, 'datasourceUid']),
      };
      if (!target) {
        findings.push({
          ruleId: 'unknown-datasource-uid',
          message: `${what} points at datasource uid "${uid}", which no datasource in the stack has (known: ${known.map((d) => d.uid).sort().join(', ') || 'none'})`,
          hint: 'declare the datasource (LokiDatasource, PrometheusDatasource) and pass the object instead of a uid',
          at,
        });
      } else if (!types.includes(target.type)) {
        findings.push({
          ruleId: 'unknown-datasource-uid',
          message: `${what} points at "${uid}", a ${target.type} datasource; it needs one of: ${types.join(', ')}`,
          at,
        });
      }
    };
    check('tracesToLogsV2', 'tracesToLogsV2', this.props.tracesToLogs?.datasource, logsDatasourceTypes);
    check('tracesToMetrics', 'tracesToMetrics', this.props.tracesToMetrics?.datasource, metricsDatasourceTypes);
    check('serviceMap', 'serviceMap', this.props.serviceMap, metricsDatasourceTypes);
    for (const [what, s] of [
      ['tracesToLogs.query', this.props.tracesToLogs?.query],
      ...(this.props.tracesToMetrics?.queries ?? []).map((q) => [`tracesToMetrics query "${q.name}"`, q.query] as const),
    ] as const) {
      if (s?.includes('$$')) {
        findings.push({
          ruleId: 'invalid-value',
          message: `${what} contains "$$"; write queries as in Grafana's UI, bramble escapes "$" itself`,
          at: { object: resource, path: ['data', 'tempo-datasource.yaml'] },
        });
      }
    }
    return findings;
  }
}
