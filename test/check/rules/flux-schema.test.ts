import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../../src/check/diagnostic';
import { runChecks, type Rule } from '../../../src/check/engine';
import { crdSchemaRule, fluxSchemaRule, unresolvedSourceRule } from '../../../src/check/rules/flux-schema';
import { parseYaml } from '../../../src/check/source';
import { evaluateCelSubset, fluxSchemas, validateFluxObject } from '../../../src/flux/schema';

const ALL: readonly Rule[] = [fluxSchemaRule, crdSchemaRule, unresolvedSourceRule];

const run = (files: Record<string, string>, rules: readonly Rule[] = ALL): Diagnostic[] =>
  runChecks(Object.entries(files).map(([p, t]) => parseYaml(p, t)), rules);

/** `file:line:column severity rule-id` of each finding. */
const check = (files: Record<string, string>, rules: readonly Rule[] = ALL): string[] =>
  run(files, rules).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`);

const HELM_REPOSITORY = `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata:
  name: grafana
  namespace: flux-system
spec:
  interval: 1h
  url: https://grafana.github.io/helm-charts
`;

const OCI_REPOSITORY = `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: tempo-chart
  namespace: flux-system
spec:
  interval: 1h
  url: oci://ghcr.io/grafana/helm-charts/tempo
  ref:
    semver: ">=1.0.0"
  layerSelector:
    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip
    operation: copy
`;

/** A HelmRelease with `spec` lines spliced in (indented by two spaces, under `spec:` on line 5). */
const helmRelease = (spec: string, metadata = 'metadata:\n  name: tempo\n  namespace: monitoring\n') =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n${metadata}spec:\n${spec}`;

// line 7 is the first line under spec
const CHART = `  interval: 10m
  chart:
    spec:
      chart: tempo
      version: 1.x
      sourceRef:
        kind: HelmRepository
        name: grafana
        namespace: flux-system
`;

const KUSTOMIZATION = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: tempo
  namespace: flux-system
spec:
  interval: 10m
  prune: true
  path: ./gitops/infrastructure/tempo
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

const GIT_REPOSITORY = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: ssh://git@github.com/example/fleet
  ref: {branch: main}
`;

describe('flux-schema rule', () => {
  it('accepts valid objects of every built-in kind', () => {
    const files = {
      'repo.yaml': HELM_REPOSITORY,
      'oci.yaml': OCI_REPOSITORY,
      'hr.yaml': helmRelease(CHART + '  values:\n    anything: {goes: [here]}\n  install:\n    remediation:\n      retries: 3\n'),
      'hr-oci.yaml': helmRelease('  interval: 1h30m\n  chartRef:\n    kind: OCIRepository\n    name: tempo-chart\n    namespace: flux-system\n'),
      'ks.yaml': KUSTOMIZATION,
      'git.yaml': GIT_REPOSITORY,
    };
    assert.deepEqual(check(files), []);
  });

  it('reports interval "10 minutes" at the interval key, with a duration hint', () => {
    const [d, ...rest] = run({ 'x.yaml': helmRelease(CHART.replace('interval: 10m', 'interval: 10 minutes')) }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity} ${d?.ruleId}`, '7:3 error flux-schema');
    assert.match(d!.message, /^spec\.interval "10 minutes" is not a valid duration/);
    assert.equal(d!.hint, 'use a duration such as 10m or 1h30m');
  });

  it('reports a missing interval at the spec key', () => {
    const [d, ...rest] = run({ 'x.yaml': helmRelease(CHART.replace('  interval: 10m\n', '')) }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity}`, '6:1 error');
    assert.equal(d!.message, 'spec.interval is required');
    assert.match(d!.hint ?? '', /interval: 10m/);
  });

  it('reports a missing required key of a nested object at its parent key', () => {
    const text = helmRelease(CHART.replace('        name: grafana\n', ''));
    assert.deepEqual(check({ 'x.yaml': text }, [fluxSchemaRule]), ['x.yaml:12:7 error flux-schema']);
    assert.equal(run({ 'x.yaml': text }, [fluxSchemaRule])[0]!.message, 'spec.chart.spec.sourceRef.name is required');
  });

  it('reports an unknown spec field at its key, with a did-you-mean', () => {
    const [d, ...rest] = run({ 'x.yaml': helmRelease(CHART + '  relaseName: tempo\n') }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity}`, '16:3 error');
    assert.equal(d!.message, 'spec.relaseName is not a field of HelmRelease helm.toolkit.fluxcd.io/v2');
    assert.equal(d!.hint, 'did you mean releaseName?');
  });

  it('suggests moving chart fields that sit one level too high', () => {
    const text = helmRelease('  interval: 10m\n  chart:\n    chart: tempo\n    spec:\n      chart: tempo\n      sourceRef: {kind: HelmRepository, name: grafana, namespace: flux-system}\n');
    const [d] = run({ 'x.yaml': text }, [fluxSchemaRule]);
    assert.equal(`${d?.line}:${d?.column} ${d?.message}`, '9:5 spec.chart.chart is not a field of HelmRelease helm.toolkit.fluxcd.io/v2');
    assert.equal(d!.hint, 'move it under spec.chart.spec');
  });

  it('reports chart and chartRef both set at chartRef', () => {
    const [d, ...rest] = run({ 'x.yaml': helmRelease(CHART + '  chartRef:\n    kind: OCIRepository\n    name: tempo-chart\n') }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity} ${d?.ruleId}`, '16:3 error flux-schema');
    assert.equal(d!.message, 'either chart or chartRef must be set');
    assert.match(d!.hint ?? '', /^keep one/);
  });

  it('reports neither chart nor chartRef at the spec key', () => {
    const [d, ...rest] = run({ 'x.yaml': helmRelease('  interval: 10m\n') }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity}`, '6:1 error');
    assert.equal(d!.message, 'either chart or chartRef must be set');
    assert.match(d!.hint ?? '', /^add spec\.chart\.spec/);
  });

  it('reports a sourceRef kind outside the enum at the kind key, pointing OCI charts to chartRef', () => {
    const [d, ...rest] = run({ 'x.yaml': helmRelease(CHART.replace('kind: HelmRepository', 'kind: OCIRepository')) }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity}`, '13:9 error');
    assert.equal(d!.message, 'spec.chart.spec.sourceRef.kind "OCIRepository" is not one of HelmRepository, GitRepository, Bucket');
    assert.match(d!.hint ?? '', /spec\.chartRef/);
  });

  it('suggests the enum value a misspelt kind is closest to', () => {
    const [d] = run({ 'x.yaml': helmRelease(CHART.replace('kind: HelmRepository', 'kind: HelmRepo')) }, [fluxSchemaRule]);
    assert.equal(d?.hint, 'did you mean HelmRepository?');
  });

  it('reports a releaseName of 60 characters', () => {
    const [d, ...rest] = run({ 'x.yaml': helmRelease(CHART + `  releaseName: ${'r'.repeat(60)}\n`) }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity}`, '16:3 error');
    assert.equal(d!.message, 'spec.releaseName is 60 characters long, over the limit of 53');
    assert.match(d!.hint ?? '', /53 characters/);
  });

  it('reports a targetNamespace over 63 characters', () => {
    assert.deepEqual(check({ 'x.yaml': helmRelease(CHART + `  targetNamespace: ${'n'.repeat(64)}\n`) }, [fluxSchemaRule]), ['x.yaml:16:3 error flux-schema']);
  });

  it('reports a quoted boolean with a hint to drop the quotes', () => {
    const [d] = run({ 'x.yaml': helmRelease(CHART + '  suspend: "true"\n') }, [fluxSchemaRule]);
    assert.equal(`${d?.line}:${d?.column} ${d?.message}`, '16:3 spec.suspend must be a boolean');
    assert.match(d!.hint ?? '', /remove the quotes/);
  });

  it('reports the install and upgrade strategy CEL rules', () => {
    const text = helmRelease(CHART + '  upgrade:\n    strategy:\n      name: RemediateOnFailure\n      retryInterval: 1m\n');
    const [d, ...rest] = run({ 'x.yaml': text }, [fluxSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column}`, '17:5');
    assert.equal(d!.message, "spec.upgrade.strategy: .retryInterval can only be set when .name is 'RetryOnFailure'");
  });

  it('reports HelmRepository and OCIRepository URL and timeout patterns', () => {
    const files = {
      'repo.yaml': HELM_REPOSITORY.replace('url: https://', 'url: ').replace('  interval: 1h\n', '  interval: 1h\n  timeout: 1h\n'),
      'oci.yaml': OCI_REPOSITORY.replace('oci://', 'https://'),
    };
    const found = run(files, [fluxSchemaRule]);
    assert.deepEqual(
      found.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`),
      [
        'oci.yaml:8:3 spec.url "https://ghcr.io/grafana/helm-charts/tempo" is not an oci:// URL',
        'repo.yaml:8:3 spec.timeout "1h" is not a valid timeout (^([0-9]+(\\.[0-9]+)?(ms|s|m))+$)',
        'repo.yaml:9:3 spec.url "grafana.github.io/helm-charts" is not an http://, https:// or oci:// URL',
      ],
    );
  });

  it('reports the required fields of a Kustomization and of an OCIRepository', () => {
    const files = {
      'ks.yaml': KUSTOMIZATION.replace('  prune: true\n', ''),
      'oci.yaml': OCI_REPOSITORY.replace('  interval: 1h\n', ''),
    };
    const found = run(files, [fluxSchemaRule]);
    assert.deepEqual(
      found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`),
      ['ks.yaml:6:1 error spec.prune is required', 'oci.yaml:6:1 error spec.interval is required'],
    );
  });

  it('reports a Flux object without a spec', () => {
    const [d] = run({ 'x.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps}\n' }, [fluxSchemaRule]);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity} ${d?.message}`, '1:1 error Kustomization apps has no spec');
    assert.equal(d!.hint, 'add a spec with interval, prune, sourceRef');
  });

  it('reports metadata problems (a missing or upper-case name)', () => {
    assert.deepEqual(check({ 'x.yaml': helmRelease(CHART, 'metadata:\n  name: Tempo\n  namespace: monitoring\n') }, [fluxSchemaRule]), ['x.yaml:4:3 error flux-schema']);
  });

  it('does not report removed API versions or kinds it has no schema for', () => {
    const files = {
      'old.yaml': helmRelease('  bogus: 1\n').replace('/v2', '/v2beta1'),
      'git.yaml': GIT_REPOSITORY.replace('  interval: 1m\n', '  bogus: 1\n'),
    };
    assert.deepEqual(check(files), []);
  });

  it('leaves values with ${VAR} substitutions alone', () => {
    assert.deepEqual(check({ 'x.yaml': helmRelease(CHART.replace('interval: 10m', 'interval: ${interval:=10m}') + '  suspend: ${SUSPEND}\n') }, [fluxSchemaRule]), []);
  });

  it('does not ask for required fields in a file a kustomization.yaml uses as a patch', () => {
    const files = {
      'app/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base]\npatches:\n  - path: patches/hr.yaml\n',
      'app/patches/hr.yaml': helmRelease('  values:\n    replicas: 2\n'),
      'app/patches/other.yaml': helmRelease('  values:\n    replicas: 2\n'),
    };
    // the file no kustomization.yaml names is a whole object: interval and chart xor chartRef apply
    assert.deepEqual(check(files, [fluxSchemaRule]), ['app/patches/other.yaml:6:1 error flux-schema', 'app/patches/other.yaml:6:1 error flux-schema']);
  });

  it('validates against the CRD in the tree instead of the built-in schema, once', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: helmreleases.helm.toolkit.fluxcd.io}
spec:
  group: helm.toolkit.fluxcd.io
  names: {kind: HelmRelease, plural: helmreleases}
  scope: Namespaced
  versions:
    - name: v2
      served: true
      storage: true
      subresources: {status: {}}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec:
              type: object
              required: [interval]
              x-kubernetes-validations:
                - rule: (has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))
                  message: either chart or chartRef must be set
              properties:
                interval: {type: string}
                newField: {type: boolean}
                chart: {type: object, x-kubernetes-preserve-unknown-fields: true}
                chartRef: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;
    // newField is unknown to the built-in schema, "10 minutes" passes the tree CRD (no pattern there)
    const files = { 'gotk-components.yaml': crd, 'hr.yaml': helmRelease(CHART.replace('10m', '10 minutes') + '  newField: true\n  bogus: 1\n') };
    const found = run(files, ALL.filter((r) => r !== unresolvedSourceRule));
    assert.deepEqual(
      found.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`),
      ['hr.yaml:17:3 flux-schema spec.bogus is not a field of HelmRelease helm.toolkit.fluxcd.io/v2'],
    );
  });

  it('never throws on malformed objects', () => {
    const files = {
      'a.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: [1]\nspec: [1, 2]\n',
      'b.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: b}\nspec:\n  interval: 5\n  chart: "x"\n  chartRef: {kind: 7, name: null}\n',
      'c.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: c}\nspec: {sourceRef: [GitRepository]}\n',
      'd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: {group: x.io, names: {kind: X}, versions: [null, {name: v1}]}\n---\napiVersion: x.io/v1\nkind: X\n',
    };
    assert.doesNotThrow(() => run(files));
    assert.ok(run(files).length > 0);
  });
});

const WIDGET_CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: false
      storage: false
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
    - name: v1beta1
      served: true
      storage: false
      deprecated: true
      deprecationWarning: example.com/v1beta1 Widget is deprecated; use example.com/v1
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec:
              type: object
              required: [size]
              properties:
                size: {type: string, enum: [small, large]}
                count: {type: integer, minimum: 1}
              x-kubernetes-validations:
                - rule: self.size == 'large' || !has(self.count)
                  message: count needs a large widget
`;

const widget = (apiVersion: string, spec: string) => `apiVersion: ${apiVersion}\nkind: Widget\nmetadata:\n  name: w\nspec:\n${spec}`;

describe('crd-schema rule', () => {
  it('validates a custom resource of another group against a CRD in the tree', () => {
    const files = { 'crds/widget.yaml': WIDGET_CRD, 'w.yaml': widget('example.com/v1', '  size: medium\n  colour: red\n') };
    const found = run(files, [crdSchemaRule]);
    assert.deepEqual(
      found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`),
      [
        'w.yaml:6:3 error crd-schema spec.size "medium" is not one of small, large',
        'w.yaml:7:3 error crd-schema spec.colour is not a field of Widget example.com/v1',
      ],
    );
  });

  it('accepts a valid custom resource, and evaluates simple CEL rules', () => {
    assert.deepEqual(check({ 'crds/widget.yaml': WIDGET_CRD, 'w.yaml': widget('example.com/v1', '  size: large\n  count: 2\n') }), []);
    const [d] = run({ 'crds/widget.yaml': WIDGET_CRD, 'w.yaml': widget('example.com/v1', '  size: small\n  count: 2\n') }, [crdSchemaRule]);
    assert.equal(`${d?.line}:${d?.column} ${d?.message}`, '5:1 spec: count needs a large widget');
  });

  it('reports a missing required field at the parent key', () => {
    assert.deepEqual(check({ 'crds/widget.yaml': WIDGET_CRD, 'w.yaml': widget('example.com/v1', '  count: 2\n') }, [crdSchemaRule]), ['w.yaml:5:1 error crd-schema']);
  });

  it('reports an apiVersion the CRD does not serve, at the apiVersion value', () => {
    const files = { 'crds/widget.yaml': WIDGET_CRD, 'a.yaml': widget('example.com/v1alpha1', '  size: small\n'), 'b.yaml': widget('example.com/v2', '  size: small\n') };
    const found = run(files, [crdSchemaRule]);
    assert.deepEqual(
      found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`),
      [
        'a.yaml:1:13 error example.com/v1alpha1 Widget is not served by CustomResourceDefinition widgets.example.com (crds/widget.yaml:1)',
        'b.yaml:1:13 error example.com/v2 Widget is not defined by CustomResourceDefinition widgets.example.com (crds/widget.yaml:1)',
      ],
    );
    assert.equal(found[0]!.hint, 'use apiVersion: example.com/v1 (served: v1beta1, v1)');
  });

  it('warns about a deprecated version', () => {
    const [d, ...rest] = run({ 'crds/widget.yaml': WIDGET_CRD, 'w.yaml': widget('example.com/v1beta1', '  anything: 1\n') }, [crdSchemaRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity}`, '1:13 warning');
    assert.equal(d!.hint, 'use apiVersion: example.com/v1');
  });

  it('reports a built-in Flux version that the CRD in the tree does not serve (flux-schema still checks it)', () => {
    const oldCrd = WIDGET_CRD.replace(/example\.com/g, 'helm.toolkit.fluxcd.io').replace(/Widget/g, 'HelmRelease').replace('widgets', 'helmreleases').replace('- name: v1\n', '- name: v2beta2\n');
    const files = { 'gotk-components.yaml': oldCrd, 'hr.yaml': helmRelease(CHART + '  bogus: 1\n') };
    assert.deepEqual(check(files, [crdSchemaRule, fluxSchemaRule]), ['hr.yaml:1:13 error crd-schema', 'hr.yaml:16:3 error flux-schema']);
  });

  it('ignores objects of kinds no CRD in the tree defines, and leaves removed Flux versions to removed-api-version', () => {
    const fluxCrd = WIDGET_CRD.replace(/example\.com/g, 'helm.toolkit.fluxcd.io').replace(/Widget/g, 'HelmRelease').replace('widgets', 'helmreleases');
    const files = {
      'crds/widget.yaml': WIDGET_CRD,
      'crds/hr.yaml': fluxCrd,
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nbogus: 1\n',
      'g.yaml': 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: x}\nspec: {bogus: 1}\n',
      'old.yaml': helmRelease(CHART).replace('/v2', '/v2beta1'),
    };
    assert.deepEqual(check(files, [crdSchemaRule]), []);
  });
});

describe('unresolved-source rule', () => {
  it('accepts references that resolve, with the namespace defaulting to the referrer\'s', () => {
    const files = {
      'repo.yaml': HELM_REPOSITORY,
      'hr.yaml': helmRelease(CHART.replace('        namespace: flux-system\n', ''), 'metadata:\n  name: tempo\n  namespace: flux-system\n'),
      'hr2.yaml': helmRelease(CHART.replace('        namespace: flux-system\n', ''), 'metadata:\n  name: unplaced\n'),
    };
    assert.deepEqual(check(files, [unresolvedSourceRule]), []);
  });

  it('warns when no source of the kind is in the tree (it may live outside the checked paths)', () => {
    const [d, ...rest] = run({ 'hr.yaml': helmRelease(CHART) }, [unresolvedSourceRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity} ${d?.ruleId}`, '14:9 warning unresolved-source');
    assert.equal(d!.message, 'spec.chart.spec.sourceRef names HelmRepository flux-system/grafana, but no HelmRepository is defined in the checked files');
  });

  it('reports a name no source of that kind has as an error, with a did-you-mean', () => {
    const [d, ...rest] = run({ 'repo.yaml': HELM_REPOSITORY, 'hr.yaml': helmRelease(CHART.replace('name: grafana', 'name: grafna')) }, [unresolvedSourceRule]);
    assert.deepEqual(rest, []);
    assert.equal(`${d?.file}:${d?.line}:${d?.column} ${d?.severity}`, 'hr.yaml:14:9 error');
    assert.equal(d!.message, 'spec.chart.spec.sourceRef names HelmRepository flux-system/grafna, but no HelmRepository of that name is in namespace flux-system');
    assert.equal(d!.hint, 'did you mean grafana?');
  });

  it('points at the namespace when the name exists in another one', () => {
    const [d] = run({ 'repo.yaml': HELM_REPOSITORY, 'hr.yaml': helmRelease(CHART.replace('        namespace: flux-system\n', '')) }, [unresolvedSourceRule]);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity}`, '14:9 error');
    assert.equal(d!.hint, 'did you mean namespace flux-system? set spec.chart.spec.sourceRef.namespace: flux-system');
  });

  it('lists the known sources when no name is close', () => {
    const [d] = run({ 'repo.yaml': HELM_REPOSITORY, 'hr.yaml': helmRelease(CHART.replace('name: grafana', 'name: bitnami')) }, [unresolvedSourceRule]);
    assert.equal(d?.hint, 'the HelmRepository objects in the checked files are: flux-system/grafana');
  });

  it('resolves chartRef against OCIRepository objects', () => {
    const chartRef = (name: string) => helmRelease(`  interval: 10m\n  chartRef:\n    kind: OCIRepository\n    name: ${name}\n    namespace: flux-system\n`);
    assert.deepEqual(check({ 'oci.yaml': OCI_REPOSITORY, 'hr.yaml': chartRef('tempo-chart') }, [unresolvedSourceRule]), []);
    assert.deepEqual(check({ 'oci.yaml': OCI_REPOSITORY, 'hr.yaml': chartRef('tempo-chrt') }, [unresolvedSourceRule]), ['hr.yaml:10:5 error unresolved-source']);
    assert.deepEqual(check({ 'hr.yaml': chartRef('tempo-chart') }, [unresolvedSourceRule]), ['hr.yaml:10:5 warning unresolved-source']);
  });

  it('says nothing for a Kustomization whose source kind is absent (bootstrap files), and only warns on a likely typo', () => {
    assert.deepEqual(check({ 'ks.yaml': KUSTOMIZATION }, [unresolvedSourceRule]), []);
    const [d] = run({ 'ks.yaml': KUSTOMIZATION.replace('name: flux-system\n', 'name: flux-sytem\n'), 'git.yaml': GIT_REPOSITORY }, [unresolvedSourceRule]);
    assert.equal(`${d?.line}:${d?.column} ${d?.severity} ${d?.hint}`, '12:5 warning did you mean flux-system?');
    assert.deepEqual(check({ 'ks.yaml': KUSTOMIZATION, 'git.yaml': GIT_REPOSITORY }, [unresolvedSourceRule]), []);
  });

  it('skips references flux-schema rejects and kustomize.config.k8s.io Kustomizations', () => {
    const files = {
      'hr.yaml': helmRelease(CHART.replace('kind: HelmRepository', 'kind: OCIRepository')),
      'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n',
    };
    assert.deepEqual(check(files, [unresolvedSourceRule]), []);
  });
});

describe('built-in Flux schemas', () => {
  it('cover the four kinds at the served versions', () => {
    assert.deepEqual(
      fluxSchemas.map((s) => `${s.apiVersion} ${s.kind}`),
      ['helm.toolkit.fluxcd.io/v2 HelmRelease', 'source.toolkit.fluxcd.io/v1 HelmRepository', 'source.toolkit.fluxcd.io/v1 OCIRepository', 'kustomize.toolkit.fluxcd.io/v1 Kustomization'],
    );
  });

  it('ignore status and return undefined for kinds they do not know', () => {
    const object = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'r' }, spec: { url: 'https://x' }, status: { bogus: 1 } };
    assert.deepEqual(validateFluxObject(object), []);
    assert.equal(validateFluxObject({ apiVersion: 'v1', kind: 'ConfigMap' }), undefined);
    assert.equal(validateFluxObject('nope'), undefined);
  });
});

describe('evaluateCelSubset', () => {
  const xor = '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))';
  it('evaluates has, !, &&, ||, parentheses and string comparisons', () => {
    assert.equal(evaluateCelSubset(xor, { chart: {} }), true);
    assert.equal(evaluateCelSubset(xor, { chartRef: {} }), true);
    assert.equal(evaluateCelSubset(xor, { chart: {}, chartRef: {} }), false);
    assert.equal(evaluateCelSubset(xor, {}), false);
    assert.equal(evaluateCelSubset(xor, { chart: null, chartRef: {} }), true);
    assert.equal(evaluateCelSubset("!has(self.retryInterval) || self.name != 'RemediateOnFailure'", { name: 'RemediateOnFailure', retryInterval: '1m' }), false);
    assert.equal(evaluateCelSubset("!has(self.retryInterval) || self.name == 'RetryOnFailure'", { name: 'RetryOnFailure', retryInterval: '1m' }), true);
  });
  it('gives up (undefined) on expressions outside the subset and on run-time errors', () => {
    assert.equal(evaluateCelSubset('self.size > 1', { size: 2 }), undefined);
    assert.equal(evaluateCelSubset('self.items.all(i, i != "")', {}), undefined);
    assert.equal(evaluateCelSubset("self.name == 'x'", {}), undefined);
    assert.equal(evaluateCelSubset('has(self.a.b)', {}), undefined);
    assert.equal(evaluateCelSubset('has(self.a', {}), undefined);
    assert.equal(evaluateCelSubset('', {}), undefined);
  });
});
