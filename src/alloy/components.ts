import { build, type Statement, type AlloyFile } from './syntax';

/**
 * One Alloy component: `<name> "<label>" { ... }`. Its id (`<name>.<label>`) is how other
 * components reference its exports.
 */
export interface AlloyComponent {
  /** The component name, such as `otelcol.processor.batch`. */
  readonly name: string;
  /** The label; a valid Alloy identifier. */
  readonly label: string;
  /** The block body. */
  body(): Statement[];
}

/** A component that accepts OTLP data: its `input` export. */
export interface OtelConsumer extends AlloyComponent {
  /** The reference to pass in another component's `output` (`otelcol.exporter.otlp.tempo.input`). */
  readonly input: string;
}

/** The id other components use to reference `c`: `<name>.<label>`. */
export function componentId(c: AlloyComponent): string {
  return `${c.name}.${c.label}`;
}

const refs = (consumers: readonly OtelConsumer[]) => build.list(consumers.map((c) => build.ref(c.input)));
const outputBlock = (traces: readonly OtelConsumer[]) => build.block('output', undefined, [build.attr('traces', refs(traces))]);

/** Properties of an {@link OtlpReceiver}. */
export interface OtlpReceiverProps {
  /** @default 'default' */
  readonly label?: string;
  /** The gRPC port, or false for no gRPC server. @default 4317 */
  readonly grpcPort?: number | false;
  /** The HTTP port, or false for no HTTP server. @default 4318 */
  readonly httpPort?: number | false;
}

/**
 * `otelcol.receiver.otlp`: OTLP over gRPC and HTTP. A server runs only when its block is present.
 * @see https://grafana.com/docs/alloy/latest/reference/components/otelcol/otelcol.receiver.otlp/
 */
export class OtlpReceiver implements AlloyComponent {
  public readonly name = 'otelcol.receiver.otlp';
  public readonly label: string;
  public readonly grpcPort: number | undefined;
  public readonly httpPort: number | undefined;
  /** Where received traces go. */
  public traces: readonly OtelConsumer[] = [];

  constructor(props: OtlpReceiverProps = {}) {
    this.label = props.label ?? 'default';
    this.grpcPort = props.grpcPort === false ? undefined : (props.grpcPort ?? 4317);
    this.httpPort = props.httpPort === false ? undefined : (props.httpPort ?? 4318);
  }

  /** The servers this receiver opens, with their container ports. */
  public get ports(): { protocol: 'grpc' | 'http'; port: number }[] {
    return [
      ...(this.grpcPort !== undefined ? [{ protocol: 'grpc' as const, port: this.grpcPort }] : []),
      ...(this.httpPort !== undefined ? [{ protocol: 'http' as const, port: this.httpPort }] : []),
    ];
  }

  public body(): Statement[] {
    return [
      ...this.ports.map((p) => build.block(p.protocol, undefined, [build.attr('endpoint', build.str(`0.0.0.0:${p.port}`))])),
      outputBlock(this.traces),
    ];
  }
}

/** Alloy's default `send_batch_size` since v1.11.0. */
export const defaultSendBatchSize = 2000;
/** Alloy's default `send_batch_max_size` since v1.11.0 (before: 0, unlimited). */
export const defaultSendBatchMaxSize = 3000;

/** Properties of a {@link BatchProcessor}. */
export interface BatchProcessorProps {
  /** @default 'default' */
  readonly label?: string;
  /** How long to wait before sending a partial batch. @default '200ms' */
  readonly timeout?: string;
  /**
   * The batch size that triggers a send, counted in items (spans for traces), not bytes.
   * @default 2000
   */
  readonly sendBatchSize?: number;
  /**
   * The most items in one batch: 0 (no cap) or at least sendBatchSize.
   * @default sendBatchSize when that is above Alloy's default cap of 3000, else Alloy's default
   */
  readonly sendBatchMaxSize?: number;
}

/**
 * `otelcol.processor.batch`. Knows Alloy's rule that `send_batch_max_size` (default 3000 since
 * v1.11) must be 0 or at least `send_batch_size`: a larger batch size alone would make Alloy refuse
 * the whole config, so the cap is written out whenever it must be.
 * @see https://grafana.com/docs/alloy/latest/reference/components/otelcol/otelcol.processor.batch/
 */
export class BatchProcessor implements OtelConsumer {
  public readonly name = 'otelcol.processor.batch';
  public readonly label: string;
  public readonly timeout: string | undefined;
  public readonly sendBatchSize: number | undefined;
  /** The cap written out, or undefined to keep Alloy's default. */
  public readonly sendBatchMaxSize: number | undefined;
  public traces: readonly OtelConsumer[] = [];

  constructor(props: BatchProcessorProps = {}) {
    this.label = props.label ?? 'default';
    this.timeout = props.timeout;
    this.sendBatchSize = props.sendBatchSize;
    const size = props.sendBatchSize ?? defaultSendBatchSize;
    this.sendBatchMaxSize = props.sendBatchMaxSize ?? (size > defaultSendBatchMaxSize ? size : undefined);
  }

  public get input(): string {
    return `${componentId(this)}.input`;
  }

  /** The effective cap, as Alloy will apply it. */
  public get effectiveMaxSize(): number {
    return this.sendBatchMaxSize ?? defaultSendBatchMaxSize;
  }

  /** The effective trigger size. */
  public get effectiveSize(): number {
    return this.sendBatchSize ?? defaultSendBatchSize;
  }

  public body(): Statement[] {
    return [
      ...(this.timeout !== undefined ? [build.attr('timeout', build.str(this.timeout))] : []),
      ...(this.sendBatchSize !== undefined ? [build.attr('send_batch_size', build.num(this.sendBatchSize))] : []),
      ...(this.sendBatchMaxSize !== undefined ? [build.attr('send_batch_max_size', build.num(this.sendBatchMaxSize))] : []),
      outputBlock(this.traces),
    ];
  }
}

/** Properties of a {@link K8sAttributesProcessor}. */
export interface K8sAttributesProcessorProps {
  /** @default 'default' */
  readonly label?: string;
  /** Resource attributes to add from the pod's metadata, such as `k8s.pod.name`. */
  readonly metadata: readonly string[];
}

/**
 * `otelcol.processor.k8sattributes`: adds the sending pod's namespace, name and more to each span,
 * which trace-to-logs needs to find the pod's logs.
 * @see https://grafana.com/docs/alloy/latest/reference/components/otelcol/otelcol.processor.k8sattributes/
 */
export class K8sAttributesProcessor implements OtelConsumer {
  public readonly name = 'otelcol.processor.k8sattributes';
  public readonly label: string;
  public readonly metadata: readonly string[];
  public traces: readonly OtelConsumer[] = [];

  constructor(props: K8sAttributesProcessorProps) {
    this.label = props.label ?? 'default';
    this.metadata = [...new Set(props.metadata)].sort();
  }

  public get input(): string {
    return `${componentId(this)}.input`;
  }

  public body(): Statement[] {
    return [
      build.block('extract', undefined, [build.attr('metadata', build.list(this.metadata.map((m) => build.str(m))))]),
      outputBlock(this.traces),
    ];
  }
}

/** Properties of an {@link OtlpExporter}. */
export interface OtlpExporterProps {
  /** @default 'default' */
  readonly label?: string;
  /** `host:port` of the OTLP gRPC server. */
  readonly endpoint: string;
  /**
   * Send in plaintext (`tls { insecure = true }`); in-cluster Tempo serves OTLP without TLS.
   * @default true
   */
  readonly insecure?: boolean;
}

/**
 * `otelcol.exporter.otlp`: sends over OTLP gRPC. TLS is on by default in Alloy.
 * @see https://grafana.com/docs/alloy/latest/reference/components/otelcol/otelcol.exporter.otlp/
 */
export class OtlpExporter implements OtelConsumer {
  public readonly name = 'otelcol.exporter.otlp';
  public readonly label: string;
  public readonly endpoint: string;
  public readonly insecure: boolean;

  constructor(props: OtlpExporterProps) {
    this.label = props.label ?? 'default';
    this.endpoint = props.endpoint;
    this.insecure = props.insecure ?? true;
  }

  public get input(): string {
    return `${componentId(this)}.input`;
  }

  public body(): Statement[] {
    return [
      build.block('client', undefined, [
        build.attr('endpoint', build.str(this.endpoint)),
        ...(this.insecure ? [build.block('tls', undefined, [build.attr('insecure', build.bool(true))])] : []),
      ]),
    ];
  }
}

/** A Loki label and the Kubernetes discovery label it is copied from. */
export interface PodLogLabel {
  /** The Loki label, such as `pod`. */
  readonly label: string;
  /** The discovery meta label, such as `__meta_kubernetes_pod_name`. */
  readonly source: string;
}

/** Properties of a {@link PodLogsPipeline}. */
export interface PodLogsPipelineProps {
  /** @default 'pods' */
  readonly label?: string;
  /** Loki's push URL. */
  readonly pushUrl: string;
  /** The labels every log line carries. */
  readonly labels: readonly PodLogLabel[];
}

/**
 * The log pipeline: discover pods, label them, tail their logs through the Kubernetes API and push
 * to Loki. Four components: discovery.kubernetes, discovery.relabel, loki.source.kubernetes and
 * loki.write.
 */
export class PodLogsPipeline {
  public readonly label: string;
  public readonly pushUrl: string;
  public readonly labels: readonly PodLogLabel[];

  constructor(props: PodLogsPipelineProps) {
    this.label = props.label ?? 'pods';
    this.pushUrl = props.pushUrl;
    this.labels = props.labels;
  }

  /** The four components, in data-flow order. */
  public components(): AlloyComponent[] {
    const label = this.label;
    return [
      { name: 'discovery.kubernetes', label, body: () => [build.attr('role', build.str('pod'))] },
      {
        name: 'discovery.relabel',
        label,
        body: () => [
          build.attr('targets', build.ref(`discovery.kubernetes.${label}.targets`)),
          ...this.labels.map((l) =>
            build.block('rule', undefined, [
              build.attr('source_labels', build.list([build.str(l.source)])),
              build.attr('target_label', build.str(l.label)),
            ]),
          ),
        ],
      },
      {
        name: 'loki.source.kubernetes',
        label,
        body: () => [
          build.attr('targets', build.ref(`discovery.relabel.${label}.output`)),
          build.attr('forward_to', build.list([build.ref('loki.write.default.receiver')])),
        ],
      },
      {
        name: 'loki.write',
        label: 'default',
        body: () => [build.block('endpoint', undefined, [build.attr('url', build.str(this.pushUrl))])],
      },
    ];
  }
}

/** A whole Alloy configuration: components in order. */
export class AlloyConfig {
  private readonly items: AlloyComponent[] = [];

  /** Adds components at the end. */
  public add(...components: AlloyComponent[]): void {
    this.items.push(...components);
  }

  /** The components, in order. */
  public get components(): readonly AlloyComponent[] {
    return [...this.items];
  }

  /** The configuration as an Alloy syntax tree. */
  public toAst(): AlloyFile {
    return build.file(...this.items.map((c) => build.block(c.name, c.label, c.body())));
  }
}
