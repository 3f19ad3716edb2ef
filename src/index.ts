/**
 * bramble: typed constructs for a Flux GitOps tracing stack (Grafana Tempo, the Alloy OTLP
 * pipeline, Grafana datasources) and the engine behind the `bramble` CLI.
 * @packageDocumentation
 */
export { App } from 'cdk8s';
export * from './core/duration';
export * from './core/endpoint';
export * from './core/folder';
export * from './core/validation';
export * from './flux/release-name';
export * from './flux/sources';
export * from './flux/helm-release';
export * from './flux/chart-release';
export * from './flux/kustomization';
export * from './tempo/tempo-release';
export * from './alloy/components';
export * from './alloy/alloy-release';
export * from './grafana/datasource';
export * from './grafana/tempo-datasource';
export * from './stack/correlations';
export * from './stack/tracing-stack';
export type { Diagnostic, Severity } from './check/diagnostic';
export type { RuleId } from './check/rules';
