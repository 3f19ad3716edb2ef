import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { isFluxDuration } from '../core/duration';
import { setOutputFile } from '../core/folder';
import { addRule } from '../core/validation';

/** The Git (or OCI, Bucket) source a Flux Kustomization reads its path from. */
export interface KustomizationSourceRef {
  readonly kind: 'GitRepository' | 'OCIRepository' | 'Bucket';
  readonly name: string;
  readonly namespace?: string;
}

/** Properties of a {@link Kustomization}. */
export interface KustomizationProps {
  readonly name: string;
  /** @default 'flux-system' */
  readonly namespace?: string;
  /** Path inside the source, such as `./gitops/infrastructure/tempo`. */
  readonly path: string;
  /** @default { kind: 'GitRepository', name: 'flux-system' } (what `flux bootstrap` creates) */
  readonly sourceRef?: KustomizationSourceRef;
  /** @default '10m' */
  readonly interval?: string;
  /** @default true */
  readonly prune?: boolean;
  /** Wait for the applied objects to become ready. @default true */
  readonly wait?: boolean;
  /** @default '5m' */
  readonly timeout?: string;
  readonly dependsOn?: readonly Kustomization[];
  /** @default '<name>.yaml' */
  readonly file?: string;
}

/**
 * A Flux `Kustomization` (`kustomize.toolkit.fluxcd.io/v1`) that applies one folder of the tree.
 * @see https://fluxcd.io/flux/components/kustomize/kustomizations/
 */
export class Kustomization extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly path: string;

  constructor(scope: Construct, id: string, props: KustomizationProps) {
    super(scope, id);
    this.name = props.name;
    this.namespace = props.namespace ?? 'flux-system';
    this.path = props.path;
    const interval = props.interval ?? '10m';
    const timeout = props.timeout ?? '5m';
    const resource = new ApiObject(this, 'Resource', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        interval,
        timeout,
        path: this.path,
        prune: props.prune ?? true,
        wait: props.wait ?? true,
        sourceRef: props.sourceRef ?? { kind: 'GitRepository', name: 'flux-system' },
        ...(props.dependsOn?.length
          ? { dependsOn: props.dependsOn.map((d) => ({ name: d.name, namespace: d.namespace })) }
          : {}),
      },
    });
    setOutputFile(resource, props.file ?? `${this.name}.yaml`);
    addRule(this, () =>
      (
        [
          ['interval', interval],
          ['timeout', timeout],
        ] as const
      )
        .filter(([, v]) => !isFluxDuration(v))
        .map(([key, v]) => ({
          ruleId: 'invalid-duration' as const,
          message: `${key} "${v}" is not a Flux duration`,
          hint: 'use a number with ms, s, m or h, such as 10m',
          at: { object: resource, path: ['spec', key] },
        })),
    );
  }
}
