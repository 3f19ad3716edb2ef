import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { isFluxDuration } from '../core/duration';
import { setOutputFile } from '../core/folder';
import { addRule } from '../core/validation';

/** A Flux source that a HelmRelease can name in `sourceRef` or `chartRef`. */
export interface IChartSource {
  readonly kind: 'HelmRepository' | 'OCIRepository';
  readonly apiVersion: string;
  readonly name: string;
  readonly namespace: string;
}

/** Properties of a {@link HelmRepository}. */
export interface HelmRepositoryProps {
  /** `metadata.name`. */
  readonly name: string;
  /** @default 'flux-system' */
  readonly namespace?: string;
  /** The chart repository URL (`http://`, `https://`). */
  readonly url: string;
  /**
   * How often Flux fetches the index.
   * @default '1h'
   */
  readonly interval?: string;
  /** @default 'helm-repository.yaml' (several sources may share a file) */
  readonly file?: string;
}

/**
 * A Flux `HelmRepository` (`source.toolkit.fluxcd.io/v1`): an HTTP(S) Helm chart repository.
 * @see https://fluxcd.io/flux/components/source/helmrepositories/
 */
export class HelmRepository extends Construct implements IChartSource {
  public readonly kind = 'HelmRepository' as const;
  public readonly apiVersion = 'source.toolkit.fluxcd.io/v1';
  public readonly name: string;
  public readonly namespace: string;
  public readonly url: string;
  public readonly interval: string;

  constructor(scope: Construct, id: string, props: HelmRepositoryProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? 'flux-system';
    this.url = props.url;
    this.interval = props.interval ?? '1h';
    const resource = new ApiObject(this, 'Resource', {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata: { name: this.name, namespace: this.namespace },
      spec: { interval: this.interval, url: this.url },
    });
    setOutputFile(resource, props.file ?? 'helm-repository.yaml');
    addRule(this, () => [
      ...(/^(http|https):\/\/./.test(this.url)
        ? []
        : [{
            ruleId: 'invalid-value' as const,
            message: `url "${this.url}" must start with http:// or https://`,
            hint: 'for an oci:// registry use OCIRepository',
            at: { object: resource, path: ['spec', 'url'] },
          }]),
      ...(isFluxDuration(this.interval)
        ? []
        : [{
            ruleId: 'invalid-duration' as const,
            message: `interval "${this.interval}" is not a Flux duration`,
            hint: 'use a number with ms, s, m or h, such as 1h or 10m',
            at: { object: resource, path: ['spec', 'interval'] },
          }]),
    ]);
  }
}

/** Properties of an {@link OCIRepository}. */
export interface OCIRepositoryProps {
  readonly name: string;
  /** @default 'flux-system' */
  readonly namespace?: string;
  /** `oci://registry/path/chart`. */
  readonly url: string;
  /** The chart version: an exact tag, or a semver range. */
  readonly version: string;
  /** @default '1h' */
  readonly interval?: string;
  /** @default 'oci-repository.yaml' */
  readonly file?: string;
}

/**
 * A Flux `OCIRepository` (`source.toolkit.fluxcd.io/v1`) holding a Helm chart, for a HelmRelease's
 * `chartRef`. The layer selector picks the chart tarball as Flux's docs show.
 * @see https://fluxcd.io/flux/components/source/ocirepositories/
 */
export class OCIRepository extends Construct implements IChartSource {
  public readonly kind = 'OCIRepository' as const;
  public readonly apiVersion = 'source.toolkit.fluxcd.io/v1';
  public readonly name: string;
  public readonly namespace: string;
  public readonly url: string;
  public readonly version: string;

  constructor(scope: Construct, id: string, props: OCIRepositoryProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? 'flux-system';
    this.url = props.url;
    this.version = props.version;
    const isRange = /[<>=^~*x ]|\|\|/.test(this.version);
    const resource = new ApiObject(this, 'Resource', {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        interval: props.interval ?? '1h',
        url: this.url,
        ref: isRange ? { semver: this.version } : { tag: this.version },
        layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
      },
    });
    setOutputFile(resource, props.file ?? 'oci-repository.yaml');
    addRule(this, () =>
      this.url.startsWith('oci://')
        ? []
        : [{
            ruleId: 'invalid-value',
            message: `url "${this.url}" must start with oci://`,
            at: { object: resource, path: ['spec', 'url'] },
          }],
    );
  }
}
