import { Construct } from 'constructs';
import { parseGoDuration } from '../core/duration';
import { ServiceEndpoint } from '../core/endpoint';
import { addRule, type Finding } from '../core/validation';
import { releaseOfChart, type ChartReleaseProps } from '../flux/chart-release';
import type { HelmRelease } from '../flux/helm-release';
import type { PrometheusDatasource } from '../grafana/datasource';

/**
 * The tempo chart's repository. The chart moved to grafana-community in January 2026; the old
 * grafana repository stops at 1.24.4, which is marked deprecated.
 * @see https://github.com/grafana-community/helm-charts/tree/main/charts/tempo
 */
export const tempoChartRepositoryUrl = 'https://grafana-community.github.io/helm-charts';

/**
 * The tempo chart version bramble models and tests against: the newest inside `>=1.10.0 <2.0.0`.
 */
export const tempoChartVersion = '1.26.7';

/** Tempo's HTTP (query) port: hard-coded as 3200 in the chart's Service since 1.23.1. */
export const tempoQueryPort = 3200;

/** A metrics-generator processor, as Tempo names it in `overrides.defaults.metrics_generator.processors`. */
export type TempoProcessor = 'service-graphs' | 'span-metrics' | 'local-blocks';

/** Properties of the metrics generator. */
export interface TempoMetricsGeneratorProps {
  /** The Prometheus the generated series are remote-written to. It must accept remote write. */
  readonly remoteWrite: PrometheusDatasource;
  /**
   * The processors to run. The chart enables none by itself since 1.19.0.
   * @default ['service-graphs', 'span-metrics']
   */
  readonly processors?: readonly TempoProcessor[];
}

/** Properties of the Tempo volume. */
export interface TempoPersistenceProps {
  /** @default the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** @default '10Gi' */
  readonly size?: string;
}

/** Properties of a {@link TempoRelease}. */
export interface TempoReleaseProps extends ChartReleaseProps {
  /**
   * How long traces are kept (`tempo.retention`, Tempo's `compactor.compaction.block_retention`):
   * a Go duration such as `72h`. There is no `d` unit.
   * @default '24h' (the chart's default)
   */
  readonly retention?: string;
  /** Local trace storage paths. @default the chart's: /var/tempo/traces and /var/tempo/wal */
  readonly storage?: { readonly localPath?: string; readonly walPath?: string };
  /**
   * Which OTLP receivers Tempo runs (ports 4317 and 4318; the chart's Service maps them fixed).
   * @default both
   */
  readonly otlp?: { readonly grpc?: boolean; readonly http?: boolean };
  /** The metrics generator (span metrics and service graphs into Prometheus). @default off */
  readonly metricsGenerator?: TempoMetricsGeneratorProps;
  /** A PersistentVolumeClaim for /var/tempo. @default none (an emptyDir: traces are lost on restart) */
  readonly persistence?: TempoPersistenceProps;
}

/**
 * Grafana Tempo (single binary) as a Flux HelmRelease of the `tempo` chart, with typed values at the
 * chart's real key paths, and the in-cluster endpoints its Service will have.
 * @see https://grafana.com/docs/tempo/latest/setup/helm-chart/
 */
export class TempoRelease extends Construct {
  /** The underlying HelmRelease. */
  public readonly release: HelmRelease;
  /** The Service name: the chart's fullname of the release name. */
  public readonly serviceName: string;
  /** Tempo's HTTP API (Grafana's datasource URL). */
  public readonly queryEndpoint: ServiceEndpoint;
  /** OTLP over gRPC (what otelcol.exporter.otlp sends to). */
  public readonly otlpGrpcEndpoint: ServiceEndpoint;
  /** OTLP over HTTP. */
  public readonly otlpHttpEndpoint: ServiceEndpoint;
  /** The metrics generator, when enabled. */
  public readonly metricsGenerator?: TempoMetricsGeneratorProps;
  private readonly props: TempoReleaseProps;

  constructor(scope: Construct, id: string, props: TempoReleaseProps) {
    super(scope, id);
    this.props = props;
    ({ release: this.release, serviceName: this.serviceName } = releaseOfChart(
      this,
      { repositoryName: 'grafana-community', repositoryUrl: tempoChartRepositoryUrl, chart: 'tempo', version: tempoChartVersion },
      props,
      () => this.values(),
    ));
    const ns = this.release.targetNamespace;
    this.queryEndpoint = new ServiceEndpoint(this.serviceName, ns, tempoQueryPort);
    this.otlpGrpcEndpoint = new ServiceEndpoint(this.serviceName, ns, 4317);
    this.otlpHttpEndpoint = new ServiceEndpoint(this.serviceName, ns, 4318);
    if (props.metricsGenerator) this.metricsGenerator = props.metricsGenerator;
    addRule(this, () => this.check());
  }

  /** The processors the metrics generator runs (empty when it is off). */
  public get processors(): readonly TempoProcessor[] {
    return this.metricsGenerator ? (this.metricsGenerator.processors ?? ['service-graphs', 'span-metrics']) : [];
  }

  /** The chart values, at the tempo chart's key paths. */
  public values(): Record<string, unknown> {
    const p = this.props;
    const otlp = p.otlp ?? {};
    const protocols: Record<string, unknown> = {};
    if (otlp.grpc ?? true) protocols.grpc = { endpoint: '0.0.0.0:4317' };
    if (otlp.http ?? true) protocols.http = { endpoint: '0.0.0.0:4318' };
    const tempo: Record<string, unknown> = {
      retention: p.retention ?? '24h',
      storage: {
        trace: {
          backend: 'local',
          local: { path: p.storage?.localPath ?? '/var/tempo/traces' },
          wal: { path: p.storage?.walPath ?? '/var/tempo/wal' },
        },
      },
      receivers: { otlp: { protocols } },
    };
    if (this.metricsGenerator) {
      tempo.metricsGenerator = { enabled: true, remoteWriteUrl: this.metricsGenerator.remoteWrite.remoteWriteUrl };
      // Since chart 1.19.0 enabling the generator enables no processor: they are a per-tenant
      // override (Tempo docs: overrides.defaults.metrics_generator.processors).
      tempo.overrides = { defaults: { metrics_generator: { processors: [...this.processors] } } };
    }
    const values: Record<string, unknown> = { tempo };
    if (p.persistence) {
      values.persistence = {
        enabled: true,
        ...(p.persistence.storageClassName !== undefined ? { storageClassName: p.persistence.storageClassName } : {}),
        size: p.persistence.size ?? '10Gi',
      };
    }
    return values;
  }

  private check(): Finding[] {
    const p = this.props;
    const findings: Finding[] = [];
    const at = (...path: string[]) => ({ object: this.release, path: ['spec', 'values', ...path] });
    if (p.retention !== undefined) {
      const ms = parseGoDuration(p.retention);
      if (ms === undefined || ms <= 0) {
        findings.push({
          ruleId: 'invalid-duration',
          message: `retention "${p.retention}" is not a positive Go duration; Tempo would refuse its config and crash-loop`,
          hint: 'use hours, such as 72h for three days (Go durations have no d unit)',
          at: at('tempo', 'retention'),
        });
      }
    }
    if (p.persistence?.size !== undefined && !/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.test(p.persistence.size)) {
      findings.push({
        ruleId: 'invalid-value',
        message: `persistence size "${p.persistence.size}" is not a Kubernetes quantity`,
        hint: 'use a size such as 10Gi',
        at: at('persistence', 'size'),
      });
    }
    const version = p.chart && 'repository' in p.chart ? p.chart.version : undefined;
    const exact = version?.match(/^v?(\d+)\.(\d+)\.(\d+)$/);
    if (exact) {
      const [maj, min, pat] = exact.slice(1).map(Number) as [number, number, number];
      if (maj < 1 || (maj === 1 && (min < 23 || (min === 23 && pat < 1)))) {
        findings.push({
          ruleId: 'invalid-value',
          message: `tempo chart ${version} is older than 1.23.1: its query port is 3100 and it reads metrics-generator processors elsewhere`,
          hint: `use ${tempoChartVersion} from ${tempoChartRepositoryUrl}`,
          at: { object: this.release, path: ['spec', 'chart', 'spec', 'version'] },
        });
      }
    }
    const mg = this.metricsGenerator;
    if (mg && !mg.remoteWrite.remoteWriteReceiver) {
      findings.push({
        ruleId: 'remote-write-receiver',
        message: `the metrics generator writes to ${mg.remoteWrite.node.path}, which does not accept remote write: every write would be a 404 and the service graph stays empty`,
        hint: 'enable it on Prometheus (kube-prometheus-stack: prometheus.prometheusSpec.enableRemoteWriteReceiver: true) and declare remoteWriteReceiver: true',
        at: at('tempo', 'metricsGenerator', 'remoteWriteUrl'),
      });
    }
    if (mg && this.processors.length === 0) {
      findings.push({
        ruleId: 'invalid-value',
        message: 'the metrics generator is enabled with no processors, so it generates nothing',
        hint: "list processors, such as ['service-graphs', 'span-metrics']",
        at: at('tempo', 'overrides'),
      });
    }
    return findings;
  }
}
