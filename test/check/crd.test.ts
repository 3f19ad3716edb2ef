import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CrdIndex, crdSchemas, validateCustomResource } from '../../src/check/crd';
import type { SchemaViolation } from '../../src/check/openapi';
import { conformanceSkip, reference } from '../support/paths';

/** [path joined with '.', keyword] of each violation. */
function brief(violations: SchemaViolation[] | undefined): [string, string][] | undefined {
  return violations?.map((v) => [v.path.join('.'), v.keyword]);
}

function parseAll(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => d.toJS() as unknown);
}

const WIDGET_CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets, listKind: WidgetList, singular: widget }
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true }
    - name: v1beta1
      served: true
      storage: false
      deprecated: true
      deprecationWarning: example.com/v1beta1 Widget is deprecated
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: { type: string }
            kind: { type: string }
            metadata: { type: object }
            spec: { type: object, x-kubernetes-preserve-unknown-fields: true }
    - name: v1
      served: true
      storage: true
      subresources: { status: {} }
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: { type: string }
            kind: { type: string }
            metadata: { type: object }
            spec:
              type: object
              required: [size]
              properties:
                size: { type: string, enum: [small, large] }
                count: { type: integer, minimum: 1 }
              x-kubernetes-validations:
                - rule: self.size == 'large' || !has(self.count)
                  message: count needs a large widget
            status:
              type: object
              properties:
                ready: { type: boolean }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: not-a-crd }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: broken }
spec: { names: { kind: Broken } }
`;

describe('crdSchemas', () => {
  const schemas = crdSchemas(parseAll(WIDGET_CRD));
  it('collects every version of every CRD and ignores other documents', () => {
    assert.deepEqual(
      schemas.map((s) => [s.apiVersion, s.kind, s.served, s.storage]),
      [
        ['example.com/v1alpha1', 'Widget', false, false],
        ['example.com/v1beta1', 'Widget', true, false],
        ['example.com/v1', 'Widget', true, true],
      ],
    );
  });
  it('carries names, scope, deprecation, subresources and CEL rules', () => {
    const [, beta, v1] = schemas;
    assert.equal(v1?.group, 'example.com');
    assert.equal(v1?.version, 'v1');
    assert.equal(v1?.plural, 'widgets');
    assert.equal(v1?.scope, 'Namespaced');
    assert.equal(v1?.statusSubresource, true);
    assert.equal(v1?.deprecated, false);
    assert.equal(beta?.deprecated, true);
    assert.equal(beta?.deprecationWarning, 'example.com/v1beta1 Widget is deprecated');
    assert.deepEqual(v1?.celRules, [{ path: ['spec'], rule: "self.size == 'large' || !has(self.count)", message: 'count needs a large widget' }]);
  });
  it('never throws on junk', () => {
    assert.deepEqual(crdSchemas([null, 1, 'x', [], { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', spec: { group: 'g', names: { kind: 'K' }, versions: [null, {}] } }]), []);
  });
  it('reads CRDs inside a v1 List', () => {
    const [crd] = parseAll(WIDGET_CRD);
    assert.equal(crdSchemas([{ apiVersion: 'v1', kind: 'List', items: [crd] }]).length, 3);
  });
});

describe('CrdIndex', () => {
  const index = new CrdIndex(crdSchemas(parseAll(WIDGET_CRD)));
  it('finds served versions by apiVersion and kind', () => {
    assert.equal(index.find('example.com/v1', 'Widget')?.storage, true);
    assert.equal(index.find('example.com/v1beta1', 'Widget')?.version, 'v1beta1');
  });
  it('does not find unserved versions, unknown versions or other kinds', () => {
    assert.equal(index.find('example.com/v1alpha1', 'Widget'), undefined);
    assert.equal(index.find('example.com/v2', 'Widget'), undefined);
    assert.equal(index.find('example.com/v1', 'Gadget'), undefined);
  });
  it('lists served versions of a group and kind', () => {
    assert.deepEqual(index.versionsOf('example.com', 'Widget'), ['v1beta1', 'v1']);
    assert.deepEqual(index.versionsOf('example.com', 'Gadget'), []);
  });
  it('keeps every schema, served or not', () => {
    assert.equal(index.schemas.length, 3);
  });
});

describe('validateCustomResource', () => {
  const index = new CrdIndex(crdSchemas(parseAll(WIDGET_CRD)));
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { size: 'large', count: 2 } };
  it('accepts a valid object', () => {
    assert.deepEqual(validateCustomResource(index, widget), []);
  });
  it('returns undefined when no served CRD covers the object', () => {
    assert.equal(validateCustomResource(index, { ...widget, apiVersion: 'example.com/v1alpha1' }), undefined);
    assert.equal(validateCustomResource(index, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }), undefined);
    assert.equal(validateCustomResource(index, 'nonsense'), undefined);
    assert.equal(validateCustomResource(index, { kind: 'Widget' }), undefined);
  });
  it('reports spec violations and metadata problems', () => {
    assert.deepEqual(brief(validateCustomResource(index, { ...widget, metadata: {}, spec: { size: 'huge', count: 0, colour: 'red' } })), [
      ['metadata.name', 'required'],
      ['spec.size', 'enum'],
      ['spec.count', 'minimum'],
      ['spec.colour', 'unknown-field'],
    ]);
    assert.deepEqual(brief(validateCustomResource(index, { ...widget, spec: {} })), [['spec.size', 'required']]);
  });
  it('ignores status when the version has a status subresource', () => {
    assert.deepEqual(validateCustomResource(index, { ...widget, status: { ready: 'yes', junk: 1 } }), []);
  });
  it('accepts anything under a preserve-unknown-fields spec', () => {
    assert.deepEqual(validateCustomResource(index, { ...widget, apiVersion: 'example.com/v1beta1', spec: { anything: [1, 2] } }), []);
  });
  it('evaluates hand-coded CEL rules when asked', () => {
    const found = validateCustomResource(
      index,
      { ...widget, spec: { size: 'small', count: 3 } },
      { cel: (rule, self) => (rule.rule.startsWith("self.size == 'large'") ? (self as { size: string }).size === 'large' || !('count' in (self as object)) : undefined) },
    );
    assert.deepEqual(found, [{ path: ['spec'], message: 'count needs a large widget', keyword: 'x-kubernetes-validations' }]);
  });
});

describe('Flux CRDs (conformance)', { skip: conformanceSkip }, () => {
  const load = (): CrdIndex => {
    const dir = reference('flux-crds');
    const documents = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .flatMap((f) => parseAll(readFileSync(`${dir}/${f}`, 'utf8')));
    return new CrdIndex(crdSchemas(documents));
  };
  const index = conformanceSkip ? new CrdIndex([]) : load();

  const helmRelease = (): Record<string, unknown> & { spec: Record<string, unknown> & { chart: { spec: Record<string, unknown> & { sourceRef: Record<string, unknown> } } } } => ({
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'tempo', namespace: 'monitoring' },
    spec: {
      interval: '10m',
      chart: { spec: { chart: 'tempo-distributed', version: '1.x', sourceRef: { kind: 'HelmRepository', name: 'grafana', namespace: 'flux-system' } } },
      install: { remediation: { retries: 3 } },
      upgrade: { remediation: { retries: 3, strategy: 'rollback' } },
      valuesFrom: [{ kind: 'ConfigMap', name: 'tempo-values', valuesKey: 'values.yaml' }],
      values: { traces: { otlp: { grpc: { enabled: true } } }, anything: [1, 'two', null] },
    },
  });

  it('indexes the four Flux kinds at their served versions only', () => {
    assert.deepEqual(
      index.schemas.map((s) => `${s.apiVersion} ${s.kind}`).sort(),
      ['helm.toolkit.fluxcd.io/v2 HelmRelease', 'kustomize.toolkit.fluxcd.io/v1 Kustomization', 'source.toolkit.fluxcd.io/v1 HelmRepository', 'source.toolkit.fluxcd.io/v1 OCIRepository'],
    );
    assert.equal(index.find('helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease'), undefined);
    assert.equal(index.find('helm.toolkit.fluxcd.io/v2beta2', 'HelmRelease'), undefined);
    assert.equal(index.find('source.toolkit.fluxcd.io/v1beta2', 'OCIRepository'), undefined);
    assert.deepEqual(index.versionsOf('helm.toolkit.fluxcd.io', 'HelmRelease'), ['v2']);
  });

  it('accepts a valid HelmRelease v2 with a HelmRepository chart', () => {
    assert.deepEqual(validateCustomResource(index, helmRelease()), []);
  });

  it('rejects interval "10 minutes" with a pattern violation at spec.interval', () => {
    const hr = helmRelease();
    hr.spec.interval = '10 minutes';
    assert.deepEqual(validateCustomResource(index, hr), [
      { path: ['spec', 'interval'], keyword: 'pattern', message: 'does not match pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$' },
    ]);
  });

  it('rejects sourceRef.kind OCIRepository under spec.chart.spec (enum)', () => {
    const hr = helmRelease();
    hr.spec.chart.spec.sourceRef.kind = 'OCIRepository';
    assert.deepEqual(validateCustomResource(index, hr), [
      { path: ['spec', 'chart', 'spec', 'sourceRef', 'kind'], keyword: 'enum', message: 'must be one of: HelmRepository, GitRepository, Bucket' },
    ]);
  });

  it('rejects a 60-character releaseName (maxLength 53)', () => {
    const hr = helmRelease();
    hr.spec.releaseName = 'r'.repeat(60);
    assert.deepEqual(validateCustomResource(index, hr), [{ path: ['spec', 'releaseName'], keyword: 'maxLength', message: 'must be at most 53 characters' }]);
  });

  it('rejects an unknown spec field', () => {
    const hr = helmRelease();
    hr.spec.chartVersion = '1.x';
    assert.deepEqual(validateCustomResource(index, hr), [{ path: ['spec', 'chartVersion'], keyword: 'unknown-field', message: 'unknown field "chartVersion"' }]);
  });

  it('rejects a missing interval and a missing chart name', () => {
    const hr = helmRelease();
    delete hr.spec.interval;
    delete hr.spec.chart.spec.chart;
    assert.deepEqual(brief(validateCustomResource(index, hr)), [
      ['spec.interval', 'required'],
      ['spec.chart.spec.chart', 'required'],
    ]);
  });

  it('lists the chart/chartRef CEL rule without evaluating it', () => {
    const hr = helmRelease();
    hr.spec.chartRef = { kind: 'OCIRepository', name: 'tempo' };
    assert.deepEqual(validateCustomResource(index, hr), []);
    const rules = index.find('helm.toolkit.fluxcd.io/v2', 'HelmRelease')?.celRules ?? [];
    assert.ok(rules.some((r) => r.path.join('.') === 'spec' && r.message === 'either chart or chartRef must be set'));
  });

  it('accepts a valid Kustomization v1 and rejects one without prune', () => {
    const ks = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'monitoring', namespace: 'flux-system' },
      spec: {
        interval: '1h',
        retryInterval: '2m',
        timeout: '5m',
        path: './clusters/prod/monitoring',
        prune: true,
        wait: true,
        targetNamespace: 'monitoring',
        sourceRef: { kind: 'GitRepository', name: 'flux-system' },
        dependsOn: [{ name: 'infrastructure' }],
        postBuild: { substitute: { cluster: 'prod' } },
      },
    };
    assert.deepEqual(validateCustomResource(index, ks), []);
    const withoutPrune: Record<string, unknown> = { ...ks.spec };
    delete withoutPrune.prune;
    assert.deepEqual(validateCustomResource(index, { ...ks, spec: withoutPrune }), [{ path: ['spec', 'prune'], keyword: 'required', message: 'is required' }]);
  });

  it('accepts a valid HelmRepository v1 and rejects a bad url', () => {
    const repo = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'grafana', namespace: 'flux-system' },
      spec: { interval: '1h', url: 'https://grafana.github.io/helm-charts' },
    };
    assert.deepEqual(validateCustomResource(index, repo), []);
    assert.deepEqual(brief(validateCustomResource(index, { ...repo, spec: { url: 'ftp://example.com' } })), [['spec.url', 'pattern']]);
  });

  it('accepts a valid OCIRepository v1', () => {
    const oci = {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'tempo', namespace: 'flux-system' },
      spec: {
        interval: '10m',
        url: 'oci://ghcr.io/grafana/helm-charts/tempo-distributed',
        ref: { semver: '1.x' },
        layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
      },
    };
    assert.deepEqual(validateCustomResource(index, oci), []);
  });
});
