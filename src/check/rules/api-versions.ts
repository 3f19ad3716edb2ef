/** A Flux API version that is no longer served, and what replaced it. */
export interface RemovedApiVersion {
  readonly apiVersion: string;
  readonly replacement: string;
  /** When it was removed. */
  readonly removedIn: string;
}

/**
 * Flux API versions removed from the controllers (their CRDs serve one version each now).
 * Sources: the controllers' CHANGELOGs (helm-controller v1.4.0, v1.5.0; source-controller v1.7.0,
 * v1.8.0; kustomize-controller v1.7.0, v1.8.0).
 */
export const removedFluxApiVersions: readonly RemovedApiVersion[] = [
  { apiVersion: 'helm.toolkit.fluxcd.io/v2beta1', replacement: 'helm.toolkit.fluxcd.io/v2', removedIn: 'Flux 2.7 (helm-controller v1.4.0)' },
  { apiVersion: 'helm.toolkit.fluxcd.io/v2beta2', replacement: 'helm.toolkit.fluxcd.io/v2', removedIn: 'Flux 2.8 (helm-controller v1.5.0)' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta1', replacement: 'source.toolkit.fluxcd.io/v1', removedIn: 'Flux 2.7 (source-controller v1.7.0)' },
  { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', replacement: 'source.toolkit.fluxcd.io/v1', removedIn: 'Flux 2.8 (source-controller v1.8.0)' },
  { apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta1', replacement: 'kustomize.toolkit.fluxcd.io/v1', removedIn: 'Flux 2.7 (kustomize-controller v1.7.0)' },
  { apiVersion: 'kustomize.toolkit.fluxcd.io/v1beta2', replacement: 'kustomize.toolkit.fluxcd.io/v1', removedIn: 'Flux 2.8 (kustomize-controller v1.8.0)' },
];
