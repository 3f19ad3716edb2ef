import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffTrees, flowChanged, renderDiffText, type TreeFile } from '../../src/diff';
import { alloyRelease, committedTree, edit, withFile } from './support';

const base = committedTree();

/** The lines under the Alloy HelmRelease's resource line, for `head` against the committed tree. */
function alloyLines(head: readonly TreeFile[]): string[] {
  const lines = renderDiffText(diffTrees(base, head)).trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 2), ['infrastructure/alloy/helm-release.yaml', '  ~ HelmRelease monitoring/alloy']);
  return lines.slice(2, -1);
}

const editAlloy = (search: string | RegExp, replacement: string, tree: readonly TreeFile[] = base) => edit(tree, alloyRelease, search, replacement);

/** The block `loki.write "default" {...}` of the committed config, as it sits in the YAML. */
const lokiWrite = /          loki\.write "default" \{\n(          .*\n)*?          \}\n/;

describe('Alloy configs compared by component', () => {
  it('reports a changed argument with old and new in Alloy syntax, not as a string change', () => {
    const head = editAlloy('timeout             = "200ms"', 'timeout             = "5s"');
    assert.deepEqual(alloyLines(head), [
      '      spec.values.alloy.configMap.content (Alloy)',
      '        ~ otelcol.processor.batch "default"',
      '            timeout: "200ms" -> "5s"',
    ]);
    assert.equal(flowChanged(diffTrees(base, head)), false);
  });

  it('reports an added component with its arguments and a removed one by name', () => {
    const added = [
      '          otelcol.processor.memory_limiter "default" {',
      '          \tcheck_interval = "1s"',
      '',
      '          \toutput {',
      '          \t\ttraces = [otelcol.processor.batch.default.input]',
      '          \t}',
      '          }',
      '',
      '',
    ].join('\n');
    const head = editAlloy(lokiWrite, '', editAlloy('          otelcol.processor.batch "default" {\n', added + '          otelcol.processor.batch "default" {\n'));
    assert.deepEqual(alloyLines(head), [
      '      spec.values.alloy.configMap.content (Alloy)',
      '        + otelcol.processor.memory_limiter "default"',
      '            check_interval = "1s"',
      '            output.traces = [otelcol.processor.batch.default.input]',
      '        - loki.write "default"',
    ]);
    const component = diffTrees(base, head).resources[0]!.alloy[0]!.components[1]!;
    assert.deepEqual(component.arguments.map((a) => [a.path, a.old]), [['endpoint.url', '"http://loki-gateway.monitoring.svc.cluster.local/loki/api/v1/push"']]);
    assert.equal(flowChanged(diffTrees(base, head)), true);
  });

  it('names arguments in nested blocks by path and repeated blocks by index', () => {
    let head = editAlloy('insecure = true', 'insecure = false');
    head = editAlloy('target_label  = "pod"', 'target_label  = "pod_name"', head);
    head = editAlloy('traces = [otelcol.processor.batch.default.input]', 'traces = [otelcol.exporter.otlp.tempo.input]', head);
    assert.deepEqual(alloyLines(head), [
      '      spec.values.alloy.configMap.content (Alloy)',
      '        ~ otelcol.processor.k8sattributes "default"',
      '            output.traces: [otelcol.processor.batch.default.input] -> [otelcol.exporter.otlp.tempo.input]',
      '        ~ otelcol.exporter.otlp "tempo"',
      '            client.tls.insecure: true -> false',
      '        ~ discovery.relabel "pods"',
      '            rule[1].target_label: "pod" -> "pod_name"',
    ]);
    const args = diffTrees(base, head).resources[0]!.alloy[0]!.components.flatMap((c) => c.arguments);
    assert.deepEqual(args.map((a) => a.wiring), [true, false, false]);
  });

  it('reports a repeated block that appears and an argument that goes', () => {
    let head = editAlloy('\t\ttarget_label  = "container"\n          \t}\n', '\t\ttarget_label  = "container"\n          \t}\n\n          \trule {\n          \t\taction = "drop"\n          \t}\n');
    head = editAlloy('          \tsend_batch_max_size = 8192\n', '', head);
    assert.deepEqual(alloyLines(head), [
      '      spec.values.alloy.configMap.content (Alloy)',
      '        ~ otelcol.processor.batch "default"',
      '            send_batch_max_size: 8192 -> (absent)',
      '        ~ discovery.relabel "pods"',
      '            rule[3].action: (absent) -> "drop"',
    ]);
  });

  it('falls back to a line change when a side does not parse', () => {
    const head = editAlloy('timeout             = "200ms"', 'timeout             = "200ms');
    assert.deepEqual(alloyLines(head), [
      '      spec.values.alloy.configMap.content: text, +1 -1 lines',
      '        - \ttimeout             = "200ms"',
      '        + \ttimeout             = "200ms',
    ]);
  });

  it('compares ConfigMap keys ending in .alloy, and other strings that hold a config', () => {
    const configMap = (key: string, timeout: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alloy\n  namespace: monitoring\ndata:\n  ${key}: |\n    otelcol.processor.batch "default" {\n      timeout = "${timeout}"\n    }\n`;
    for (const key of ['config.alloy', 'pipeline']) {
      const from = withFile(base, 'apps/alloy.yaml', configMap(key, '1s'));
      const head = withFile(base, 'apps/alloy.yaml', configMap(key, '2s'));
      assert.deepEqual(renderDiffText(diffTrees(from, head)).split('\n').slice(2, 5), [
        `      data${key === 'pipeline' ? '.pipeline' : '["config.alloy"]'} (Alloy)`,
        '        ~ otelcol.processor.batch "default"',
        '            timeout: "1s" -> "2s"',
      ]);
    }
  });

  it('compares .alloy files by component', () => {
    const from = withFile(base, 'config/main.alloy', 'logging {\n\tlevel = "info"\n}\n');
    const head = withFile(base, 'config/main.alloy', '// quieter\nlogging {\n  level  = "warn"\n}\n');
    assert.deepEqual(renderDiffText(diffTrees(from, head)).trimEnd().split('\n'), [
      'config/main.alloy (Alloy)',
      '  ~ logging',
      '      level: "info" -> "warn"',
      '0 changes in 0 resources; 0 resources added, 0 removed; 0 files added, 0 removed, 1 changed',
    ]);
  });
});
