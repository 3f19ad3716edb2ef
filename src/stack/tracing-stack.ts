import { Construct } from 'constructs';
import {
  AlloyConfig,
  BatchProcessor,
  type BatchProcessorProps,
  K8sAttributesProcessor,
  OtlpExporter,
  OtlpReceiver,
  type OtlpReceiverProps,
  PodLogsPipeline,
} from '../alloy/components';
import { AlloyRelease } from '../alloy/alloy-release';
import { GitOpsFolder } from '../core/folder';
import { Kustomization } from '../flux/kustomization';
import type { LokiDatasource, PrometheusDatasource } from '../grafana/datasource';
import { TempoDatasource } from '../grafana/tempo-datasource';
import { TempoRelease, type TempoPersistenceProps, type TempoProcessor } from '../tempo/tempo-release';
import { extraLogLabels, podIdentity, spanMetricsQueries, traceToLogsTags, traceToMetricsTags } from './correlations';

/** Properties of a {@link TracingStack}. */
export interface TracingStackProps {
  /** The cluster name: Flux Kustomizations go to `clusters/<cluster>/`. */
  readonly cluster: string;
  /** Namespace of Tempo and Alloy. @default 'monitoring' */
  readonly namespace?: string;
  /** Namespace Grafana's datasource sidecar watches. @default the stack's namespace */
  readonly grafanaNamespace?: string;
  /**
   * The output root's path inside the Git repository Flux syncs (Kustomization `spec.path`s start with it).
   * @default './gitops'
   */
  readonly fluxPath?: string;
  /** The Prometheus behind the metrics generator, trace-to-metrics and the service map. */
  readonly prometheus: PrometheusDatasource;
  /** The Loki that receives pod logs and serves trace-to-logs. */
  readonly loki: LokiDatasource;
  readonly tempo?: {
    /** @default '24h' */
    readonly retention?: string;
    readonly persistence?: TempoPersistenceProps;
    /**
     * Metrics-generator processors; an empty list turns the generator off.
     * @default ['service-graphs', 'span-metrics']
     */
    readonly processors?: readonly TempoProcessor[];
  };
  readonly alloy?: {
    readonly otlp?: OtlpReceiverProps;
    readonly batch?: BatchProcessorProps;
  };
}

/**
 * The tracing stack: Tempo, the Alloy pipeline that feeds it (and ships pod logs to Loki), the
 * Grafana Tempo datasource with its correlations, and the Flux Kustomizations that apply them.
 * Every endpoint, port and uid is derived here once and passed on as an object.
 *
 * Folders: `infrastructure/tempo`, `infrastructure/alloy`, `clusters/<cluster>`.
 */
export class TracingStack extends Construct {
  public readonly tempo: TempoRelease;
  public readonly alloy: AlloyRelease;
  public readonly datasource: TempoDatasource;

  constructor(scope: Construct, id: string, props: TracingStackProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'monitoring';
    const fluxPath = (props.fluxPath ?? './gitops').replace(/\/+$/, '');

    const tempoFolder = new GitOpsFolder(this, 'tempo', { path: 'infrastructure/tempo' });
    const processors = props.tempo?.processors ?? ['service-graphs', 'span-metrics'];
    this.tempo = new TempoRelease(tempoFolder, 'release', {
      namespace,
      ...(props.tempo?.retention !== undefined ? { retention: props.tempo.retention } : {}),
      ...(props.tempo?.persistence !== undefined ? { persistence: props.tempo.persistence } : {}),
      ...(processors.length ? { metricsGenerator: { remoteWrite: props.prometheus, processors } } : {}),
    });
    this.datasource = new TempoDatasource(tempoFolder, 'datasource', {
      namespace: props.grafanaNamespace ?? namespace,
      url: this.tempo.queryEndpoint.url(),
      tracesToLogs: { datasource: props.loki, tags: traceToLogsTags },
      ...(processors.includes('span-metrics')
        ? { tracesToMetrics: { datasource: props.prometheus, tags: traceToMetricsTags, queries: spanMetricsQueries } }
        : {}),
      ...(processors.includes('service-graphs') ? { serviceMap: props.prometheus } : {}),
    });

    const alloyFolder = new GitOpsFolder(this, 'alloy', { path: 'infrastructure/alloy' });
    const receiver = new OtlpReceiver(props.alloy?.otlp);
    const k8sattributes = new K8sAttributesProcessor({ metadata: podIdentity.map((p) => p.spanAttribute) });
    const batch = new BatchProcessor(props.alloy?.batch);
    const exporter = new OtlpExporter({ label: 'tempo', endpoint: this.tempo.otlpGrpcEndpoint.hostPort });
    receiver.traces = [k8sattributes];
    k8sattributes.traces = [batch];
    batch.traces = [exporter];
    const logs = new PodLogsPipeline({
      pushUrl: props.loki.pushUrl,
      labels: [...podIdentity.map((p) => ({ label: p.lokiLabel, source: p.discoveryLabel })), ...extraLogLabels],
    });
    const config = new AlloyConfig();
    config.add(receiver, k8sattributes, batch, exporter, ...logs.components());
    this.alloy = new AlloyRelease(alloyFolder, 'release', { namespace, config });

    const clusterFolder = new GitOpsFolder(this, 'cluster', { path: `clusters/${props.cluster}` });
    const tempoSync = new Kustomization(clusterFolder, 'tempo', { name: 'tempo', path: `${fluxPath}/${tempoFolder.path}` });
    new Kustomization(clusterFolder, 'alloy', {
      name: 'alloy',
      path: `${fluxPath}/${alloyFolder.path}`,
      dependsOn: [tempoSync],
    });
  }
}
