import { alloyChart } from './alloy';
import type { ChartModel } from './model';
import { tempoChart } from './tempo';

export { alloyChart } from './alloy';
export { tempoChart } from './tempo';
export { findUnknownKeys, closestKey, type UnknownKey } from './walk';
export { modelPaths, childOf, type ChartModel, type KeyNode, type MapNode, type ListNode, type LeafNode, type ModelPath } from './model';
export { versionBounds, admitsFrom, admitsBelow, parseVersion, compareVersions, type VersionBounds, type Bound, type Version } from './versions';

/** The charts whose values bramble knows, by chart name. */
export const chartModels: Readonly<Record<string, ChartModel>> = {
  [tempoChart.chart]: tempoChart,
  [alloyChart.chart]: alloyChart,
};

/** The model of the chart named `name`, if bramble knows it. */
export function chartModel(name: string): ChartModel | undefined {
  return Object.prototype.hasOwnProperty.call(chartModels, name) ? chartModels[name] : undefined;
}
