import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globToRegExp, loadTree } from '../../src/check/load';
import { tempDir, writeTree } from '../support/cli';

describe('loadTree', () => {
  it('reads .yaml and .yml files under folders, skipping hidden folders and node_modules', () => {
    const dir = writeTree({ 'a.yaml': 'a: 1\n', 'sub/b.yml': 'b: 1\n', '.git/c.yaml': 'c: 1\n', 'node_modules/d.yaml': 'd: 1\n', 'e.txt': 'e' });
    assert.deepEqual(loadTree(['.'], dir).sources.map((s) => s.path), ['a.yaml', 'sub/b.yml']);
  });

  it("skips a chart's templates/ folder, and Go-template files that do not parse", () => {
    const dir = writeTree({
      'charts/app/Chart.yaml': 'name: app\n',
      'charts/app/values.yaml': 'a: 1\n',
      'charts/app/templates/deploy.yaml': 'metadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n',
      'other/tpl.yaml': 'a: 1\n{{- range .Values.list }}\n- {{ . }}\n{{- end }}\n',
    });
    const r = loadTree(['.'], dir);
    assert.deepEqual(r.sources.map((s) => s.path), ['charts/app/Chart.yaml', 'charts/app/values.yaml']);
    assert.deepEqual(r.skipped.map((s) => s.path), ['charts/app/templates/deploy.yaml', 'other/tpl.yaml']);
  });

  it('honours ignore patterns', () => {
    const dir = writeTree({ 'a.yaml': '', 'ansible/site.yml': '', 'x/ansible/y.yaml': '', 'keep/b.yaml': '' });
    assert.deepEqual(loadTree(['.'], dir, { ignore: ['ansible/', '/a.yaml'] }).sources.map((s) => s.path), ['keep/b.yaml']);
  });

  it('reports paths that do not exist', () => {
    assert.deepEqual(loadTree(['nope'], tempDir()).missing, ['nope']);
  });
});

describe('globToRegExp', () => {
  it('matches gitignore-like patterns', () => {
    assert.ok(globToRegExp('*.yml').test('a/b/c.yml'));
    assert.ok(!globToRegExp('/*.yml').test('a/c.yml'));
    assert.ok(globToRegExp('docs/**/x.yaml').test('docs/a/b/x.yaml'));
    assert.ok(globToRegExp('docs/**/x.yaml').test('docs/x.yaml'));
    assert.ok(globToRegExp('build/').test('build/'));
    assert.ok(!globToRegExp('build/').test('build'));
  });
});
