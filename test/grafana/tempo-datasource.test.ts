import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { GitOpsFolder } from '../../src/core/folder';
import { ServiceEndpoint } from '../../src/core/endpoint';
import { LokiDatasource, PrometheusDatasource } from '../../src/grafana/datasource';
import { TempoDatasource } from '../../src/grafana/tempo-datasource';
import { synthApp } from '../support/synth';

type Provisioning = { apiVersion: number; datasources: Record<string, any>[] };

function provisioned(objects: ReturnType<typeof synthApp>['objects']): Provisioning {
  const cm = objects.find((o) => o.kind === 'ConfigMap')!;
  return parse(cm.data!['tempo-datasource.yaml']!) as Provisioning;
}

describe('TempoDatasource', () => {
  it('provisions a tempo datasource with correlations by uid, tags as {key, value} objects', () => {
    const { objects, diagnostics } = synthApp((app) => {
      const loki = new LokiDatasource(app, 'loki', { service: new ServiceEndpoint('loki-gateway', 'logs', 80) });
      const prom = new PrometheusDatasource(app, 'prom', { uid: 'prom', service: new ServiceEndpoint('prometheus', 'metrics', 9090) });
      new TempoDatasource(new GitOpsFolder(app, 'f', { path: 'grafana' }), 'ds', {
        namespace: 'grafana',
        url: 'http://tempo.tracing.svc.cluster.local:3200',
        tracesToLogs: { datasource: loki, tags: [{ key: 'k8s.pod.name', value: 'pod' }, { key: 'job' }] },
        tracesToMetrics: { datasource: prom, tags: [{ key: 'service.name', value: 'service' }], queries: [{ name: 'rate', query: 'sum(rate(x{$__tags}[5m]))' }] },
        serviceMap: prom,
      });
    });
    // Nothing here generates service-graph metrics: the self-check says so, as a warning only.
    assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.ruleId}`), ['warning unfed-metrics']);
    const file = provisioned(objects);
    assert.equal(file.apiVersion, 1);
    const ds = file.datasources[0]!;
    assert.equal(ds.type, 'tempo');
    assert.equal(ds.uid, 'tempo');
    assert.deepEqual(ds.jsonData.tracesToLogsV2.tags, [{ key: 'k8s.pod.name', value: 'pod' }, { key: 'job', value: 'job' }]);
    assert.equal(ds.jsonData.tracesToLogsV2.datasourceUid, 'loki');
    assert.equal(ds.jsonData.tracesToLogsV2.customQuery, false);
    assert.equal(ds.jsonData.tracesToMetrics.datasourceUid, 'prom');
    assert.equal(ds.jsonData.serviceMap.datasourceUid, 'prom');
    assert.deepEqual(ds.jsonData.nodeGraph, { enabled: true });
  });

  it('writes every $ as $$ (Grafana expands environment variables in provisioning files)', () => {
    const { objects } = synthApp((app) => {
      const loki = new LokiDatasource(app, 'loki', { service: new ServiceEndpoint('loki', 'logs', 3100) });
      new TempoDatasource(new GitOpsFolder(app, 'f', { path: 'grafana' }), 'ds', {
        namespace: 'grafana',
        url: 'http://tempo:3200',
        tracesToLogs: { datasource: loki, tags: [], query: '{${__tags}} |= "${__trace.traceId}"' },
      });
    });
    const logs = provisioned(objects).datasources[0]!.jsonData.tracesToLogsV2;
    assert.equal(logs.query, '{$${__tags}} |= "$${__trace.traceId}"');
    assert.equal(logs.customQuery, true);
  });

  it('labels the ConfigMap for the sidecar and opts it out of Flux substitution', () => {
    const { objects } = synthApp((app) => {
      new TempoDatasource(new GitOpsFolder(app, 'f', { path: 'grafana' }), 'ds', { namespace: 'grafana', url: 'http://tempo:3200' });
    });
    const cm = objects.find((o) => o.kind === 'ConfigMap')!;
    assert.deepEqual(cm.metadata.labels, { grafana_datasource: '1' });
    assert.equal(cm.metadata.annotations!['kustomize.toolkit.fluxcd.io/substitute'], 'disabled');
    assert.equal(cm.metadata.namespace, 'grafana');
  });

  it('rejects a uid that no datasource has, and a datasource of the wrong type', () => {
    const { diagnostics } = synthApp((app) => {
      const prom = new PrometheusDatasource(app, 'prom', { service: new ServiceEndpoint('prometheus', 'm', 9090) });
      new TempoDatasource(new GitOpsFolder(app, 'f', { path: 'grafana' }), 'ds', {
        namespace: 'grafana',
        url: 'http://tempo:3200',
        tracesToLogs: { datasource: prom, tags: [] },
        serviceMap: 'no-such-uid',
      });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['unknown-datasource-uid', 'unknown-datasource-uid']);
    assert.match(diagnostics.map((d) => d.message).join('\n'), /"no-such-uid", which no datasource/);
    assert.match(diagnostics.map((d) => d.message).join('\n'), /a prometheus datasource; it needs one of: loki/);
    for (const d of diagnostics) assert.equal(d.file, 'gitops/grafana/grafana-datasource.yaml');
  });

  it('rejects a query that is already escaped', () => {
    const { diagnostics } = synthApp((app) => {
      const loki = new LokiDatasource(app, 'loki', { service: new ServiceEndpoint('loki', 'logs', 3100) });
      new TempoDatasource(new GitOpsFolder(app, 'f', { path: 'grafana' }), 'ds', {
        namespace: 'grafana',
        url: 'http://tempo:3200',
        tracesToLogs: { datasource: loki, tags: [], query: '{$${__tags}}' },
      });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['invalid-value']);
  });

  it('accepts a uid string that a declared datasource has', () => {
    const { diagnostics } = synthApp((app) => {
      new LokiDatasource(app, 'loki', { uid: 'logs', service: new ServiceEndpoint('loki', 'logs', 3100) });
      new TempoDatasource(new GitOpsFolder(app, 'f', { path: 'grafana' }), 'ds', {
        namespace: 'grafana',
        url: 'http://tempo:3200',
        tracesToLogs: { datasource: 'logs', tags: [] },
      });
    });
    assert.deepEqual(diagnostics, []);
  });
});
