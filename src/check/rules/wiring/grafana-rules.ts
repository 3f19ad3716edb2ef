import { logsDatasourceTypes, metricsDatasourceTypes } from '../../../grafana/correlation-targets';
import type { Diagnostic } from '../../diagnostic';
import type { Rule } from '../../engine';
import { treeOf, type Datasource, type Tree } from './tree';
import { child, childSite, isRecord, items, sitePosition, str, type Found } from './values';

/** The `jsonData` links of a Tempo datasource that name another datasource by uid. */
export const links: readonly { readonly key: string; readonly types: readonly string[]; readonly kind: string; readonly what: string }[] = [
  { key: 'tracesToLogsV2', types: logsDatasourceTypes, kind: 'logs', what: 'trace-to-logs (tracesToLogsV2)' },
  { key: 'tracesToLogs', types: logsDatasourceTypes, kind: 'logs', what: 'trace-to-logs (tracesToLogs)' },
  { key: 'tracesToMetrics', types: metricsDatasourceTypes, kind: 'Prometheus', what: 'trace-to-metrics' },
  { key: 'tracesToProfiles', types: ['grafana-pyroscope-datasource'], kind: 'Pyroscope', what: 'trace-to-profiles' },
  { key: 'serviceMap', types: metricsDatasourceTypes, kind: 'Prometheus', what: 'the service map' },
  { key: 'lokiSearch', types: ['loki'], kind: 'Loki', what: 'Loki search' },
];

const tempoDatasources = (tree: Tree) => tree.datasources.filter((d) => d.type === 'tempo');

/** Where a datasource's `jsonData.<key>.datasourceUid` is set to a literal uid. */
export function linkUid(ds: Datasource, key: string): { uid: string; found: Found } | undefined {
  const found = child(ds.found, 'jsonData', key, 'datasourceUid');
  const uid = str(found?.value);
  // A uid with `$` comes from the environment at load time; nothing to compare.
  return found && uid && !uid.includes('$') ? { uid, found } : undefined;
}

/** The provisioned (or well-known) datasources with a uid, and their types. */
function withUid(tree: Tree, uid: string): { type: string | undefined; label: string }[] {
  return [
    ...tree.datasources.filter((d) => d.uid === uid).map((d) => ({ type: d.type, label: `"${d.name ?? uid}"` })),
    ...tree.wellKnown.filter((w) => w.uid === uid).map((w) => ({ type: w.type, label: `"${uid}" of ${w.by}` })),
  ];
}

/**
 * unknown-datasource-uid: a Tempo datasource's correlation (`tracesToLogsV2`, `tracesToLogs`,
 * `tracesToMetrics`, `tracesToProfiles`, `serviceMap`, `lokiSearch`) names a uid that no
 * datasource of the tree has (nor kube-prometheus-stack's `prometheus`, when that chart is in the
 * tree), or one of a type the link cannot use. When the tree provisions no datasource of the
 * needed type at all, the uid may come from elsewhere: a warning if Grafana itself is in the tree,
 * nothing if it is not (the tree then manages only some of Grafana's datasources).
 */
export const unknownDatasourceUidRule: Rule = {
  id: 'unknown-datasource-uid',
  run: (ctx) => {
    const tree = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const ds of tempoDatasources(tree)) {
      for (const link of links) {
        const ref = linkUid(ds, link.key);
        if (!ref) continue;
        const at = sitePosition(ref.found.site);
        const file = ref.found.site.source.path;
        const targets = withUid(tree, ref.uid);
        const wanted = `a ${link.kind} datasource (type ${link.types.length > 2 ? `${link.types.slice(0, 2).join(', ')}, ...` : link.types.join(' or ')})`;
        if (targets.length) {
          const wrong = targets.find((t) => t.type !== undefined && !link.types.includes(t.type));
          if (wrong && !targets.some((t) => t.type === undefined || link.types.includes(t.type))) {
            out.push(
              ctx.diagnostic(
                'unknown-datasource-uid',
                file,
                at,
                `${link.what} of datasource "${ds.name ?? ds.uid ?? 'tempo'}" names datasource ${wrong.label} (uid "${ref.uid}"), which is of type ${wrong.type}`,
                `point it at ${wanted}`,
              ),
            );
          }
          continue;
        }
        const sameType = [
          ...tree.datasources.filter((d) => d.type !== undefined && link.types.includes(d.type) && d.uid !== undefined).map((d) => d.uid!),
          ...tree.wellKnown.filter((w) => link.types.includes(w.type)).map((w) => w.uid),
        ];
        const anyOfType = sameType.length > 0 || tree.datasources.some((d) => d.type !== undefined && link.types.includes(d.type));
        if (anyOfType) {
          out.push(
            ctx.diagnostic(
              'unknown-datasource-uid',
              file,
              at,
              `${link.what} of datasource "${ds.name ?? ds.uid ?? 'tempo'}" names datasource uid "${ref.uid}", which no datasource in the tree has`,
              sameType.length
                ? `use the uid of one of the datasources provisioned here: ${[...new Set(sameType)].join(', ')}`
                : `give the ${link.kind} datasource provisioned here uid: ${ref.uid} (without one, Grafana makes a uid up)`,
            ),
          );
        } else if (tree.hasGrafana) {
          out.push(
            ctx.diagnostic(
              'unknown-datasource-uid',
              file,
              at,
              `${link.what} of datasource "${ds.name ?? ds.uid ?? 'tempo'}" names datasource uid "${ref.uid}", but the tree provisions no ${link.kind} datasource; it may be provisioned elsewhere`,
              `make sure Grafana has a datasource with uid "${ref.uid}", or provision it in the tree`,
              'warning',
            ),
          );
        }
      }
    }
    return out;
  },
};

/** Which generated metrics a link needs, judging by the queries it runs. */
function neededMetrics(ds: Datasource, key: 'serviceMap' | 'tracesToMetrics'): ('service-graphs' | 'span-metrics')[] {
  // Grafana's service map queries traces_service_graph_request_* (tempo datasource graphTransform.ts).
  if (key === 'serviceMap') return ['service-graphs'];
  const queries = items(child(ds.found, 'jsonData', 'tracesToMetrics', 'queries')).map((q) => (isRecord(q.value) ? (str(q.value.query) ?? '') : ''));
  const out: ('service-graphs' | 'span-metrics')[] = [];
  // Grafana links one query per entry; an entry without query text gets a default one over
  // traces_spanmetrics_latency_bucket (createSpanLink.tsx, buildMetricsQuery). No entries, no links.
  if (queries.some((q) => q.trim() === '' || q.includes('traces_spanmetrics_'))) out.push('span-metrics');
  if (queries.some((q) => q.includes('traces_service_graph_'))) out.push('service-graphs');
  return out;
}

const connectorOf = { 'service-graphs': 'otelcol.connector.servicegraph', 'span-metrics': 'otelcol.connector.spanmetrics' } as const;
const metricNames = { 'service-graphs': 'traces_service_graph_*', 'span-metrics': 'traces_spanmetrics_*' } as const;

/** Whether something in the tree produces `metrics`: true, false, or undefined when it cannot tell. */
function produced(tree: Tree, metrics: 'service-graphs' | 'span-metrics'): boolean | undefined {
  let unknown = false;
  for (const t of tree.tempos) {
    if (t.generator && t.processors?.has(metrics)) return true;
    if (!t.release.values.complete) unknown = true;
  }
  for (const a of tree.alloys) {
    if (a.graph?.components.some((c) => c.name === connectorOf[metrics])) return true;
    if (!a.known) unknown = true;
  }
  return unknown ? undefined : false;
}

/**
 * unfed-metrics: the service map or trace-to-metrics of a Tempo datasource reads span-metrics or
 * service-graph metrics from a Prometheus datasource, but nothing in the tree produces them: no
 * Tempo release runs the metrics generator with that processor, and no Alloy config has the
 * matching connector. Custom trace-to-metrics queries over other metrics are not judged.
 */
export const unfedMetricsRule: Rule = {
  id: 'unfed-metrics',
  run: (ctx) => {
    const tree = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const ds of tempoDatasources(tree)) {
      for (const key of ['serviceMap', 'tracesToMetrics'] as const) {
        const ref = linkUid(ds, key);
        if (!ref) continue;
        const targets = withUid(tree, ref.uid);
        if (targets.length && !targets.some((t) => t.type === undefined || metricsDatasourceTypes.includes(t.type))) continue;
        for (const metrics of neededMetrics(ds, key)) {
          if (produced(tree, metrics) !== false) continue;
          const what = key === 'serviceMap' ? 'the service map' : 'trace-to-metrics';
          out.push(
            ctx.diagnostic(
              'unfed-metrics',
              ref.found.site.source.path,
              sitePosition(ref.found.site),
              `${what} reads ${metricNames[metrics]} from datasource "${ref.uid}", but nothing in the tree produces them: no Tempo runs the metrics generator with ${metrics}, and no Alloy config has ${connectorOf[metrics]}`,
              `in the Tempo HelmRelease set tempo.metricsGenerator.enabled: true and add ${metrics} to tempo.overrides.defaults.metrics_generator.processors`,
            ),
          );
        }
      }
    }
    return out;
  },
};

/**
 * correlation-tags: an item of `tracesToLogsV2.tags`, `tracesToMetrics.tags` or
 * `tracesToProfiles.tags` that is not a `{key, value?}` object with a key. Grafana's V2 settings
 * type is `Array<{key, value?}>` and is used as is; only the deprecated `tracesToLogs` took strings.
 */
export const correlationTagsRule: Rule = {
  id: 'correlation-tags',
  run: (ctx) => {
    const tree = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const ds of tree.datasources) {
      for (const key of ['tracesToLogsV2', 'tracesToMetrics', 'tracesToProfiles']) {
        const tags = child(ds.found, 'jsonData', key, 'tags');
        if (!tags || tags.value === null) continue;
        const file = tags.site.source.path;
        if (!Array.isArray(tags.value)) {
          out.push(ctx.diagnostic('correlation-tags', file, sitePosition(tags.site), `${key}.tags must be a list of {key, value} objects`, 'write tags: [{key: service.name, value: service}]'));
          continue;
        }
        tags.value.forEach((item: unknown, i) => {
          const at = sitePosition(childSite(tags.site, i));
          if (typeof item === 'string' || typeof item === 'number') {
            out.push(
              ctx.diagnostic(
                'correlation-tags',
                file,
                at,
                `tag ${JSON.stringify(item)} in ${key}.tags is a plain ${typeof item}: Grafana reads {key, value} objects there and finds no key in it`,
                `write - key: ${item}   (add value: <label> when the ${key === 'tracesToMetrics' ? 'metric' : 'target'} label is named differently)`,
              ),
            );
          } else if (!isRecord(item) || typeof item.key !== 'string' || item.key === '') {
            out.push(ctx.diagnostic('correlation-tags', file, at, `a tag in ${key}.tags has no key`, 'write each tag as {key: <span attribute>, value: <label>}'));
          }
        });
      }
    }
    return out;
  },
};

/** Grafana's own expanders in provisioning files (pkg/setting expanders): `$__env{}`, `$__file{}`, `$__vault{}`. */
const expander = /^\$__(env|file|vault)\{[^}]*\}/;
/** A conventional environment variable name: a deliberate `$VAR` reference. */
const envName = /^\$(\{[A-Z][A-Z0-9_]*\}|[A-Z][A-Z0-9_]*)$/;

/**
 * The `$` references in a string that Grafana expands from its environment when it loads a
 * provisioning file: it splits the value on `$$` and runs os.ExpandEnv on each part, which
 * replaces `${...}`, `$name` and `$` + one of `*#$@!?-0-9` (pkg/services/provisioning/values).
 * Grafana's expanders and upper-case environment names are left out: those are meant.
 */
export function unescapedReferences(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split('$$')) {
    for (let i = 0; i < part.length - 1; i++) {
      if (part[i] !== '$') continue;
      const rest = part.slice(i);
      const m = expander.exec(rest) ?? /^\$\{[^}]*\}?/.exec(rest) ?? /^\$[A-Za-z0-9_]+/.exec(rest) ?? /^\$[*#@!?-]/.exec(rest);
      if (!m) continue;
      i += m[0].length - 1;
      if (expander.test(m[0]) || envName.test(m[0])) continue;
      out.push(m[0]);
    }
  }
  return out;
}

function stringsIn(found: Found): Found[] {
  if (typeof found.value === 'string') return [found];
  if (Array.isArray(found.value)) return items(found).flatMap(stringsIn);
  if (isRecord(found.value)) return Object.keys(found.value).flatMap((k) => stringsIn(child(found, k)!));
  return [];
}

/**
 * unescaped-dollar: a string in a Grafana provisioning file (sidecar ConfigMap or Secret, or the
 * grafana chart's datasources values) with a `$` that Grafana would expand from its environment,
 * usually Grafana's own query variables (`${__span.tags.method}`, `$__tags`, `${__trace.traceId}`),
 * which then arrive empty. `$$` is Grafana's literal `$`.
 */
export const unescapedDollarRule: Rule = {
  id: 'unescaped-dollar',
  run: (ctx) => {
    const tree = treeOf(ctx);
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const file of tree.provisioning) {
      for (const s of stringsIn(file)) {
        const refs = [...new Set(unescapedReferences(s.value as string))];
        if (!refs.length) continue;
        const at = sitePosition(s.site);
        const key = `${s.site.source.path}:${at.line}:${at.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const shown = refs.slice(0, 3);
        const list = `${shown.join(', ')}${refs.length > shown.length ? ', ...' : ''}`;
        const [is, arrives] = refs.length === 1 ? ['is', 'it arrives'] : ['are', 'they arrive'];
        out.push(
          ctx.diagnostic(
            'unescaped-dollar',
            s.site.source.path,
            at,
            `${list} ${is} expanded by Grafana from its environment when it loads this provisioning file (so ${arrives} empty)`,
            `write ${shown.map((r) => r.replace(/\$/g, '$$$$')).join(', ')}: $$ is a literal $ in provisioning files`,
          ),
        );
      }
    }
    return out;
  },
};
