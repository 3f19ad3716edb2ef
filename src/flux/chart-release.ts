import type { Construct } from 'constructs';
import { HelmRelease, type HelmChartSource } from './helm-release';
import { chartFullname } from './release-name';
import { HelmRepository } from './sources';

/** A chart as bramble pins it: where it is published, its name, and the version bramble is tested against. */
export interface PinnedChart {
  /** `metadata.name` of the HelmRepository created for it. */
  readonly repositoryName: string;
  readonly repositoryUrl: string;
  readonly chart: string;
  readonly version: string;
}

/** What every release of a chart bramble models takes. */
export interface ChartReleaseProps {
  /** Namespace of the HelmRelease and of what the chart installs. */
  readonly namespace: string;
  /** @default the chart name */
  readonly name?: string;
  /** @default the HelmRelease name, so the chart's Service names are predictable */
  readonly releaseName?: string;
  /** @default the pinned chart, from a HelmRepository created beside the release */
  readonly chart?: HelmChartSource;
}

/**
 * The HelmRelease of a chart bramble models, under `scope`: its source defaults to the pinned
 * chart, and the chart's fullname (the name of its Service) is derived from the release name.
 */
export function releaseOfChart(
  scope: Construct,
  pinned: PinnedChart,
  props: ChartReleaseProps,
  values: () => Record<string, unknown>,
): { release: HelmRelease; serviceName: string } {
  const name = props.name ?? pinned.chart;
  const chart: HelmChartSource = props.chart ?? {
    repository: new HelmRepository(scope, 'HelmRepository', { name: pinned.repositoryName, url: pinned.repositoryUrl }),
    chart: pinned.chart,
    version: pinned.version,
  };
  const release = new HelmRelease(scope, 'HelmRelease', {
    name,
    namespace: props.namespace,
    releaseName: props.releaseName ?? name,
    chart,
    values,
  });
  return { release, serviceName: chartFullname(release.releaseName, pinned.chart) };
}
