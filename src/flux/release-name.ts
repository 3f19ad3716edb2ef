import { createHash } from 'node:crypto';

/** Helm's limit on a release name, which Flux enforces (`spec.releaseName` maxLength). */
export const maxReleaseNameLength = 53;

/** What Flux reads to name a Helm release. */
export interface ReleaseNameInput {
  /** `metadata.name` of the HelmRelease. */
  readonly name: string;
  /** `spec.targetNamespace`, if set. */
  readonly targetNamespace?: string;
  /** `spec.releaseName`, if set. */
  readonly releaseName?: string;
}

/**
 * The release name helm-controller uses: `spec.releaseName` if set, else
 * `<targetNamespace>-<name>` when a target namespace is set, else `<name>`; a result longer than
 * 53 characters becomes its first 40 characters, `-`, and the first 12 hex digits of its SHA-256.
 * @see https://fluxcd.io/flux/components/helm/helmreleases/#release-name
 */
export function effectiveReleaseName(input: ReleaseNameInput): string {
  // helm-controller api/v2 GetReleaseName, then internal/release ShortenName.
  const name = input.releaseName
    ? input.releaseName
    : input.targetNamespace
      ? `${input.targetNamespace}-${input.name}`
      : input.name;
  if (name.length <= maxReleaseNameLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  return `${name.slice(0, 40)}-${hash}`;
}

/**
 * The `fullname` helper of the Grafana charts (tempo, alloy) and most charts made by `helm create`:
 * `fullnameOverride` if set; else the release name when it contains the chart name; else
 * `<release>-<chart name>`; truncated to 63 characters with a trailing `-` trimmed.
 */
export function chartFullname(releaseName: string, chartName: string, overrides: { nameOverride?: string; fullnameOverride?: string } = {}): string {
  const trunc = (s: string) => s.slice(0, 63).replace(/-+$/, '');
  if (overrides.fullnameOverride) return trunc(overrides.fullnameOverride);
  const name = overrides.nameOverride || chartName;
  return releaseName.includes(name) ? trunc(releaseName) : trunc(`${releaseName}-${name}`);
}
