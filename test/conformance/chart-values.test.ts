import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { objectNamed } from '../support/default-tree';
import { conformanceSkip, reference } from '../support/paths';

type Tree = Record<string, unknown>;

/** What a chart reads besides the keys its values.yaml lists. */
interface ChartKnowledge {
  /** Maps the chart copies verbatim into the program's own config: keys below them are config keys. */
  readonly verbatim: readonly string[];
  /** Config keys of the program (not in values.yaml) that bramble sets below a verbatim map, with their source. */
  readonly configKeys: Readonly<Record<string, string>>;
  /** Keys the templates read although values.yaml does not list them, with the template that reads them. */
  readonly unlisted: Readonly<Record<string, string>>;
  /** For list values: the fields the template reads from each item. */
  readonly listItems: Readonly<Record<string, readonly string[]>>;
}

const isMap = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf key paths of a values object; list items as `path[]`. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => leafPaths(item, `${prefix}[]`));
  if (!isMap(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** True when `path` exists in the chart's values.yaml (a map key chain, lists not entered). */
function inValuesYaml(chartValues: Tree, path: string): boolean {
  let node: unknown = chartValues;
  for (const key of path.split('.')) {
    if (!isMap(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

/** Every leaf path of `values` that the chart does not read (list items as `list[].field`). */
export function unknownValuesKeys(values: Tree, chartValues: Tree, chart: ChartKnowledge): string[] {
  const known = (path: string) => {
    if (inValuesYaml(chartValues, path) || path in chart.unlisted) return true;
    const under = chart.verbatim.find((v) => path.startsWith(v + '.'));
    return under !== undefined && inValuesYaml(chartValues, under) && path in chart.configKeys;
  };
  const unknown = new Set<string>();
  for (const path of leafPaths(values)) {
    const listAt = path.indexOf('[]');
    if (listAt === -1) {
      if (!known(path)) unknown.add(path);
      continue;
    }
    const list = path.slice(0, listAt);
    const field = path.slice(listAt + 3);
    // A list of scalars is known when the list is; fields of list items must be ones the template reads.
    const ok = field === '' ? known(list) : inValuesYaml(chartValues, list) && (chart.listItems[list] ?? []).includes(field);
    if (!ok) unknown.add(path);
  }
  return [...unknown];
}

const tempo: ChartKnowledge = {
  // templates: the `config` value renders these with toYaml into tempo.yaml.
  verbatim: ['tempo.overrides', 'tempo.receivers', 'tempo.storage', 'tempo.per_tenant_overrides', 'tempo.metricsGenerator.processor', 'tempo.metricsGenerator.registry'],
  configKeys: {
    // grafana/tempo docs/sources/tempo/configuration/_index.md@v2.10.1: overrides.defaults.metrics_generator.processors
    'tempo.overrides.defaults.metrics_generator.processors': 'Tempo overrides: processors to run per tenant',
  },
  unlisted: {
    // templates/statefulset.yaml renders storageClassName from values; values.yaml has it commented out.
    'persistence.storageClassName': 'statefulset.yaml volumeClaimTemplates',
  },
  listItems: {},
};

const alloy: ChartKnowledge = {
  verbatim: [],
  configKeys: {},
  unlisted: {},
  // templates/service.yaml and templates/containers/_agent.yaml read these fields of each extraPorts item.
  listItems: { 'alloy.extraPorts': ['name', 'port', 'targetPort', 'protocol', 'appProtocol', 'nodePort', 'hostPort'] },
};

const chartValues = (dir: string) => parse(readFileSync(reference('charts', dir, 'values.yaml'), 'utf8')) as Tree;
const releaseValues = (name: string) => objectNamed('HelmRelease', name).spec!.values as Tree;

describe('conformance: every values key set exists in the chart', { skip: conformanceSkip }, () => {
  for (const version of ['tempo-1.26.7', 'tempo-2.2.4']) {
    it(`tempo release values against ${version}/values.yaml`, () => {
      assert.deepEqual(unknownValuesKeys(releaseValues('tempo'), chartValues(version), tempo), []);
    });
  }

  it('alloy release values against alloy-1.11.1/values.yaml', () => {
    assert.deepEqual(unknownValuesKeys(releaseValues('alloy'), chartValues('alloy-1.11.1'), alloy), []);
  });

  it("flags the blog post's tempo values (the check can fail)", () => {
    const blog = {
      tempo: {
        storage: { trace: { backend: 'local', local: { path: '/var/tempo/traces' }, retention: '72h' } },
        receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
      },
      persistence: { enabled: true, storageClassName: 'local-path', size: '10Gi' },
      metricsGenerator: { enabled: true, remoteWriteUrl: 'http://prometheus:9090/api/v1/write', processors: ['service-graphs'] },
    };
    assert.deepEqual(unknownValuesKeys(blog, chartValues('tempo-1.26.7'), tempo).sort(), [
      'metricsGenerator.enabled',
      'metricsGenerator.processors[]',
      'metricsGenerator.remoteWriteUrl',
      'tempo.storage.trace.retention',
    ]);
  });

  it('flags processors under tempo.metricsGenerator, where the chart never reads them', () => {
    const v = { tempo: { metricsGenerator: { enabled: true, processors: ['span-metrics'] } } };
    assert.deepEqual(unknownValuesKeys(v, chartValues('tempo-1.26.7'), tempo), ['tempo.metricsGenerator.processors[]']);
  });
});
