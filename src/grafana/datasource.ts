import { Construct, type IConstruct } from 'constructs';
import { ServiceEndpoint } from '../core/endpoint';
import { chartFullname } from '../flux/release-name';

/** A Grafana datasource that correlations can point at by uid. */
export interface IDatasource extends IConstruct {
  /** The datasource uid; correlations name it. */
  readonly uid: string;
  /** The plugin type id: `loki`, `prometheus`, `tempo`, ... */
  readonly type: string;
  /** The display name. */
  readonly name: string;
}

const datasourceSymbol = Symbol.for('bramble.Datasource');

/** True when `x` is a datasource construct (works across copies of the library). */
export function isDatasource(x: unknown): x is IDatasource {
  return typeof x === 'object' && x !== null && datasourceSymbol in x;
}

/** Every datasource declared or provisioned anywhere in the tree that holds `scope`. */
export function datasourcesIn(scope: IConstruct): IDatasource[] {
  return scope.node.root.node.findAll().filter(isDatasource);
}

/** Marks a construct as a datasource for {@link isDatasource}. */
export function markDatasource(c: IDatasource): void {
  Object.defineProperty(c, datasourceSymbol, { value: true });
}

/** Properties of a {@link LokiDatasource}. */
export interface LokiDatasourceProps {
  /** @default 'loki' */
  readonly uid?: string;
  /** @default 'Loki' */
  readonly name?: string;
  /** The Loki endpoint that accepts pushes and queries (with the loki chart: the gateway). */
  readonly service: ServiceEndpoint;
}

/**
 * A Loki datasource that already exists in Grafana (provisioned by whatever installs Loki). It is
 * declared so correlations can be checked, and it carries Loki's push URL for Alloy.
 */
export class LokiDatasource extends Construct implements IDatasource {
  public readonly uid: string;
  public readonly type = 'loki';
  public readonly name: string;
  public readonly service: ServiceEndpoint;

  constructor(scope: Construct, id: string, props: LokiDatasourceProps) {
    super(scope, id);
    markDatasource(this);
    this.uid = props.uid ?? 'loki';
    this.name = props.name ?? 'Loki';
    this.service = props.service;
  }

  /** The push API URL, for `loki.write`. */
  public get pushUrl(): string {
    return this.service.url('/loki/api/v1/push');
  }
}

/** Properties of a {@link PrometheusDatasource}. */
export interface PrometheusDatasourceProps {
  /** @default 'prometheus' */
  readonly uid?: string;
  /** @default 'Prometheus' */
  readonly name?: string;
  /** The Prometheus HTTP API. */
  readonly service: ServiceEndpoint;
  /**
   * Whether this Prometheus runs with `--web.enable-remote-write-receiver` (kube-prometheus-stack:
   * `prometheus.prometheusSpec.enableRemoteWriteReceiver: true`). Prometheus defaults to off, and
   * then answers every remote write with 404, so Tempo's metrics generator refuses a target that
   * does not say it is on.
   * @default false
   * @see https://prometheus.io/docs/prometheus/latest/command-line/prometheus/
   */
  readonly remoteWriteReceiver?: boolean;
}

/** Properties of {@link PrometheusDatasource.kubePrometheusStack}. */
export interface KubePrometheusStackProps extends Omit<PrometheusDatasourceProps, 'service'> {
  /** @default 'kube-prometheus-stack' */
  readonly releaseName?: string;
  /** @default 'monitoring' */
  readonly namespace?: string;
}

/**
 * A Prometheus datasource that already exists in Grafana, and the Prometheus behind it (the
 * remote-write target of Tempo's metrics generator).
 */
export class PrometheusDatasource extends Construct implements IDatasource {
  /**
   * The Prometheus of a kube-prometheus-stack release: Service `<fullname>-prometheus` port 9090,
   * where fullname is the chart's fullname truncated to 26 characters, and datasource uid
   * `prometheus`, as the chart provisions it.
   */
  public static kubePrometheusStack(scope: Construct, id: string, props: KubePrometheusStackProps = {}): PrometheusDatasource {
    const release = props.releaseName ?? 'kube-prometheus-stack';
    // kube-prometheus-stack _helpers.tpl: fullname is cut to 26 characters to leave room for suffixes.
    const fullname = chartFullname(release, 'kube-prometheus-stack').slice(0, 26).replace(/-+$/, '');
    return new PrometheusDatasource(scope, id, {
      ...props,
      service: new ServiceEndpoint(`${fullname}-prometheus`, props.namespace ?? 'monitoring', 9090),
    });
  }

  public readonly uid: string;
  public readonly type = 'prometheus';
  public readonly name: string;
  public readonly service: ServiceEndpoint;
  public readonly remoteWriteReceiver: boolean;

  constructor(scope: Construct, id: string, props: PrometheusDatasourceProps) {
    super(scope, id);
    markDatasource(this);
    this.uid = props.uid ?? 'prometheus';
    this.name = props.name ?? 'Prometheus';
    this.service = props.service;
    this.remoteWriteReceiver = props.remoteWriteReceiver ?? false;
  }

  /** The remote-write receiver URL. */
  public get remoteWriteUrl(): string {
    return this.service.url('/api/v1/write');
  }
}
