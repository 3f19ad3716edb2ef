import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../../src/check/engine';
import { alloyContentRule } from '../../../src/check/rules/alloy-content';
import { parseYaml } from '../../../src/check/source';

const release = (content: string, chart = 'alloy') =>
  [
    'apiVersion: helm.toolkit.fluxcd.io/v2',
    'kind: HelmRelease',
    'metadata: {name: alloy, namespace: monitoring}',
    'spec:',
    '  interval: 10m',
    `  chart: {spec: {chart: ${chart}, version: 1.11.1, sourceRef: {kind: HelmRepository, name: grafana}}}`,
    '  values:',
    '    alloy:',
    '      configMap:',
    '        content: |',
    ...content.split('\n').map((l) => (l ? `          ${l}` : '')),
  ].join('\n');

const check = (text: string) => runChecks([parseYaml('r.yaml', text)], [alloyContentRule]).map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`);

describe('Alloy configuration in the tree', () => {
  it('reports a duplicate component at its line in the YAML file', () => {
    const text = release('loki.write "a" {\n\tendpoint {\n\t\turl = "http://loki/loki/api/v1/push"\n\t}\n}\n\nloki.write "a" {\n\tendpoint {\n\t\turl = "http://loki/loki/api/v1/push"\n\t}\n}\n');
    assert.deepEqual(check(text), ['17:11 error alloy-duplicate-component']);
  });

  it('maps positions exactly when the block starts with a blank line', () => {
    const body = 'loki.write "a" {\n\tendpoint {\n\t\turl = "http://loki/loki/api/v1/push"\n\t}\n}\n';
    // Content line 1 is blank (file line 11); the second loki.write "a" is content line 8.
    assert.deepEqual(check(release(`\n${body}\n${body}`)), ['18:11 error alloy-duplicate-component']);
  });

  it('reports a syntax error with the column converted from bytes to characters', () => {
    // `b` is byte column 16 of `x "é" { a = 1 b = 2 }` but character column 15; the block is indented 10.
    assert.equal(check(release('// é\nx "é" { a = 1 b = 2 }\n'))[0], '12:25 error alloy-syntax');
  });

  it('reports {{ because the chart passes the content through Helm tpl', () => {
    assert.deepEqual(check(release('loki.write "a" {\n\tendpoint {\n\t\turl = "{{ .Values.loki }}"\n\t}\n}\n')), ['13:20 error alloy-helm-template']);
  });

  it('reports an unknown reference', () => {
    const text = release('otelcol.receiver.otlp "in" {\n\tgrpc { }\n\n\toutput {\n\t\ttraces = [otelcol.exporter.otlp.nope.input]\n\t}\n}\n');
    assert.deepEqual(check(text), ['15:23 error alloy-reference']);
  });

  it('leaves the values of other charts alone', () => {
    assert.deepEqual(check(release('not alloy at all {{', 'podinfo')), []);
  });

  it('checks .alloy keys of ConfigMaps, without the tpl rule', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  config.alloy: |\n    a = 1 b = 2\n';
    assert.deepEqual(check(cm), ['6:11 error alloy-syntax']);
  });
});
