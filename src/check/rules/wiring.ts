/**
 * The cross-file wiring rules of `bramble check`: they connect the HelmReleases, Alloy configs,
 * Grafana datasources and Prometheus servers of a tree and report links that lead nowhere.
 */
import type { Rule } from '../engine';
import { exporterEndpointRule, samplingBeforeMetricsRule, unexposedPortRule } from './wiring/alloy-rules';
import { correlationTagsRule, unescapedDollarRule, unfedMetricsRule, unknownDatasourceUidRule } from './wiring/grafana-rules';
import { generatorNoProcessorsRule, remoteWriteReceiverRule } from './wiring/tempo-rules';

export { exporterEndpointRule, samplingBeforeMetricsRule, unexposedPortRule } from './wiring/alloy-rules';
export { correlationTagsRule, unescapedDollarRule, unescapedReferences, unfedMetricsRule, unknownDatasourceUidRule } from './wiring/grafana-rules';
export { generatorNoProcessorsRule, remoteWriteReceiverRule } from './wiring/tempo-rules';

/** Every wiring rule, in the order of the rule registry. */
export const wiringRules: readonly Rule[] = [
  exporterEndpointRule,
  unexposedPortRule,
  unknownDatasourceUidRule,
  unfedMetricsRule,
  correlationTagsRule,
  unescapedDollarRule,
  generatorNoProcessorsRule,
  remoteWriteReceiverRule,
  samplingBeforeMetricsRule,
];
