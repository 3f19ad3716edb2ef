import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { CrdIndex, crdSchemas, validateCustomResource } from '../../src/check/crd';
import type { OpenApiSchema, SchemaViolation } from '../../src/check/openapi';
import { fluxCel, fluxSchemas, validateFluxObject } from '../../src/flux/schema';
import { conformanceSkip, reference } from '../support/paths';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sorted `path keyword` lines of each violation. */
const brief = (violations: readonly SchemaViolation[] | undefined): string[] => (violations ?? []).map((v) => `${v.path.join('.')} ${v.keyword}`).sort();

const meta = { name: 'sample', namespace: 'flux-system' };

const BASE: Record<string, Json> = {
  HelmRelease: {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: meta,
    spec: {
      interval: '10m',
      chart: { spec: { chart: 'tempo', version: '1.x', sourceRef: { kind: 'HelmRepository', name: 'grafana', namespace: 'flux-system' } } },
      values: { tempo: { retention: '72h' }, list: [1, 'two', { three: 3 }] },
    },
  },
  HelmRepository: {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: meta,
    spec: { interval: '1h', url: 'https://grafana.github.io/helm-charts' },
  },
  OCIRepository: {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: meta,
    spec: {
      interval: '1h',
      url: 'oci://ghcr.io/grafana/helm-charts/tempo',
      ref: { semver: '>=1.0.0' },
      layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
    },
  },
  Kustomization: {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: meta,
    spec: { interval: '10m', prune: true, path: './apps', sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
  },
};

/** A copy of the base object of `kind` with `change` applied to its spec. */
function sample(kind: string, change: (spec: Json) => void): Json {
  const object = structuredClone(BASE[kind]!);
  change(object.spec as Json);
  return object;
}

const chartSpec = (spec: Json): Json => (spec.chart as Json).spec as Json;

/** [description, object, expected validity]. Each constraint encoded in the built-in schemas has a case. */
const SAMPLES: [string, Json, boolean][] = [
  // HelmRelease
  ['HelmRelease: valid chart from a HelmRepository', sample('HelmRelease', () => {}), true],
  ['HelmRelease: valid chartRef to an OCIRepository', sample('HelmRelease', (s) => { delete s.chart; s.chartRef = { kind: 'OCIRepository', name: 'tempo' }; }), true],
  ['HelmRelease: many optional fields, all valid', sample('HelmRelease', (s) => {
    Object.assign(s, {
      releaseName: 'r'.repeat(53), targetNamespace: 'n'.repeat(63), storageNamespace: 'monitoring', timeout: '1h30m', maxHistory: 3, suspend: false,
      install: { crds: 'CreateReplace', remediation: { retries: -1 }, strategy: { name: 'RetryOnFailure', retryInterval: '30s' } },
      upgrade: { crds: 'Skip', remediation: { retries: 3, strategy: 'uninstall' }, serverSideApply: 'auto', chartNameChangeStrategy: 'Reinstall' },
      rollback: { timeout: '5m', serverSideApply: 'enabled' }, uninstall: { deletionPropagation: 'orphan' }, test: { enable: true, filters: [{ name: 'smoke' }] },
      driftDetection: { mode: 'warn', ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment' } }] },
      valuesFrom: [{ kind: 'ConfigMap', name: 'vals', valuesKey: 'values.yaml', targetPath: 'a.b[0]' }], dependsOn: [{ name: 'other', namespace: 'x' }],
      postRenderers: [{ kustomize: { patches: [{ patch: '- op: add', target: { kind: 'Deployment' } }], images: [{ name: 'a', newTag: 'b' }] } }],
      kubeConfig: { secretRef: { name: 'kc', key: 'value' } }, waitStrategy: { name: 'poller' }, postRenderStrategy: 'combined',
      commonMetadata: { labels: { a: 'b' } }, healthCheckExprs: [{ apiVersion: 'v1', current: 'true' }],
    });
    Object.assign(chartSpec(s), { reconcileStrategy: 'Revision', verify: { secretRef: { name: 'keys' } }, interval: '5m', valuesFiles: ['a.yaml'] });
  }), true],
  ['HelmRelease: status is ignored', { ...sample('HelmRelease', () => {}), status: { anything: ['goes'] } }, true],
  ['HelmRelease: interval "10 minutes"', sample('HelmRelease', (s) => { s.interval = '10 minutes'; }), false],
  ['HelmRelease: missing interval', sample('HelmRelease', (s) => { delete s.interval; }), false],
  ['HelmRelease: unknown spec field', sample('HelmRelease', (s) => { s.intervall = '5m'; }), false],
  ['HelmRelease: chart and chartRef both', sample('HelmRelease', (s) => { s.chartRef = { kind: 'OCIRepository', name: 'tempo' }; }), false],
  ['HelmRelease: neither chart nor chartRef', sample('HelmRelease', (s) => { delete s.chart; }), false],
  ['HelmRelease: sourceRef kind OCIRepository', sample('HelmRelease', (s) => { (chartSpec(s).sourceRef as Json).kind = 'OCIRepository'; }), false],
  ['HelmRelease: chartRef kind HelmRepository', sample('HelmRelease', (s) => { delete s.chart; s.chartRef = { kind: 'HelmRepository', name: 'g' }; }), false],
  ['HelmRelease: sourceRef without name, chart.spec without chart', sample('HelmRelease', (s) => { delete (chartSpec(s).sourceRef as Json).name; delete chartSpec(s).chart; }), false],
  ['HelmRelease: chart without spec', sample('HelmRelease', (s) => { s.chart = {}; }), false],
  ['HelmRelease: releaseName of 60 characters', sample('HelmRelease', (s) => { s.releaseName = 'r'.repeat(60); }), false],
  ['HelmRelease: releaseName of 54 characters (one over)', sample('HelmRelease', (s) => { s.releaseName = 'r'.repeat(54); }), false],
  ['HelmRelease: empty releaseName', sample('HelmRelease', (s) => { s.releaseName = ''; }), false],
  ['HelmRelease: targetNamespace and storageNamespace of 64 characters', sample('HelmRelease', (s) => { s.targetNamespace = 'n'.repeat(64); s.storageNamespace = 'n'.repeat(64); }), false],
  ['HelmRelease: chart name of 2049 characters, sourceRef name of 254', sample('HelmRelease', (s) => { chartSpec(s).chart = 'c'.repeat(2049); (chartSpec(s).sourceRef as Json).name = 'n'.repeat(254); }), false],
  ['HelmRelease: timeouts that are not durations', sample('HelmRelease', (s) => {
    Object.assign(s, { timeout: '5 min', install: { timeout: '1d' }, upgrade: { timeout: 'x' }, rollback: { timeout: '' }, test: { timeout: '1' }, uninstall: { timeout: '-1m' } });
    chartSpec(s).interval = '1w';
  }), false],
  ['HelmRelease: bad enums', sample('HelmRelease', (s) => {
    Object.assign(s, {
      install: { crds: 'Always' }, upgrade: { crds: 'create', remediation: { strategy: 'Rollback' }, serverSideApply: 'true', chartNameChangeStrategy: 'x' },
      rollback: { serverSideApply: 'on' }, uninstall: { deletionPropagation: 'Background' }, driftDetection: { mode: 'on' },
      waitStrategy: { name: 'kstatus' }, postRenderStrategy: 'all',
    });
    Object.assign(chartSpec(s), { reconcileStrategy: 'Latest', verify: { provider: 'gpg' } });
  }), false],
  ['HelmRelease: bad valuesFrom', sample('HelmRelease', (s) => {
    s.valuesFrom = [{ kind: 'Deployment', name: 'x' }, { kind: 'Secret', name: '', valuesKey: 'a b' }, { kind: 'ConfigMap', name: 'y', targetPath: 'a b', extra: 1 }, { name: 'z' }];
  }), false],
  ['HelmRelease: install strategy retryInterval with RemediateOnFailure', sample('HelmRelease', (s) => { s.install = { strategy: { name: 'RemediateOnFailure', retryInterval: '1m' } }; }), false],
  ['HelmRelease: upgrade strategy retryInterval without RetryOnFailure, and a strategy without name', sample('HelmRelease', (s) => {
    s.upgrade = { strategy: { name: 'RemediateOnFailure', retryInterval: '1m' } };
    s.install = { strategy: {} };
  }), false],
  ['HelmRelease: kubeConfig with both refs', sample('HelmRelease', (s) => { s.kubeConfig = { configMapRef: { name: 'a' }, secretRef: { name: 'b' } }; }), false],
  ['HelmRelease: kubeConfig with neither ref', sample('HelmRelease', (s) => { s.kubeConfig = {}; }), false],
  ['HelmRelease: unknown fields in postRenderers, install and test filters', sample('HelmRelease', (s) => {
    s.postRenderers = [{ kustomize: { patchesStrategicMerge: [] } }, { helm: {} }];
    s.install = { remediation: { retires: 3 } };
    s.test = { filters: [{ name: 'a', include: true }] };
  }), false],
  ['HelmRelease: wrong types', sample('HelmRelease', (s) => { Object.assign(s, { suspend: 'true', maxHistory: '5', dependsOn: [{ namespace: 'x' }], valuesFrom: {} }); }), false],
  ['HelmRelease: bad metadata name', { ...sample('HelmRelease', () => {}), metadata: { name: 'Tempo_1' } }, false],
  // HelmRepository
  ['HelmRepository: valid without interval, with options', sample('HelmRepository', (s) => {
    delete s.interval;
    Object.assign(s, { type: 'oci', url: 'oci://ghcr.io/x', provider: 'aws', timeout: '60s', secretRef: { name: 's' }, accessFrom: { namespaceSelectors: [{ matchLabels: { a: 'b' } }] } });
  }), true],
  ['HelmRepository: ftp url', sample('HelmRepository', (s) => { s.url = 'ftp://example.com'; }), false],
  ['HelmRepository: missing url', sample('HelmRepository', (s) => { delete s.url; }), false],
  ['HelmRepository: timeout in hours, interval not a duration', sample('HelmRepository', (s) => { s.timeout = '1h'; s.interval = 'hourly'; }), false],
  ['HelmRepository: bad type and provider, unknown field', sample('HelmRepository', (s) => { Object.assign(s, { type: 'git', provider: 'github', branch: 'main', accessFrom: {} }); }), false],
  // OCIRepository
  ['OCIRepository: valid with verify defaults', sample('OCIRepository', (s) => { s.verify = { matchOIDCIdentity: [{ issuer: 'a', subject: 'b' }] }; }), true],
  ['OCIRepository: https url', sample('OCIRepository', (s) => { s.url = 'https://ghcr.io/x'; }), false],
  ['OCIRepository: missing interval and url', sample('OCIRepository', (s) => { delete s.interval; delete s.url; }), false],
  ['OCIRepository: bad layer operation, provider, timeout, OIDC identity', sample('OCIRepository', (s) => {
    Object.assign(s, { layerSelector: { operation: 'untar' }, provider: 'gitlab', timeout: '2h', verify: { provider: 'gpg', matchOIDCIdentity: [{ issuer: 'a' }] }, ref: { branch: 'main' } });
  }), false],
  // Kustomization
  ['Kustomization: valid with options', sample('Kustomization', (s) => {
    Object.assign(s, {
      targetNamespace: 'apps', namePrefix: 'p-', wait: true, timeout: '5m', retryInterval: '1m', force: false, deletionPolicy: 'Orphan',
      decryption: { provider: 'sops', secretRef: { name: 'sops' } }, postBuild: { substitute: { a: 'b' }, substituteFrom: [{ kind: 'ConfigMap', name: 'vars' }], substituteStrategy: 'Always' },
      patches: [{ patch: 'x', target: { kind: 'Deployment' } }], images: [{ name: 'a' }], components: ['c'], buildMetadata: ['originAnnotations'],
      healthChecks: [{ kind: 'Deployment', name: 'x' }], dependsOn: [{ name: 'infra' }], kubeConfig: { configMapRef: { name: 'kc' } },
    });
  }), true],
  ['Kustomization: missing prune and sourceRef', sample('Kustomization', (s) => { delete s.prune; delete s.sourceRef; }), false],
  ['Kustomization: sourceRef kind HelmRepository, missing name', sample('Kustomization', (s) => { s.sourceRef = { kind: 'HelmRepository' }; }), false],
  ['Kustomization: lengths, durations and enums', sample('Kustomization', (s) => {
    Object.assign(s, {
      namePrefix: 'p'.repeat(201), nameSuffix: '', targetNamespace: 't'.repeat(64), retryInterval: '1 minute', timeout: '1d',
      decryption: { provider: 'vault' }, deletionPolicy: 'Keep', buildMetadata: ['all'],
      postBuild: { substituteFrom: [{ kind: 'Secret' }, { kind: 'Vault', name: 'v' }], substituteStrategy: 'Never', substitute: { n: 1 } },
      patches: [{ target: {} }], healthChecks: [{ name: 'x' }], kubeConfig: { configMapRef: { name: 'a' }, secretRef: { name: 'b' } }, prune: 'yes', validation: 'client',
    });
  }), false],
];

describe('conformance: built-in Flux schemas against the real Flux CRDs', { skip: conformanceSkip }, () => {
  const realCrds = () => {
    const dir = reference('flux-crds');
    const documents = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseAllDocuments(readFileSync(`${dir}/${f}`, 'utf8')).map((d) => d.toJS() as unknown));
    return new CrdIndex(crdSchemas(documents));
  };

  it(`gives the same violations as the real CRD for ${SAMPLES.length} sample objects`, () => {
    const index = realCrds();
    assert.ok(SAMPLES.length >= 15);
    for (const [name, object, valid] of SAMPLES) {
      const real = validateCustomResource(index, object, { cel: fluxCel });
      assert.ok(real, `${name}: no real CRD`);
      const builtin = validateFluxObject(object);
      assert.deepEqual(brief(builtin), brief(real), name);
      assert.equal(builtin?.length === 0, valid, `${name}: ${JSON.stringify(builtin)}`);
    }
  });

  it('has samples that break every kind of constraint, for every kind', () => {
    const seen = new Set<string>();
    for (const [, object] of SAMPLES) for (const v of validateFluxObject(object) ?? []) seen.add(`${String(object.kind)} ${v.keyword}`);
    const expected = [
      'HelmRelease required', 'HelmRelease pattern', 'HelmRelease enum', 'HelmRelease maxLength', 'HelmRelease minLength',
      'HelmRelease unknown-field', 'HelmRelease type', 'HelmRelease x-kubernetes-validations', 'HelmRelease metadata',
      'HelmRepository required', 'HelmRepository pattern', 'HelmRepository enum', 'HelmRepository unknown-field',
      'OCIRepository required', 'OCIRepository pattern', 'OCIRepository enum', 'OCIRepository unknown-field',
      'Kustomization required', 'Kustomization pattern', 'Kustomization enum', 'Kustomization maxLength', 'Kustomization minLength',
      'Kustomization type', 'Kustomization x-kubernetes-validations',
    ];
    for (const e of expected) assert.ok(seen.has(e), e);
  });

  it('encodes exactly the constraints of the real CRDs, at the same paths (descriptions aside)', () => {
    const index = realCrds();
    const counts: Record<string, number> = {};
    for (const kind of fluxSchemas) {
      const real = index.find(kind.apiVersion, kind.kind);
      assert.ok(real?.served, `${kind.apiVersion} ${kind.kind} is not served by the real CRD`);
      const mismatches: string[] = [];
      compareSchemas(kind.schema, real.schema, kind.kind, mismatches, counts, true);
      assert.deepEqual(mismatches, [], kind.kind);
    }
    // what was compared: every one of the real CRDs' constraints is encoded (their counts, status aside)
    assert.deepEqual(counts, {
      required: 19 + 13 + 4 + 8,
      pattern: 12 + 3 + 3 + 3,
      enum: 17 + 6 + 2 + 3,
      maxLength: 13 + 4,
      minLength: 11 + 4,
      default: 4 + 2 + 1 + 3,
      // rules, not keywords: kubeConfig carries two in each CRD
      'x-kubernetes-validations': 5 + 2,
      'x-kubernetes-preserve-unknown-fields': 1,
    });
  });
});

/** Keywords compared value for value; `properties`, `items` and `additionalProperties` are walked. */
const COMPARED = ['type', 'required', 'pattern', 'enum', 'minLength', 'maxLength', 'default', 'x-kubernetes-preserve-unknown-fields'] as const;
const WALKED = new Set(['properties', 'items', 'additionalProperties', 'x-kubernetes-validations', 'description', ...COMPARED]);

function compareSchemas(mine: OpenApiSchema, real: OpenApiSchema, at: string, out: string[], counts: Record<string, number>, root = false): void {
  for (const key of COMPARED) {
    const a = canonical(mine[key]);
    const b = canonical(real[key]);
    if (a !== b) out.push(`${at}: ${key} is ${a} here, ${b} in the CRD`);
    else if (mine[key] !== undefined && key !== 'type') counts[key] = (counts[key] ?? 0) + 1;
  }
  const rules = (s: OpenApiSchema) => (Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'].map(canonical) : []);
  if (canonical(rules(mine)) !== canonical(rules(real))) out.push(`${at}: x-kubernetes-validations differ`);
  else if (rules(mine).length > 0) counts['x-kubernetes-validations'] = (counts['x-kubernetes-validations'] ?? 0) + rules(mine).length;
  for (const key of Object.keys(mine)) if (!WALKED.has(key)) out.push(`${at}: keyword ${key} is not in the comparison`);
  for (const key of Object.keys(real)) if (!WALKED.has(key)) out.push(`${at}: the CRD uses keyword ${key}, which the built-in schema lacks`);

  const mineProps = isRecord(mine.properties) ? mine.properties : {};
  const realProps = isRecord(real.properties) ? real.properties : {};
  const names = new Set([...Object.keys(mineProps), ...Object.keys(realProps)]);
  // status is the controllers' (the status subresource): the built-in schemas leave it out
  if (root) names.delete('status');
  for (const name of [...names].sort()) {
    const a = mineProps[name];
    const b = realProps[name];
    if (!isRecord(a)) out.push(`${at}.${name}: only in the CRD`);
    else if (!isRecord(b)) out.push(`${at}.${name}: only in the built-in schema`);
    else compareSchemas(a, b, `${at}.${name}`, out, counts);
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    const a = mine[key];
    const b = real[key];
    if (isRecord(a) && isRecord(b)) compareSchemas(a, b, `${at}${key === 'items' ? '[]' : '{}'}`, out, counts);
    else if (canonical(a) !== canonical(b)) out.push(`${at}: ${key} differs`);
  }
}

/** JSON with sorted keys and descriptions removed, for comparison. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .filter((k) => k !== 'description')
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
