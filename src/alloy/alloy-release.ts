import { Construct } from 'constructs';
import { ServiceEndpoint } from '../core/endpoint';
import { addRule, type Finding } from '../core/validation';
import { releaseOfChart, type ChartReleaseProps } from '../flux/chart-release';
import type { HelmRelease } from '../flux/helm-release';
import { AlloyConfig, BatchProcessor, OtlpReceiver } from './components';
import { locateInAlloy } from './locate';
import { format, print } from './syntax';

/** The Grafana chart repository, where the alloy chart is published. */
export const alloyChartRepositoryUrl = 'https://grafana.github.io/helm-charts';
/** The alloy chart version bramble models and tests against (appVersion v1.18.1). */
export const alloyChartVersion = '1.11.1';
/** The port of Alloy's own HTTP server (UI and /metrics): the chart's `alloy.listenPort`. */
export const alloyListenPort = 12345;

/** One entry of the chart's `alloy.extraPorts`: a Service port and the container port behind it. */
export interface AlloyExtraPort {
  /** Service and container port name: an IANA service name, at most 15 characters. */
  readonly name: string;
  readonly port: number;
  readonly targetPort: number;
  readonly protocol: 'TCP' | 'UDP';
}

/** Properties of an {@link AlloyRelease}. */
export interface AlloyReleaseProps extends ChartReleaseProps {
  /** The pipeline. */
  readonly config: AlloyConfig;
  /**
   * One Deployment replica by default: the Kubernetes log source tails every pod through the API,
   * so a DaemonSet would read each log once per node.
   * @default { type: 'deployment', replicas: 1 }
   */
  readonly controller?: { readonly type: 'deployment' | 'statefulset'; readonly replicas?: number };
}

/**
 * Grafana Alloy as a Flux HelmRelease of the `alloy` chart. The config is rendered from the typed
 * pipeline through bramble's Alloy printer (the text `alloy fmt` would print), and the Service
 * ports are derived from the receivers, so a port is never typed twice. The values are built as
 * one object: a second `alloy:` key cannot happen.
 * @see https://grafana.com/docs/alloy/latest/configure/kubernetes/
 */
export class AlloyRelease extends Construct {
  public readonly release: HelmRelease;
  public readonly config: AlloyConfig;
  /** The Alloy Service name (the chart's fullname rule). */
  public readonly serviceName: string;
  private readonly props: AlloyReleaseProps;

  constructor(scope: Construct, id: string, props: AlloyReleaseProps) {
    super(scope, id);
    this.props = props;
    this.config = props.config;
    ({ release: this.release, serviceName: this.serviceName } = releaseOfChart(
      this,
      { repositoryName: 'grafana', repositoryUrl: alloyChartRepositoryUrl, chart: 'alloy', version: alloyChartVersion },
      props,
      () => this.values(),
    ));
    addRule(this, () => this.check());
  }

  /** The OTLP receivers in the config. */
  public get receivers(): OtlpReceiver[] {
    return this.config.components.filter((c): c is OtlpReceiver => c instanceof OtlpReceiver);
  }

  /** The Service ports for the receivers, derived from their servers. */
  public get extraPorts(): AlloyExtraPort[] {
    return this.receivers.flatMap((r) =>
      r.ports.map((p) => ({
        name: r.label === 'default' ? `otlp-${p.protocol}` : `otlp-${p.protocol}-${r.label}`.slice(0, 15).replace(/-+$/, ''),
        port: p.port,
        targetPort: p.port,
        protocol: 'TCP' as const,
      })),
    );
  }

  /** Where applications send OTLP over gRPC: Alloy's Service, first gRPC receiver port. */
  public get otlpGrpcEndpoint(): ServiceEndpoint | undefined {
    const port = this.receivers.find((r) => r.grpcPort !== undefined)?.grpcPort;
    return port === undefined ? undefined : new ServiceEndpoint(this.serviceName, this.release.targetNamespace, port);
  }

  /** The config text, as `alloy fmt` prints it. */
  public configText(): string {
    return print(this.config.toAst());
  }

  /** The chart values, at the alloy chart's key paths. */
  public values(): Record<string, unknown> {
    const controller = this.props.controller ?? { type: 'deployment', replicas: 1 };
    return {
      controller: { type: controller.type, replicas: controller.replicas ?? 1 },
      alloy: {
        configMap: { create: true, content: this.configText() },
        extraPorts: this.extraPorts,
      },
    };
  }

  private check(): Finding[] {
    const findings: Finding[] = [];
    const at = (...path: (string | number)[]) => ({ object: this.release, path: ['spec', 'values', ...path] });
    const claimed = new Map<number, string>([[alloyListenPort, "Alloy's own HTTP server (alloy.listenPort)"]]);
    for (const r of this.receivers) {
      for (const p of r.ports) {
        const owner = `otelcol.receiver.otlp "${r.label}" ${p.protocol}`;
        const inConfig = {
          ...at('alloy', 'configMap', 'content'),
          inner: (text: string) => locateInAlloy(text, [`${r.name} "${r.label}"`, p.protocol, 'endpoint']),
        };
        const previous = claimed.get(p.port);
        if (previous) {
          findings.push({
            ruleId: 'port-conflict',
            message: `${owner} listens on port ${p.port}, already taken by ${previous}`,
            hint: 'give each server its own port',
            at: inConfig,
          });
        } else {
          claimed.set(p.port, owner);
        }
        if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
          findings.push({ ruleId: 'invalid-value', message: `${owner} port ${p.port} is not a TCP port`, at: inConfig });
        }
      }
    }
    for (const c of this.config.components) {
      if (c instanceof BatchProcessor && c.effectiveMaxSize !== 0 && c.effectiveMaxSize < c.effectiveSize) {
        findings.push({
          ruleId: 'alloy-batch-size',
          message: `otelcol.processor.batch "${c.label}": send_batch_max_size must be greater or equal to send_batch_size when not 0 (${c.effectiveMaxSize} < ${c.effectiveSize})`,
          hint: 'leave sendBatchMaxSize unset (bramble then writes send_batch_size as the cap), or set it to 0 or at least sendBatchSize',
          at: {
            ...at('alloy', 'configMap', 'content'),
            inner: (text: string) => locateInAlloy(text, [`${c.name} "${c.label}"`, 'send_batch_max_size']),
          },
        });
      }
    }
    const text = this.configText();
    // The printer's output must read back as itself: proof that what Alloy loads is what we modelled.
    const reread = format(text);
    if (reread.output !== text) {
      findings.push({
        ruleId: 'alloy-syntax',
        message: `the rendered Alloy config does not read back unchanged${reread.diagnostics.length ? `: ${reread.diagnostics[0]!.message}` : ''} (a bug in bramble's Alloy printer)`,
        at: at('alloy', 'configMap', 'content'),
      });
    }
    if (text.includes('{{')) {
      findings.push({
        ruleId: 'alloy-helm-template',
        message: 'the Alloy config contains "{{", which the chart passes through Helm tpl: Helm would evaluate it',
        hint: 'avoid "{{" in strings, or write it as {{ "{{" }}',
        at: at('alloy', 'configMap', 'content'),
      });
    }
    return findings;
  }
}
