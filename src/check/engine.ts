import type { Diagnostic, Severity } from './diagnostic';
import { sortDiagnostics } from './diagnostic';
import { embeddedYaml, resourcesOf, type Resource } from './resources';
import { rules, type RuleId } from './rules';
import type { Position, YamlSource } from './source';

/** A YAML text found inside a resource's string value, with where it came from. */
export interface EmbeddedSource {
  readonly source: YamlSource;
  readonly host: Resource;
  /** The key path of the string in the host resource. */
  readonly path: readonly (string | number)[];
}

/** What every rule sees: all sources, every resource in them, and the YAML embedded in resources. */
export interface CheckContext {
  readonly sources: readonly YamlSource[];
  readonly resources: readonly Resource[];
  readonly embedded: readonly EmbeddedSource[];
  /** Builds a diagnostic of `ruleId` at `position` in `file`, with the rule's severity. */
  diagnostic(ruleId: RuleId, file: string, position: Position, message: string, hint?: string, severity?: Severity): Diagnostic;
}

/** A check over the whole tree. Rules return diagnostics and never throw for bad input. */
export interface Rule {
  /** The rule's main id; a rule may also report under related ids (the Alloy rule does). */
  readonly id: RuleId;
  run(ctx: CheckContext): Diagnostic[];
}

/** Options of {@link runChecks}. */
export interface CheckOptions {
  /** Run only these rules (default: all). */
  readonly select?: readonly RuleId[];
  /** Skip these rules. */
  readonly disable?: readonly RuleId[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * String values that are themselves YAML files and that a tool parses: ConfigMap and Secret keys
 * ending in .yaml/.yml, and any key a HelmRelease's `valuesFrom` names (default `values.yaml`).
 */
export function findEmbedded(resources: readonly Resource[]): EmbeddedSource[] {
  const valuesRefs = new Set<string>();
  for (const r of resources) {
    if (r.kind !== 'HelmRelease' || !isRecord(r.value.spec)) continue;
    const from = r.value.spec.valuesFrom;
    if (!Array.isArray(from)) continue;
    for (const ref of from) {
      if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
      const key = typeof ref.valuesKey === 'string' ? ref.valuesKey : 'values.yaml';
      valuesRefs.add(`${ref.kind}/${r.namespace ?? ''}/${ref.name}/${key}`);
    }
  }
  const out: EmbeddedSource[] = [];
  for (const r of resources) {
    if (r.apiVersion !== 'v1' || (r.kind !== 'ConfigMap' && r.kind !== 'Secret')) continue;
    for (const field of ['data', 'stringData'] as const) {
      const data = r.value[field];
      if (!isRecord(data) || (field === 'stringData' && r.kind !== 'Secret')) continue;
      for (const key of Object.keys(data)) {
        if (typeof data[key] !== 'string') continue;
        const named = /\.ya?ml$/i.test(key);
        const referenced = valuesRefs.has(`${r.kind}/${r.namespace ?? ''}/${r.name}/${key}`);
        if (!named && !referenced) continue;
        const source = embeddedYaml(r, [field, key], { base64: r.kind === 'Secret' && field === 'data' });
        if (source) out.push({ source, host: r, path: [field, key] });
      }
    }
  }
  return out;
}

/** Lines that switch rules off: `# bramble:ignore rule-id[, rule-id]` on the line or the line above. */
function suppressed(d: Diagnostic, texts: ReadonlyMap<string, string[]>): boolean {
  if (!d.file || d.line === undefined) return false;
  const lines = texts.get(d.file);
  if (!lines) return false;
  for (const text of [lines[d.line - 1], lines[d.line - 2]]) {
    const m = text && /#\s*bramble:ignore(?:\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?\s*$/.exec(text);
    if (m && (!m[1] || m[1].split(/\s*,\s*/).includes(d.ruleId))) return true;
  }
  return false;
}

/** Runs `ruleSet` over `sources` and returns the findings, sorted, without suppressed ones. */
export function runChecks(sources: readonly YamlSource[], ruleSet: readonly Rule[], options: CheckOptions = {}): Diagnostic[] {
  const resources = sources.flatMap(resourcesOf);
  const ctx: CheckContext = {
    sources,
    resources,
    embedded: findEmbedded(resources),
    diagnostic: (ruleId, file, position, message, hint, severity) => ({
      ruleId,
      severity: severity ?? rules[ruleId].severity,
      message,
      ...(hint !== undefined ? { hint } : {}),
      file,
      line: position.line,
      column: position.column,
    }),
  };
  // Selection filters findings by rule id: one rule may report under several ids.
  const found = ruleSet
    .flatMap((r) => r.run(ctx))
    .filter((d) => (!options.select || options.select.includes(d.ruleId)) && !options.disable?.includes(d.ruleId));
  const texts = new Map(sources.map((s) => [s.path, s.text.split('\n')]));
  return sortDiagnostics(found.filter((d) => !suppressed(d, texts)));
}

