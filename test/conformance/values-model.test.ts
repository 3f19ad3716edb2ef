import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  alloyChart,
  childOf,
  compareVersions,
  findUnknownKeys,
  modelPaths,
  parseVersion,
  tempoChart,
  versionBounds,
  type ChartModel,
  type KeyNode,
} from '../../src/check/charts';
import { parseYaml } from '../../src/check/source';
import { conformanceSkip, reference } from '../support/paths';

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The upstream chart folders the models describe; tempo 1.24.4 is the oldest release in the shared data. */
const charts: { dir: string; model: ChartModel }[] = [
  { dir: 'tempo-1.24.4', model: tempoChart },
  { dir: 'tempo-1.26.7', model: tempoChart },
  { dir: 'tempo-2.2.4', model: tempoChart },
  { dir: 'alloy-1.11.1', model: alloyChart },
];

/** True when the map-key chain `path` exists in `values` (lists are not entered). */
function inValues(values: Tree, path: string): boolean {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (!isTree(node) || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = node[key];
  }
  return true;
}

const admitted = (since: string | undefined, version: string) =>
  since === undefined || compareVersions(parseVersion(since)!, parseVersion(version)!) <= 0;

describe('conformance: the values models match the upstream charts', { skip: conformanceSkip }, () => {
  for (const { dir, model } of charts) {
    const load = () => {
      const text = readFileSync(reference('charts', dir, 'values.yaml'), 'utf8');
      const chartYaml = parseYaml('Chart.yaml', readFileSync(reference('charts', dir, 'Chart.yaml'), 'utf8')).documents[0]!.toJS() as Tree;
      const source = parseYaml('values.yaml', text);
      const doc = source.documents[0]!;
      return { text, version: String(chartYaml.version), doc, values: doc.toJS() as Tree };
    };

    describe(dir, () => {
      it('is the chart and a version the model describes', () => {
        const { version } = load();
        assert.equal(`${model.chart}-${version}`, dir);
        assert.ok(admitted(model.minVersion, version) && !admitted(model.beforeVersion, version), version);
      });

      it('names only keys that values.yaml lists, the templates read (unlisted), or that lie below a verbatim map', () => {
        const { text, version, values } = load();
        const commented = (field: string) => new RegExp(`^\\s*#\\s*(?:-\\s*)?${field}:`, 'm').test(text);
        const wrong: string[] = [];
        for (const p of modelPaths(model)) {
          if (p.belowVerbatim !== undefined) continue;
          if (!admitted(p.since, version)) {
            if (inValues(values, p.path)) wrong.push(`${p.path}: in values.yaml, but the model reads it only from ${p.since}`);
            continue;
          }
          if (p.path in model.unlisted) continue;
          const listAt = p.path.indexOf('[]');
          if (listAt !== -1) {
            // Item fields of an empty list: the commented example in values.yaml names them.
            const list = p.path.slice(0, listAt);
            const field = p.path.slice(listAt + 3);
            if (!inValues(values, list) || (field && !commented(field))) wrong.push(p.path);
            continue;
          }
          if (!inValues(values, p.path)) wrong.push(p.path);
        }
        assert.deepEqual(wrong, []);
      });

      it('keeps the unlisted keys honest: absent from values.yaml, present in the model', () => {
        const { values } = load();
        const paths = new Set(modelPaths(model).map((p) => p.path));
        for (const key of Object.keys(model.unlisted)) {
          assert.ok(paths.has(key), `${key} is not in the model`);
          assert.ok(key.includes('[]') || !inValues(values, key), `${key} is listed in values.yaml; drop it from unlisted`);
        }
        for (const [alias, target] of Object.entries(model.aliases)) {
          assert.ok(inValues(values, target), `${alias} → ${target}`);
          assert.ok(!inValues(values, alias), alias);
        }
      });

      it('names every top-level and second-level key of values.yaml', () => {
        const { version, values } = load();
        const missing: string[] = [];
        for (const [k1, v1] of Object.entries(values)) {
          const n1 = childOf(model.root, k1);
          if (!n1 || !admitted(n1.since, version)) {
            missing.push(k1);
            continue;
          }
          if (n1.kind !== 'map' || !isTree(v1)) continue;
          for (const k2 of Object.keys(v1)) {
            const n2: KeyNode | undefined = childOf(n1, k2);
            // A map modelled in part (a verbatim map) claims only the keys it names.
            if (n1.closed && (!n2 || !admitted(n2.since, version))) missing.push(`${k1}.${k2}`);
          }
        }
        assert.deepEqual(missing, []);
      });

      it('accepts every key of values.yaml at every depth (the defaults are clean)', () => {
        const { version, doc } = load();
        assert.deepEqual(
          findUnknownKeys(model, doc, doc.contents, versionBounds(version)).map((k) => k.path),
          [],
        );
      });

      it('has hints only for keys values.yaml does not have', () => {
        const { values } = load();
        for (const hint of Object.keys(model.hints)) assert.ok(hint.includes('[]') || !inValues(values, hint), hint);
      });
    });
  }

  it('the Tempo settings bramble checks below verbatim maps are the ones the notes name', () => {
    const below = modelPaths(tempoChart)
      .filter((p) => p.belowVerbatim !== undefined)
      .map((p) => p.path);
    for (const path of ['tempo.storage.trace.backend', 'tempo.storage.trace.local.path', 'tempo.storage.trace.wal.path', 'tempo.overrides.defaults.metrics_generator.processors']) {
      assert.ok(below.includes(path), path);
    }
    assert.ok(!below.includes('tempo.storage.trace.retention'));
    assert.ok(!below.includes('tempo.storage.trace.local.retention'));
  });
});
