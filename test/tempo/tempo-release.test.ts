import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitOpsFolder } from '../../src/core/folder';
import { HelmRepository } from '../../src/flux/sources';
import { PrometheusDatasource } from '../../src/grafana/datasource';
import { TempoRelease } from '../../src/tempo/tempo-release';
import { synthApp } from '../support/synth';

describe('TempoRelease', () => {
  it('derives its Service endpoints from the release name through the chart fullname rule', () => {
    synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'tempo' });
      const t = new TempoRelease(f, 't', { namespace: 'observability', releaseName: 'tracing' });
      assert.equal(t.serviceName, 'tracing-tempo');
      assert.equal(t.queryEndpoint.url(), 'http://tracing-tempo.observability.svc.cluster.local:3200');
      assert.equal(t.otlpGrpcEndpoint.hostPort, 'tracing-tempo.observability.svc.cluster.local:4317');
      assert.equal(t.otlpHttpEndpoint.url('/v1/traces'), 'http://tracing-tempo.observability.svc.cluster.local:4318/v1/traces');
    });
  });

  it('writes the chart defaults when given no props, with no metrics generator and no persistence', () => {
    synthApp((app) => {
      const t = new TempoRelease(new GitOpsFolder(app, 'f', { path: 'tempo' }), 't', { namespace: 'm' });
      const v = t.values() as { tempo: Record<string, unknown>; persistence?: unknown };
      assert.equal(v.tempo.retention, '24h');
      assert.equal(v.tempo.metricsGenerator, undefined);
      assert.equal(v.persistence, undefined);
      assert.deepEqual(t.processors, []);
    });
  });

  it('turns off an OTLP protocol', () => {
    synthApp((app) => {
      const t = new TempoRelease(new GitOpsFolder(app, 'f', { path: 'tempo' }), 't', { namespace: 'm', otlp: { http: false } });
      assert.deepEqual((t.values() as any).tempo.receivers, { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } });
    });
  });

  it('rejects a tempo chart older than 1.23.1 (port 3100, processors read elsewhere)', () => {
    const { diagnostics } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'tempo' });
      const repo = new HelmRepository(f, 'old', { name: 'grafana', url: 'https://grafana.github.io/helm-charts' });
      new TempoRelease(f, 't', { namespace: 'm', chart: { repository: repo, chart: 'tempo', version: '1.18.3' } });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['invalid-value']);
    assert.match(diagnostics[0]!.message, /older than 1\.23\.1/);
  });

  it('rejects a metrics generator with no processors and a bad persistence size', () => {
    const { diagnostics } = synthApp((app) => {
      const prometheus = PrometheusDatasource.kubePrometheusStack(app, 'p', { remoteWriteReceiver: true });
      new TempoRelease(new GitOpsFolder(app, 'f', { path: 'tempo' }), 't', {
        namespace: 'm',
        metricsGenerator: { remoteWrite: prometheus, processors: [] },
        persistence: { size: '10 gigs' },
      });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId).sort(), ['invalid-value', 'invalid-value']);
  });

  for (const retention of ['72h', '1h30m', '336h']) {
    it(`accepts retention ${retention}`, () => {
      const { diagnostics } = synthApp((app) => {
        new TempoRelease(new GitOpsFolder(app, 'f', { path: 'tempo' }), 't', { namespace: 'm', retention });
      });
      assert.deepEqual(diagnostics, []);
    });
  }
  for (const retention of ['3d', '72', '0', '-1h', '1w']) {
    it(`rejects retention ${retention}`, () => {
      const { diagnostics } = synthApp((app) => {
        new TempoRelease(new GitOpsFolder(app, 'f', { path: 'tempo' }), 't', { namespace: 'm', retention });
      });
      assert.deepEqual(diagnostics.map((d) => d.ruleId), ['invalid-duration']);
    });
  }
});

describe('PrometheusDatasource.kubePrometheusStack', () => {
  it("names the Service after the chart's fullname cut to 26 characters", () => {
    synthApp((app) => {
      const p = PrometheusDatasource.kubePrometheusStack(app, 'p', { releaseName: 'observability-platform-prometheus-stack' });
      assert.equal(p.service.service, 'observability-platform-pro-prometheus');
      assert.equal(p.uid, 'prometheus');
      assert.equal(PrometheusDatasource.kubePrometheusStack(app, 'q').remoteWriteUrl, 'http://kube-prometheus-stack-prometheus.monitoring.svc.cluster.local:9090/api/v1/write');
    });
  });
});
