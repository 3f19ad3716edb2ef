import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffTrees, renderDiffJson, renderDiffMarkdown, renderDiffText, type TreeFile } from '../../src/diff';
import { code } from '../../src/diff/markdown';
import { repoRoot } from '../support/paths';
import { alloyRelease, committedTree, edit, fileText, tempoRelease, tempoRepository, withFile, without } from './support';

const base = committedTree();

/** The change of the issue: Tempo retention and the Alloy batch timeout, nothing else. */
const head = edit(edit(base, tempoRelease, 'retention: 72h', 'retention: 168h'), alloyRelease, 'timeout             = "200ms"', 'timeout             = "5s"');
const diff = diffTrees(base, head);

/** A tree of one ConfigMap with these data values. */
const configMap = (data: Record<string, string>): TreeFile[] => [
  { path: 'cm.yaml', content: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns' }, data }) },
];

describe('renderDiffText', () => {
  it('prints each resource and value path with old and new, then the summary', () => {
    assert.equal(
      renderDiffText(diff),
      [
        'infrastructure/alloy/helm-release.yaml',
        '  ~ HelmRelease monitoring/alloy',
        '      spec.values.alloy.configMap.content (Alloy)',
        '        ~ otelcol.processor.batch "default"',
        '            timeout: "200ms" -> "5s"',
        'infrastructure/tempo/helm-release.yaml',
        '  ~ HelmRelease monitoring/tempo',
        '      spec.values.tempo.retention: 72h -> 168h',
        '2 changes in 2 resources; 0 resources added, 0 removed; 0 files added, 0 removed, 2 changed',
        '',
      ].join('\n'),
    );
  });

  it('names the revisions in the summary line when given labels, without an arrow: only value lines have one', () => {
    const text = renderDiffText(diff, { baseLabel: 'HEAD~1', headLabel: 'working tree' });
    assert.match(text, /\nHEAD~1 vs working tree: 2 changes in 2 resources; /);
    assert.equal(text.split('\n').filter((l) => l.includes(' -> ')).length, 2);
    assert.equal(renderDiffText(diffTrees(base, base), { baseLabel: 'main' }), 'main vs head: no changes\n');
  });

  it('colours old values red and new ones green only when asked', () => {
    const text = renderDiffText(diff, { color: true });
    assert.match(text, /retention: \x1b\[31m72h\x1b\[0m -> \x1b\[32m168h\x1b\[0m\n/);
    assert.doesNotMatch(renderDiffText(diff), /\x1b/);
  });

  it('cuts long values in text and keeps them whole in json', () => {
    const long = 'x'.repeat(200);
    const d = diffTrees(configMap({ v: 'short' }), configMap({ v: long }));
    assert.equal(renderDiffText(d).split('\n')[2], `      data.v: short -> ${'x'.repeat(77)}...`);
    assert.equal((JSON.parse(renderDiffJson(d)) as { resources: { values: { new: string }[] }[] }).resources[0]!.values[0]!.new, long);
  });

  it('quotes strings that would read as something else', () => {
    const d = diffTrees(configMap({ a: 'x', b: 'x', c: 'x', d: 'x' }), configMap({ a: '10', b: 'yes', c: 'two words', d: '' }));
    assert.deepEqual(renderDiffText(d).split('\n').slice(2, 6), ['      data.a: x -> "10"', '      data.b: x -> "yes"', '      data.c: x -> "two words"', '      data.d: x -> ""']);
  });

  it('shows the changed lines of a multi-line string that is not a config', () => {
    const d = diffTrees(configMap({ 'run.sh': 'set -e\necho one\n' }), configMap({ 'run.sh': 'set -e\necho two\n' }));
    assert.deepEqual(renderDiffText(d).split('\n').slice(2, 5), ['      data["run.sh"]: text, +1 -1 lines', '        - echo one', '        + echo two']);
  });
});

describe('long multi-line strings', () => {
  const lines = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}${i}`).join('\n') + '\n';
  const d = diffTrees(configMap({ 'run.sh': lines('old ') }), configMap({ 'run.sh': lines('new ') }));

  it('show 12 changed lines in text and 40 in markdown, then how many more', () => {
    const text = renderDiffText(d).split('\n');
    assert.deepEqual(text.slice(2, 4), ['      data["run.sh"]: text, +50 -50 lines', '        - old 0']);
    assert.deepEqual(text.slice(14, 17), ['        - old 11', '        ... 88 more lines', '1 change in 1 resource; 0 resources added, 0 removed; 0 files added, 0 removed, 1 changed']);
    assert.ok(renderDiffMarkdown(d).endsWith('\n- old 39\n... 60 more lines\n```\n'));
  });
});

describe('renderDiffMarkdown', () => {
  it('gives a summary table, then the changes of each resource and Alloy config', () => {
    assert.equal(
      renderDiffMarkdown(diff, { baseLabel: 'HEAD~1', headLabel: 'working tree' }),
      [
        '## bramble diff `HEAD~1` → `working tree`',
        '',
        '2 changes in 2 resources; 0 resources added, 0 removed; 0 files added, 0 removed, 2 changed',
        '',
        '| file | resource | change |',
        '| --- | --- | --- |',
        '| `infrastructure/alloy/helm-release.yaml` | `HelmRelease monitoring/alloy` | 1 change |',
        '| `infrastructure/tempo/helm-release.yaml` | `HelmRelease monitoring/tempo` | 1 change |',
        '',
        '### `HelmRelease monitoring/alloy` in `infrastructure/alloy/helm-release.yaml`',
        '',
        'Alloy config `spec.values.alloy.configMap.content`:',
        '',
        '| component | argument | old | new |',
        '| --- | --- | --- | --- |',
        '| `otelcol.processor.batch "default"` | `timeout` | `"200ms"` | `"5s"` |',
        '',
        '### `HelmRelease monitoring/tempo` in `infrastructure/tempo/helm-release.yaml`',
        '',
        '| path | old | new |',
        '| --- | --- | --- |',
        '| `spec.values.tempo.retention` | `72h` | `168h` |',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing changed', () => {
    assert.equal(renderDiffMarkdown(diffTrees(base, base)), '## bramble diff\n\nno changes\n');
  });

  it('adds the flow graph in a mermaid block when given one', () => {
    const md = renderDiffMarkdown(diff, { graph: 'flowchart LR\n  alloy --> tempo\n' });
    assert.ok(md.endsWith('\n\n### Flow\n\n```mermaid\nflowchart LR\n  alloy --> tempo\n```\n'), md);
    assert.ok(renderDiffMarkdown(diff, { graph: '%% ```\nflowchart LR' }).includes('\n````mermaid\n%% ```\nflowchart LR\n````\n'));
  });

  it('escapes pipes in table cells and fences code spans around backticks', () => {
    const d = diffTrees(configMap({ 'a|b': 'x' }), configMap({ 'a|b': 'p|q`r' }));
    assert.ok(renderDiffMarkdown(d).includes('\n| `data["a\\|b"]` | `x` | ``"p\\|q`r"`` |\n'));
  });

  it('writes a value that holds a backslash before a pipe as HTML, which GFM tables cannot otherwise hold', () => {
    assert.equal(code('a\\|b'), '<code>a&#92;&#124;b</code>');
    const d = diffTrees(configMap({ re: 'x' }), configMap({ re: 'a\\|b' }));
    assert.ok(renderDiffMarkdown(d).includes('| `data.re` | `x` | <code>&#34;a&#92;&#92;&#124;b&#34;</code> |'));
  });

  it('pads code spans that start or end with a backtick or are wrapped in spaces', () => {
    assert.equal(code('`a`'), '`` `a` ``');
    assert.equal(code(' a '), '`  a  `');
    assert.equal(code(' '), '` `');
    assert.equal(code('a\nb'), '`a\\nb`');
  });

  it('shows a multi-line string change as a diff block under the table', () => {
    const d = diffTrees(configMap({ 'run.sh': 'set -e\necho one\n' }), configMap({ 'run.sh': 'set -e\necho two\n' }));
    assert.ok(renderDiffMarkdown(d).endsWith('| `data["run.sh"]` | 2 lines | 2 lines |\n\n`data["run.sh"]`:\n\n```diff\n- echo one\n+ echo two\n```\n'));
  });

  it('notes in the table why a file was compared as text', () => {
    const d = diffTrees(base, edit(base, tempoRelease, 'retention: 72h', 'retention: [72h'));
    assert.ok(renderDiffMarkdown(d).includes('\n| `infrastructure/tempo/helm-release.yaml` |  | +1 -1 lines (head does not parse as YAML) |\n'));
  });

  it('lists added components with their arguments and files by status', () => {
    const from = withFile(base, 'config/main.alloy', 'logging {\n\tlevel = "info"\n}\n');
    const to = withFile(base, 'config/main.alloy', 'logging {\n\tlevel = "info"\n}\n\ntracing {\n\tsampling_fraction = 0.1\n}\n');
    assert.ok(
      renderDiffMarkdown(diffTrees(from, to)).endsWith(
        '| `config/main.alloy` |  | 1 change |\n\n### `config/main.alloy`\n\n| component | argument | old | new |\n| --- | --- | --- | --- |\n| `tracing` (added) | `sampling_fraction` |  | `0.1` |\n',
      ),
    );
  });
});

describe('renderDiffJson', () => {
  it('has the same fields in the same order every time, null where they do not apply', () => {
    // The whole document for this change is pinned by the docs/diff.md test below.
    const json = JSON.parse(renderDiffJson(diff, { baseLabel: 'HEAD~1' })) as Record<string, unknown> & { resources: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(json), ['version', 'base', 'head', 'summary', 'files', 'resources']);
    assert.deepEqual([json.version, json.base, json.head], [1, 'HEAD~1', null]);
    assert.deepEqual(Object.keys(json.resources[0]!), ['status', 'file', 'index', 'apiVersion', 'kind', 'namespace', 'name', 'movedFrom', 'values', 'alloy']);
  });

  it('is indented text ending in a newline, with null for the side a value is absent on', () => {
    const d = diffTrees(configMap({}), configMap({ added: 'v' }));
    const json = renderDiffJson(d);
    assert.ok(json.startsWith('{\n  "version": 1,\n') && json.endsWith('}\n'));
    assert.deepEqual((JSON.parse(json) as { resources: { values: unknown[] }[] }).resources[0]!.values, [{ path: 'data.added', status: 'added', old: null, new: 'v' }]);
  });
});

describe('docs/diff.md', () => {
  it('shows in its text example what renderDiffText prints for that change', () => {
    const docs = readFileSync(join(repoRoot, 'docs', 'diff.md'), 'utf8');
    const example = /## Text\n\n```\n([^]*?)```\n/.exec(docs)?.[1];
    const from = withFile(base, 'README.md', 'one\ntwo\nthree\n');
    let to = withFile(from, 'README.md', 'one\n2\nthree\nfour\n');
    to = edit(to, tempoRelease, 'retention: 72h', 'retention: 168h');
    to = edit(to, alloyRelease, 'timeout             = "200ms"', 'timeout             = "5s"');
    const limiter = '          otelcol.processor.memory_limiter "default" {\n          \tcheck_interval = "1s"\n          }\n\n';
    to = edit(to, alloyRelease, '          otelcol.processor.batch "default" {\n', limiter + '          otelcol.processor.batch "default" {\n');
    to = edit(to, alloyRelease, /          loki\.write "default" \{\n(          .*\n)*?          \}\n/, '');
    to = withFile(without(to, tempoRepository), 'infrastructure/tempo/sources.yaml', fileText(base, tempoRepository));
    to = withFile(to, 'infrastructure/foo/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: foo\n');
    assert.equal(renderDiffText(diffTrees(from, to)), example);
  });

  it('shows in its json example what renderDiffJson prints for the retention and timeout change', () => {
    const docs = readFileSync(join(repoRoot, 'docs', 'diff.md'), 'utf8');
    const example = /```json\n([^]*?)```\n/.exec(docs)?.[1];
    assert.deepEqual(JSON.parse(example ?? 'null'), JSON.parse(renderDiffJson(diff, { baseLabel: 'HEAD~1', headLabel: 'working tree' })));
  });
});
