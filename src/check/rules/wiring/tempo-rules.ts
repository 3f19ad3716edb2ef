import type { Diagnostic } from '../../diagnostic';
import type { Rule } from '../../engine';
import { parseUrl, sameNamespace, serviceOfHost } from './hosts';
import { treeOf, type Prometheus, type Tempo, type Tree } from './tree';
import { child, items, sitePosition, str, type Found } from './values';

/**
 * generator-no-processors: a tempo release with `tempo.metricsGenerator.enabled: true` and no
 * processor in `tempo.overrides.defaults.metrics_generator.processors` (nor the legacy or
 * per-tenant forms). Since tempo chart 1.19.0 enabling the generator turns on no processor, so it
 * runs and generates nothing. Not reported for a pinned chart version below 1.19.0, which injected
 * service-graphs and span-metrics itself.
 */
export const generatorNoProcessorsRule: Rule = {
  id: 'generator-no-processors',
  run: (ctx) => {
    const out: Diagnostic[] = [];
    for (const t of treeOf(ctx).tempos) {
      if (!t.generator || !t.processors || t.processors.size) continue;
      const list = t.release.values.get(['tempo', 'overrides', 'defaults', 'metrics_generator', 'processors']);
      const at = list ?? t.generator;
      const misplaced = t.release.values.get(['tempo', 'metricsGenerator', 'processors']);
      out.push(
        ctx.diagnostic(
          'generator-no-processors',
          at.site.source.path,
          sitePosition(at.site),
          `Tempo "${t.service}" runs the metrics generator with no processor enabled, so it generates no metrics (the tempo chart enables none by itself since 1.19.0)`,
          `set tempo.overrides.defaults.metrics_generator.processors: [service-graphs, span-metrics]${misplaced ? ' (the chart does not read tempo.metricsGenerator.processors)' : ''}`,
        ),
      );
    }
    return out;
  },
};

/** The Prometheus servers of the tree a URL reaches from a pod in `clientNamespace`. */
export function prometheusesOf(tree: Tree, url: string, clientNamespace: string | undefined): Prometheus[] {
  const hp = parseUrl(url);
  const ref = hp && serviceOfHost(hp.host, tree.namespaces);
  if (!hp || !ref) return [];
  return tree.prometheuses.filter(
    (p) => sameNamespace(ref, clientNamespace, p.namespace) && p.services.some((s) => s.name === ref.service && (s.port === undefined || s.port === hp.port)),
  );
}

/**
 * Where the metrics generator of `t` (switched on at `generator`) remote-writes:
 * `tempo.metricsGenerator.storage.remote_write[].url`, else `remoteWriteUrl`, else the chart's
 * default; each with where it is set (the generator switch for the default).
 */
export function remoteWriteUrls(t: Tempo, generator: Found): { url: string; at: Found }[] {
  const v = t.release.values;
  const list = items(v.get(['tempo', 'metricsGenerator', 'storage', 'remote_write'])).flatMap((w) => {
    const at = child(w, 'url');
    return typeof at?.value === 'string' ? [{ url: at.value, at }] : [];
  });
  const single = v.get(['tempo', 'metricsGenerator', 'remoteWriteUrl']);
  // tempo chart values.yaml: remoteWriteUrl defaults to http://prometheus.monitoring:9090/api/v1/write.
  return list.length ? list : [{ url: str(single?.value) ?? 'http://prometheus.monitoring:9090/api/v1/write', at: single ?? generator }];
}

/**
 * remote-write-receiver: a tempo release whose metrics generator remote-writes
 * (`tempo.metricsGenerator.storage.remote_write[].url`, else `remoteWriteUrl`, else the chart's
 * default `http://prometheus.monitoring:9090/api/v1/write`) to a Prometheus of the tree
 * (kube-prometheus-stack, or a prometheus-operator `Prometheus`) that does not enable the
 * remote-write receiver: Prometheus answers every write with 404. URLs that reach no Prometheus of
 * the tree are not judged.
 */
export const remoteWriteReceiverRule: Rule = {
  id: 'remote-write-receiver',
  run: (ctx) => {
    const tree = treeOf(ctx);
    const out: Diagnostic[] = [];
    for (const t of tree.tempos) {
      if (!t.generator) continue;
      for (const { url, at } of remoteWriteUrls(t, t.generator)) {
        const targets = prometheusesOf(tree, url, t.namespace);
        if (!targets.length || targets.some((p) => p.receiver)) continue;
        const p = targets[0]!;
        out.push(
          ctx.diagnostic(
            'remote-write-receiver',
            at.site.source.path,
            sitePosition(at.site),
            `Tempo "${t.service}" remote-writes its generated metrics to ${url}, the Prometheus of ${p.label}, which does not enable the remote-write receiver: every write gets 404`,
            p.fix,
          ),
        );
      }
    }
    return out;
  },
};
