import type { Document } from 'yaml';
import type { EmbeddedSource } from '../../engine';
import { nodeAt, type Resource } from '../../resources';
import { positionAt, type Position, type YamlSource } from '../../source';
import { chartFullname, effectiveReleaseName } from '../../../flux/release-name';

/** A key path into a YAML document. */
export type Path = readonly (string | number)[];

/** A place in a YAML document: where a value sits, so a rule can point at it. */
export interface Site {
  readonly source: YamlSource;
  readonly doc: Document;
  readonly path: Path;
}

/** A value read from YAML, with the place it was read from. */
export interface Found {
  readonly value: unknown;
  readonly site: Site;
}

/** True for a plain object (not an array, not null). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The site of a value below `site`. */
export function childSite(site: Site, ...keys: Path): Site {
  return { source: site.source, doc: site.doc, path: [...site.path, ...keys] };
}

/** The position of the value at `site` (its first character), or of the deepest key found. */
export function sitePosition(site: Site): Position {
  const { node, offset } = nodeAt(site.doc, site.path);
  return positionAt(site.source, node?.range?.[0] ?? offset ?? 0);
}

/** The value at `path` below `value`, or undefined. */
export function dig(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) {
    if (Array.isArray(v) && typeof key === 'number') v = v[key];
    else if (isRecord(v) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(v, key)) v = v[key];
    else return undefined;
  }
  return v;
}

/** The value below `found`, with its site. */
export function child(found: Found, ...keys: Path): Found | undefined {
  const value = dig(found.value, keys);
  return value === undefined ? undefined : { value, site: childSite(found.site, ...keys) };
}

/** The items of a list value, each with its site (empty when not a list). */
export function items(found: Found | undefined): Found[] {
  if (!found || !Array.isArray(found.value)) return [];
  return found.value.map((value: unknown, i) => ({ value, site: childSite(found.site, i) }));
}

/** A string value, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The values Helm renders a release with, as layers (highest priority first): `spec.values`, then
 * the `valuesFrom` entries in reverse order, since Flux merges them in order and `spec.values` last.
 * A lookup answers from the highest layer that has the key. Lists are replaced, not merged, by
 * Helm, so a whole-list lookup is exact; maps are merged, so a lookup that stops at a map sees only
 * the highest layer's keys.
 */
export class Values {
  /**
   * @param layers the layers, highest priority first
   * @param complete false when a `valuesFrom` source is not in the tree (or uses `targetPath`), so
   *   a key missing here may still be set
   */
  constructor(
    public readonly layers: readonly Found[],
    public readonly complete: boolean,
  ) {}

  /** The value at `path` from the highest layer that has it. */
  get(path: Path): Found | undefined {
    for (const layer of this.layers) {
      const found = child(layer, ...path);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The value at the first of `paths` that is set. */
  first(...paths: Path[]): Found | undefined {
    for (const p of paths) {
      const found = this.get(p);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

/** A Flux HelmRelease, as far as the wiring rules need it. */
export interface Release {
  readonly resource: Resource;
  /** The chart's name: `spec.chart.spec.chart` (last path segment), or the chartRef'd source's. */
  readonly chart: string | undefined;
  /** `spec.chart.spec.version`, if set. */
  readonly version: string | undefined;
  /** The Helm release name helm-controller uses. */
  readonly releaseName: string;
  /** Where the chart's objects land: `spec.targetNamespace`, else the HelmRelease's namespace. */
  readonly namespace: string | undefined;
  readonly values: Values;
}

const lastSegment = (s: string) => s.replace(/\/+$/, '').split('/').pop() ?? s;

function chartOf(hr: Resource, resources: readonly Resource[]): string | undefined {
  const spec = hr.value.spec;
  if (!isRecord(spec)) return undefined;
  const name = str(dig(spec, ['chart', 'spec', 'chart']));
  if (name) return lastSegment(name);
  const ref = spec.chartRef;
  if (!isRecord(ref) || typeof ref.name !== 'string') return undefined;
  const ns = str(ref.namespace) ?? hr.namespace;
  const source = resources.find((r) => r.kind === ref.kind && r.name === ref.name && r.namespace === ns);
  if (!source) return undefined;
  if (source.kind === 'OCIRepository') {
    // oci://ghcr.io/grafana-community/helm-charts/tempo: the chart is the repository's last segment.
    const url = str(dig(source.value, ['spec', 'url']));
    return url ? lastSegment(url) : undefined;
  }
  const chart = str(dig(source.value, ['spec', 'chart']));
  return chart ? lastSegment(chart) : undefined;
}

function valuesOf(hr: Resource, embedded: readonly EmbeddedSource[]): Values {
  const layers: Found[] = [];
  let complete = true;
  const spec = isRecord(hr.value.spec) ? hr.value.spec : {};
  if (spec.values !== undefined) layers.push({ value: spec.values, site: { source: hr.source, doc: hr.doc, path: ['spec', 'values'] } });
  const from = Array.isArray(spec.valuesFrom) ? spec.valuesFrom : [];
  for (const ref of [...from].reverse()) {
    if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    const key = str(ref.valuesKey) ?? 'values.yaml';
    const e = embedded.find((x) => x.host.kind === ref.kind && x.host.name === ref.name && (x.host.namespace ?? '') === (hr.namespace ?? '') && x.path[1] === key);
    const doc = e?.source.documents[0];
    if (!e || !doc || doc.errors.length || ref.targetPath !== undefined) {
      complete = false;
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch {
      complete = false;
      continue;
    }
    if (isRecord(value)) layers.push({ value, site: { source: e.source, doc, path: [] } });
  }
  return new Values(layers, complete);
}

/** Every HelmRelease of the tree, with chart, release name, namespace and values. */
export function releasesOf(resources: readonly Resource[], embedded: readonly EmbeddedSource[]): Release[] {
  return resources
    .filter((r) => r.kind === 'HelmRelease' && r.apiVersion.startsWith('helm.toolkit.fluxcd.io/'))
    .map((r) => {
      const spec = isRecord(r.value.spec) ? r.value.spec : {};
      const targetNamespace = str(spec.targetNamespace);
      const releaseName = str(spec.releaseName);
      return {
        resource: r,
        chart: chartOf(r, resources),
        version: str(dig(spec, ['chart', 'spec', 'version'])),
        releaseName: effectiveReleaseName({
          name: r.name,
          ...(targetNamespace ? { targetNamespace } : {}),
          ...(releaseName ? { releaseName } : {}),
        }),
        namespace: targetNamespace ?? r.namespace,
        values: valuesOf(r, embedded),
      };
    });
}

/** The chart's `fullname` for a release, honouring `nameOverride` and `fullnameOverride` in its values. */
export function fullnameOf(release: Release, chartName: string): string {
  const nameOverride = str(release.values.get(['nameOverride'])?.value);
  const fullnameOverride = str(release.values.get(['fullnameOverride'])?.value);
  return chartFullname(release.releaseName, chartName, {
    ...(nameOverride ? { nameOverride } : {}),
    ...(fullnameOverride ? { fullnameOverride } : {}),
  });
}
