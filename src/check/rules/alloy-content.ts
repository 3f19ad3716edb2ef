import { isMap, isScalar, type Node, type Pair, type Scalar } from 'yaml';
import { characterColumn } from '../../alloy/locate';
import { validateAlloySource, type AlloyDiagnostic } from '../../alloy/validate';
import type { Diagnostic } from '../diagnostic';
import type { CheckContext, Rule } from '../engine';
import { nodeAt, stringValueMapper, type Resource } from '../resources';
import type { RuleId } from '../rules';
import { releaseChart } from './values-keys';

/**
 * The rule id each validator code is reported under: one id per kind of mistake, each with a page
 * under docs/rules/; the message says exactly what Alloy would say.
 */
const ruleOf: Record<string, RuleId> = {
  'alloy-syntax': 'alloy-syntax',
  'alloy-duplicate-component': 'alloy-duplicate-component',
  'alloy-helm-template': 'alloy-helm-template',
  'alloy-batch-size': 'alloy-batch-size',
  'alloy-unknown-reference': 'alloy-reference',
  'alloy-unknown-export': 'alloy-reference',
  'alloy-unknown-component': 'alloy-reference',
  'alloy-cycle': 'alloy-reference',
  'alloy-dangling-output': 'alloy-dangling-output',
};

/** How to fix what Alloy's own words do not say. */
const hintOf: Partial<Record<string, string>> = {
  'alloy-batch-size': 'since Alloy v1.11 send_batch_max_size defaults to 3000; set it to 0 or at least send_batch_size (both count spans)',
  'alloy-helm-template': 'the alloy chart passes this through Helm tpl: write a literal {{ as {{ "{{" }}',
  'alloy-duplicate-component': 'give each component its own label',
};

/** The validator's codes not listed above are argument and block mistakes of one component. */
const ruleFor = (code: string): RuleId => ruleOf[code] ?? 'alloy-component';

function report(ctx: CheckContext, resource: Resource, node: Scalar, text: string, findings: readonly AlloyDiagnostic[], where: string): Diagnostic[] {
  const toHost = stringValueMapper(resource.source, node);
  const lines = text.split('\n');
  return findings.map((f) => {
    const at = toHost(f.start.line, characterColumn(lines[f.start.line - 1] ?? '', f.start.column));
    return ctx.diagnostic(ruleFor(f.code), resource.source.path, at, `${f.message} (${where})`, hintOf[f.code], f.severity);
  });
}

/**
 * Every `alloy.configMap.content` (and the legacy `agent.configMap.content`) in the values of an
 * alloy release, including ones a repeated `alloy:` key hides from Helm, with their scalars.
 */
function configContents(resource: Resource): { node: Scalar; path: string }[] {
  const { node: values } = nodeAt(resource.doc, ['spec', 'values']);
  if (!isMap(values)) return [];
  const out: { node: Scalar; path: string }[] = [];
  const child = (map: Node | null | undefined, key: string) =>
    isMap(map) ? (map.items as Pair[]).filter((p) => isScalar(p.key) && p.key.value === key).map((p) => p.value as Node | null) : [];
  for (const top of ['alloy', 'agent']) {
    for (const section of child(values, top)) {
      for (const configMap of child(section, 'configMap')) {
        for (const content of child(configMap, 'content')) {
          if (isScalar(content) && typeof content.value === 'string' && content.range) out.push({ node: content, path: `${top}.configMap.content` });
        }
      }
    }
  }
  return out;
}

/**
 * The Alloy configuration in the tree, through bramble's Alloy validator: the content of alloy
 * HelmReleases (which the chart passes through Helm's tpl, so `{{` is reported) and `.alloy` keys
 * of ConfigMaps. Positions point at the line inside the YAML file.
 */
export const alloyContentRule: Rule = {
  id: 'alloy-syntax',
  run: (ctx) => {
    const out: Diagnostic[] = [];
    for (const r of ctx.resources) {
      if (r.kind === 'HelmRelease' && releaseChart(ctx, r)?.model.chart === 'alloy') {
        for (const { node, path } of configContents(r)) {
          const text = node.value as string;
          out.push(...report(ctx, r, node, text, validateAlloySource(text, { helmTemplated: true }), `${path} of HelmRelease ${r.name}`));
        }
      }
      if (r.apiVersion === 'v1' && r.kind === 'ConfigMap') {
        const data = nodeAt(r.doc, ['data']).node;
        if (!isMap(data)) continue;
        for (const pair of data.items as Pair[]) {
          if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.value.endsWith('.alloy')) continue;
          const value = pair.value;
          if (!isScalar(value) || typeof value.value !== 'string' || !value.range) continue;
          out.push(...report(ctx, r, value, value.value, validateAlloySource(value.value), `data.${pair.key.value} of ConfigMap ${r.name}`));
        }
      }
    }
    return out;
  },
};
