import type { Document } from 'yaml';
import { admitsBelow, admitsFrom, chartModel, findUnknownKeys, versionBounds, type ChartModel, type UnknownKey, type VersionBounds } from '../charts';
import type { Diagnostic } from '../diagnostic';
import type { CheckContext, Rule } from '../engine';
import { nodeAt, type Resource } from '../resources';
import { positionAt, type YamlSource } from '../source';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

/** The chart a HelmRelease deploys, as far as the tree tells. */
export interface ReleaseChart {
  readonly model: ChartModel;
  /** The version constraint (`spec.chart.spec.version`, or the OCIRepository's tag or semver). */
  readonly constraint: string | undefined;
  readonly bounds: VersionBounds | undefined;
}

const isFlux = (r: Resource, group: string, kind: string) => r.kind === kind && r.apiVersion.startsWith(`${group}/`);

/** A Flux source named in the tree: same namespace first, else the only one of that name. */
function findSource(ctx: CheckContext, kind: string, name: string, namespace: string | undefined): Resource | undefined {
  const named = ctx.resources.filter((r) => isFlux(r, 'source.toolkit.fluxcd.io', kind) && r.name === name);
  return named.find((r) => (r.namespace ?? '') === (namespace ?? '')) ?? (named.length === 1 ? named[0] : undefined);
}

/** The last path segment of an OCI URL, without a tag or digest: `oci://ghcr.io/x/helm-charts/tempo` → `tempo`. */
function ociChartName(url: string): string | undefined {
  const last = url.replace(/\/+$/, '').split('/').pop();
  return last ? last.split(/[:@]/)[0] : undefined;
}

/**
 * The chart of a HelmRelease: `spec.chart.spec.chart`, or for `spec.chartRef` the last segment of
 * the OCIRepository's URL (or the HelmChart's chart) when that source is in the tree. Undefined for
 * a chart bramble has no model of, or a version constraint outside the versions the model describes.
 */
export function releaseChart(ctx: CheckContext, release: Resource): ReleaseChart | undefined {
  const spec = release.value.spec;
  if (!isRecord(spec)) return undefined;
  let name: string | undefined;
  let constraint: string | undefined;
  if (isRecord(spec.chart) && isRecord(spec.chart.spec)) {
    name = text(spec.chart.spec.chart);
    constraint = text(spec.chart.spec.version);
  } else if (isRecord(spec.chartRef)) {
    const kind = text(spec.chartRef.kind);
    const refName = text(spec.chartRef.name);
    const source = kind && refName ? findSource(ctx, kind, refName, text(spec.chartRef.namespace) ?? release.namespace) : undefined;
    const sourceSpec = source && isRecord(source.value.spec) ? source.value.spec : undefined;
    if (kind === 'OCIRepository' && sourceSpec) {
      const url = text(sourceSpec.url);
      name = url ? ociChartName(url) : undefined;
      const ref = isRecord(sourceSpec.ref) ? sourceSpec.ref : {};
      constraint = ref.digest === undefined ? (text(ref.tag) ?? text(ref.semver)) : undefined;
    } else if (kind === 'HelmChart' && sourceSpec) {
      name = text(sourceSpec.chart);
      constraint = text(sourceSpec.version);
    }
  }
  const model = name === undefined ? undefined : chartModel(name);
  if (!model) return undefined;
  const bounds = constraint === undefined ? undefined : versionBounds(constraint);
  if (!admitsFrom(bounds, model.minVersion) || !admitsBelow(bounds, model.beforeVersion)) return undefined;
  return { model, constraint, bounds };
}

/** One values document of a release: inline `spec.values`, or a valuesFrom ConfigMap/Secret key. */
interface ValuesDoc {
  readonly source: YamlSource;
  readonly doc: Document;
  readonly node: unknown;
  /** Where the values come from, for messages. */
  readonly where: string;
}

function valuesDocs(ctx: CheckContext, release: Resource): ValuesDoc[] {
  const id = `HelmRelease ${release.namespace ? `${release.namespace}/` : ''}${release.name}`;
  const out: ValuesDoc[] = [];
  const inline = nodeAt(release.doc, ['spec', 'values']);
  if (inline.complete && inline.node) out.push({ source: release.source, doc: release.doc, node: inline.node, where: id });
  const spec = release.value.spec;
  const from = isRecord(spec) && Array.isArray(spec.valuesFrom) ? spec.valuesFrom : [];
  for (const ref of from) {
    // helm-controller ChartValuesFromReferences: with targetPath the key is one value set at that path.
    if (!isRecord(ref) || ref.targetPath !== undefined) continue;
    const kind = text(ref.kind);
    const name = text(ref.name);
    const key = text(ref.valuesKey) ?? 'values.yaml';
    if ((kind !== 'ConfigMap' && kind !== 'Secret') || name === undefined) continue;
    for (const e of ctx.embedded) {
      if (e.host.kind !== kind || e.host.name !== name || e.path[1] !== key) continue;
      // An object without a namespace gets one from its kustomization, so it may be the release's.
      if (e.host.namespace !== undefined && release.namespace !== undefined && e.host.namespace !== release.namespace) continue;
      // helm-controller ChartValuesFromReferences reads the key with Helm's chartutil.ReadValues
      // (sigs.k8s.io/yaml), which decodes the first document only.
      const doc = e.source.documents[0];
      if (!doc || doc.errors.length) continue;
      out.push({ source: e.source, doc, node: doc.contents, where: `${kind} ${name} ${key}, values of ${id}` });
    }
  }
  return out;
}

function describe(k: UnknownKey, chart: ReleaseChart, where: string): { message: string; hint: string | undefined } {
  const { model } = chart;
  if (k.since !== undefined) {
    return {
      message: `${k.path} is read by the ${model.chart} chart only from ${k.since} on, and this release's version (${chart.constraint ?? '*'}) stays below it; Helm ignores it silently (${where})`,
      hint: `upgrade the chart to ${k.since} or later, or remove ${k.path}`,
    };
  }
  if (k.setting) {
    const program = model.program ?? 'the program';
    return {
      message: `${k.path}: ${program} has no setting ${k.setting.path}; the ${model.chart} chart copies ${k.setting.map} into ${program}'s config verbatim and ${model.programStrictness ?? `${program} may reject it`} (${where})`,
      hint: k.hint,
    };
  }
  return { message: `${k.path} is not a value of the ${model.chart} chart: the chart never reads it, so Helm ignores it silently (${where})`, hint: k.hint };
}

/**
 * unknown-values-key: every key in the values of a HelmRelease of a chart bramble models (tempo,
 * alloy) that the chart does not read, inline and in valuesFrom ConfigMaps and Secrets, reported at
 * the key. Below maps the chart copies verbatim into the program's config (Tempo's `storage`), the
 * keys are checked against the program's settings where bramble models them, since Tempo refuses
 * unknown ones. Hints name the usual misplacements (`tempo.storage.trace.retention`, top-level
 * `metricsGenerator`) or the closest sibling key.
 */
export const unknownValuesKeyRule: Rule = {
  id: 'unknown-values-key',
  run: (ctx) => {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const release of ctx.resources) {
      if (!isFlux(release, 'helm.toolkit.fluxcd.io', 'HelmRelease')) continue;
      const chart = releaseChart(ctx, release);
      if (!chart) continue;
      for (const values of valuesDocs(ctx, release)) {
        for (const k of findUnknownKeys(chart.model, values.doc, values.node, chart.bounds)) {
          const { message, hint } = describe(k, chart, values.where);
          const d = ctx.diagnostic('unknown-values-key', values.source.path, positionAt(values.source, k.offset), message, hint);
          const id = `${d.file}:${d.line}:${d.column}:${d.message}`;
          if (seen.has(id)) continue;
          seen.add(id);
          out.push(d);
        }
      }
    }
    return out;
  },
};
