import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitOpsFolder } from '../../src/core/folder';
import { HelmRelease } from '../../src/flux/helm-release';
import { Kustomization } from '../../src/flux/kustomization';
import { HelmRepository, OCIRepository } from '../../src/flux/sources';
import { synthApp } from '../support/synth';

describe('HelmRelease', () => {
  it('renders chart.spec with a sourceRef to its HelmRepository, in the repository namespace', () => {
    const { objects, diagnostics } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      const repo = new HelmRepository(f, 'repo', { name: 'grafana', url: 'https://grafana.github.io/helm-charts' });
      new HelmRelease(f, 'hr', { name: 'alloy', namespace: 'monitoring', chart: { repository: repo, chart: 'alloy', version: '1.11.1' } });
    });
    assert.deepEqual(diagnostics, []);
    const hr = objects.find((o) => o.kind === 'HelmRelease')!;
    assert.equal(hr.apiVersion, 'helm.toolkit.fluxcd.io/v2');
    assert.deepEqual((hr.spec!.chart as { spec: unknown }).spec, {
      chart: 'alloy',
      version: '1.11.1',
      sourceRef: { kind: 'HelmRepository', name: 'grafana', namespace: 'flux-system' },
    });
    assert.equal(hr.spec!.chartRef, undefined);
  });

  it('renders chartRef (and no chart) for an OCIRepository source', () => {
    const { objects } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      const oci = new OCIRepository(f, 'oci', { name: 'tempo', url: 'oci://ghcr.io/grafana-community/helm-charts/tempo', version: '1.26.7' });
      new HelmRelease(f, 'hr', { name: 'tempo', namespace: 'monitoring', chart: { ociRepository: oci } });
    });
    const hr = objects.find((o) => o.kind === 'HelmRelease')!;
    assert.deepEqual(hr.spec!.chartRef, { kind: 'OCIRepository', name: 'tempo', namespace: 'flux-system' });
    assert.equal(hr.spec!.chart, undefined);
    const oci = objects.find((o) => o.kind === 'OCIRepository')!;
    assert.deepEqual(oci.spec!.ref, { tag: '1.26.7' });
  });

  it('uses a semver ref for a version range on an OCIRepository', () => {
    const { objects } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      new OCIRepository(f, 'oci', { name: 'tempo', url: 'oci://ghcr.io/x/tempo', version: '>=1.23.1 <2.0.0' });
    });
    assert.deepEqual(objects.find((o) => o.kind === 'OCIRepository')!.spec!.ref, { semver: '>=1.23.1 <2.0.0' });
  });

  it('exposes the release name Flux will use', () => {
    synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      const repo = new HelmRepository(f, 'repo', { name: 'r', url: 'https://example.com/charts' });
      const hr = new HelmRelease(f, 'hr', { name: 'tempo', namespace: 'flux-system', targetNamespace: 'monitoring', chart: { repository: repo, chart: 'tempo' } });
      assert.equal(hr.releaseName, 'monitoring-tempo');
      assert.equal(hr.targetNamespace, 'monitoring');
    });
  });

  it('reports two releases with one name in one namespace', () => {
    const { diagnostics } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      const repo = new HelmRepository(f, 'repo', { name: 'r', url: 'https://example.com/charts' });
      new HelmRelease(f, 'a', { name: 'one', namespace: 'ns', releaseName: 'same', chart: { repository: repo, chart: 'x' }, file: 'a.yaml' });
      new HelmRelease(f, 'b', { name: 'two', namespace: 'ns', releaseName: 'same', chart: { repository: repo, chart: 'x' }, file: 'b.yaml' });
    });
    assert.deepEqual(diagnostics.map((d) => [d.ruleId, d.constructPath]), [['flux-release-name', 'f/b']]);
  });

  it('reports a bad interval at its line in the rendered file', () => {
    const { diagnostics } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      const repo = new HelmRepository(f, 'repo', { name: 'r', url: 'https://example.com/charts' });
      new HelmRelease(f, 'hr', { name: 'x', namespace: 'ns', interval: '10 minutes', chart: { repository: repo, chart: 'x' } });
    });
    assert.equal(diagnostics.length, 1);
    const d = diagnostics[0]!;
    assert.equal(d.ruleId, 'invalid-duration');
    assert.equal(d.file, 'gitops/apps/helm-release.yaml');
    assert.equal(typeof d.line, 'number');
    assert.equal(d.column, 3);
  });

  it('reports an invalid release name', () => {
    const { diagnostics } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      const repo = new HelmRepository(f, 'repo', { name: 'r', url: 'https://example.com/charts' });
      new HelmRelease(f, 'hr', { name: 'x', namespace: 'ns', releaseName: 'Bad_Name', chart: { repository: repo, chart: 'x' } });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['flux-release-name']);
  });
});

describe('sources', () => {
  it('rejects an oci:// URL on a HelmRepository and an https URL on an OCIRepository', () => {
    const { diagnostics } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'apps' });
      new HelmRepository(f, 'a', { name: 'a', url: 'oci://ghcr.io/x' });
      new OCIRepository(f, 'b', { name: 'b', url: 'https://ghcr.io/x', version: '1.0.0' });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['invalid-value', 'invalid-value']);
  });
});

describe('Kustomization', () => {
  it('renders path, prune, sourceRef and dependsOn', () => {
    const { objects } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'clusters/c' });
      const a = new Kustomization(f, 'a', { name: 'a', path: './gitops/a' });
      new Kustomization(f, 'b', { name: 'b', path: './gitops/b', dependsOn: [a], prune: false });
    });
    const b = objects.find((o) => o.kind === 'Kustomization' && o.metadata.name === 'b')!;
    assert.equal(b.apiVersion, 'kustomize.toolkit.fluxcd.io/v1');
    assert.deepEqual(b.spec, {
      dependsOn: [{ name: 'a', namespace: 'flux-system' }],
      interval: '10m',
      path: './gitops/b',
      prune: false,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      timeout: '5m',
      wait: true,
    });
  });
});

describe('folders', () => {
  it('writes a kustomization.yaml listing each file of the folder, and groups objects that share a file', () => {
    const { files } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'infrastructure/sources' });
      new HelmRepository(f, 'a', { name: 'a', url: 'https://a.example/charts' });
      new HelmRepository(f, 'b', { name: 'b', url: 'https://b.example/charts' });
    });
    assert.deepEqual(files.map((f) => f.path), ['infrastructure/sources/helm-repository.yaml', 'infrastructure/sources/kustomization.yaml']);
    assert.equal(files[0]!.content.split('\n---\n').length, 2);
    assert.match(files[1]!.content, /resources:\n {2}- helm-repository.yaml\n/);
  });

  it('reports two objects with one identity', () => {
    const { diagnostics } = synthApp((app) => {
      const f = new GitOpsFolder(app, 'f', { path: 'x' });
      new HelmRepository(f, 'a', { name: 'same', url: 'https://a.example/charts', file: 'a.yaml' });
      new HelmRepository(f, 'b', { name: 'same', url: 'https://b.example/charts', file: 'b.yaml' });
    });
    assert.deepEqual(diagnostics.map((d) => d.ruleId), ['duplicate-resource']);
  });
});
