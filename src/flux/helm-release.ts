import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { isFluxDuration } from '../core/duration';
import { setOutputFile } from '../core/folder';
import { addRule, type Finding } from '../core/validation';
import { effectiveReleaseName, maxReleaseNameLength } from './release-name';
import type { HelmRepository, OCIRepository } from './sources';

/** Where a HelmRelease's chart comes from: a chart in a Helm repository, or an OCI artifact. */
export type HelmChartSource =
  | {
      /** The repository that serves the chart. */
      readonly repository: HelmRepository;
      /** The chart's name in that repository. */
      readonly chart: string;
      /**
       * An exact version or a semver range.
       * @default '*'
       */
      readonly version?: string;
    }
  | {
      /** An OCIRepository whose artifact is the chart (rendered as `spec.chartRef`). */
      readonly ociRepository: OCIRepository;
    };

/** Properties of a {@link HelmRelease}. */
export interface HelmReleaseProps {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`; also where Helm keeps its release secrets. */
  readonly namespace: string;
  readonly chart: HelmChartSource;
  /** @default '10m' */
  readonly interval?: string;
  /**
   * `spec.releaseName`.
   * @default Flux's default: `<targetNamespace>-<name>` when targetNamespace is set, else `<name>`
   */
  readonly releaseName?: string;
  /** `spec.targetNamespace`. @default the HelmRelease's namespace */
  readonly targetNamespace?: string;
  /**
   * The Helm values, produced at synth so they can depend on other constructs.
   * @default no values
   */
  readonly values?: () => Record<string, unknown>;
  /**
   * Remediation retries on failed install and upgrade.
   * @default 3
   */
  readonly retries?: number;
  /** Releases that must be ready first (`spec.dependsOn`). */
  readonly dependsOn?: readonly HelmRelease[];
  /** @default 'helm-release.yaml' */
  readonly file?: string;
}

const helmReleaseSymbol = Symbol.for('bramble.HelmRelease');
// Helm's release-name rule (pkg/chartutil ValidateReleaseName): a DNS-1123 subdomain.
const releaseNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * A Flux `HelmRelease` (`helm.toolkit.fluxcd.io/v2`). Exposes the release name helm-controller will
 * use, computed as Flux computes it, so Service names derived from it are never retyped.
 * @see https://fluxcd.io/flux/components/helm/helmreleases/
 */
export class HelmRelease extends Construct {
  /** True when `x` is a HelmRelease (works across copies of the library). */
  public static isHelmRelease(x: unknown): x is HelmRelease {
    return typeof x === 'object' && x !== null && helmReleaseSymbol in x;
  }

  public readonly name: string;
  public readonly namespace: string;
  /** The namespace the chart's objects are installed in. */
  public readonly targetNamespace: string;
  /** The Helm release name, exactly as helm-controller derives it. */
  public readonly releaseName: string;

  constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id);
    Object.defineProperty(this, helmReleaseSymbol, { value: true });
    this.name = props.name;
    this.namespace = props.namespace;
    this.targetNamespace = props.targetNamespace ?? props.namespace;
    this.releaseName = effectiveReleaseName({
      name: props.name,
      ...(props.targetNamespace !== undefined ? { targetNamespace: props.targetNamespace } : {}),
      ...(props.releaseName !== undefined ? { releaseName: props.releaseName } : {}),
    });
    const interval = props.interval ?? '10m';
    const retries = props.retries ?? 3;
    const source = props.chart;
    const chartSpec =
      'repository' in source
        ? {
            chart: {
              spec: {
                chart: source.chart,
                version: source.version ?? '*',
                sourceRef: {
                  kind: source.repository.kind,
                  name: source.repository.name,
                  namespace: source.repository.namespace,
                },
              },
            },
          }
        : {
            chartRef: {
              kind: source.ociRepository.kind,
              name: source.ociRepository.name,
              namespace: source.ociRepository.namespace,
            },
          };
    const resource = new ApiObject(this, 'Resource', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: this.name, namespace: this.namespace },
      spec: Lazy.any({
        produce: () => ({
          interval,
          ...chartSpec,
          ...(props.releaseName !== undefined ? { releaseName: props.releaseName } : {}),
          ...(props.targetNamespace !== undefined ? { targetNamespace: props.targetNamespace } : {}),
          install: { remediation: { retries } },
          upgrade: { remediation: { retries, remediateLastFailure: true } },
          ...(props.dependsOn?.length
            ? { dependsOn: props.dependsOn.map((d) => ({ name: d.name, namespace: d.namespace })) }
            : {}),
          ...(props.values ? { values: props.values() } : {}),
        }),
      }),
    });
    setOutputFile(resource, props.file ?? 'helm-release.yaml');

    addRule(this, () => {
      const findings: Finding[] = [];
      if (!isFluxDuration(interval)) {
        findings.push({
          ruleId: 'invalid-duration',
          message: `interval "${interval}" is not a Flux duration`,
          hint: 'use a number with ms, s, m or h, such as 10m',
          at: { object: resource, path: ['spec', 'interval'] },
        });
      }
      if (!releaseNamePattern.test(this.releaseName) || (props.releaseName?.length ?? 0) > maxReleaseNameLength) {
        findings.push({
          ruleId: 'flux-release-name',
          message: `release name "${this.releaseName}" is not a valid Helm release name`,
          hint: `use lower-case letters, digits and '-', at most ${maxReleaseNameLength} characters`,
          at: { object: resource, path: props.releaseName !== undefined ? ['spec', 'releaseName'] : ['metadata', 'name'] },
        });
      }
      // Two releases with one name in one storage namespace overwrite each other's history.
      const clash = this.node.root.node
        .findAll()
        .find((c): c is HelmRelease => HelmRelease.isHelmRelease(c) && c !== this && c.releaseName === this.releaseName && c.namespace === this.namespace);
      if (clash && clash.node.path < this.node.path) {
        findings.push({
          ruleId: 'flux-release-name',
          message: `release name "${this.releaseName}" is also used by ${clash.node.path} in namespace ${this.namespace}`,
          hint: 'set a distinct releaseName on one of them',
          at: { object: resource, path: ['metadata', 'name'] },
        });
      }
      return findings;
    });
  }
}
