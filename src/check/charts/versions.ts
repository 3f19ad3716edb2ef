/**
 * The bounds of a chart version constraint as Flux reads it (Masterminds semver v3: `1.26.7`,
 * `1.x`, `~1.26`, `^1.2`, `>=1.10.0 <2.0.0`, `1.2 - 1.4`, alternatives with `||`). Bounds are
 * computed generously: when a form is unclear, the wider bound is taken, so a check built on them
 * only fires when no version the constraint admits can satisfy it.
 */

/** A version as three numbers (pre-release and build parts dropped). */
export type Version = readonly [number, number, number];

/** One end of a range. */
export interface Bound {
  readonly version: Version;
  readonly inclusive: boolean;
}

/** The lowest and highest versions a constraint admits; an absent end is unbounded. */
export interface VersionBounds {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

/** Parses `1.2.3` / `v1.2.3` / `1.2.3-rc.1`; undefined for anything else. */
export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Compares two versions: negative, zero or positive. */
export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The later of two `since` versions (either may be absent). */
export function laterVersion(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return a;
  return compareVersions(va, vb) >= 0 ? a : b;
}

/** One part of a version in a constraint; undefined for a wildcard (`x`, `*`) or a missing part. */
type Part = number | undefined;

interface Term {
  readonly op: string;
  readonly parts: readonly [Part, Part, Part];
}

const termPattern = /^(!=|>=|=>|<=|=<|~>|>|<|=|~|\^)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+][0-9A-Za-z.+-]*)?$/;

function parseTerm(text: string): Term | undefined {
  const m = termPattern.exec(text);
  if (!m) return undefined;
  const part = (s: string | undefined): Part => (s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s));
  const p1 = part(m[2]);
  // Masterminds semver treats every part after a wildcard as a wildcard (`1.x.3` is `1.x`).
  const p2 = p1 === undefined ? undefined : part(m[3]);
  const p3 = p2 === undefined ? undefined : part(m[4]);
  return { op: m[1] ?? '=', parts: [p1, p2, p3] };
}

const zero = (parts: readonly [Part, Part, Part]): Version => [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];

/** The version just past the wildcard: `1.x` → 2.0.0, `1.2.x` → 1.3.0; undefined for `*`. */
function pastWildcard(parts: readonly [Part, Part, Part]): Version | undefined {
  const [a, b] = parts;
  if (a === undefined) return undefined;
  if (b === undefined) return [a + 1, 0, 0];
  return [a, b + 1, 0];
}

function termBounds(t: Term): VersionBounds {
  const full = t.parts[2] !== undefined;
  const low: Bound | undefined = t.parts[0] === undefined ? undefined : { version: zero(t.parts), inclusive: true };
  switch (t.op) {
    case '!=':
      return {};
    case '>':
      return full ? { lower: { version: zero(t.parts), inclusive: false } } : low ? { lower: low } : {};
    case '>=':
    case '=>':
      return low ? { lower: low } : {};
    case '<':
      return t.parts[0] === undefined ? {} : { upper: { version: zero(t.parts), inclusive: false } };
    case '<=':
    case '=<': {
      if (full) return { upper: { version: zero(t.parts), inclusive: true } };
      const past = pastWildcard(t.parts);
      return past ? { upper: { version: past, inclusive: false } } : {};
    }
    case '~':
    case '~>': {
      const [a, b] = t.parts;
      if (a === undefined) return {};
      const upper: Version = b === undefined ? [a + 1, 0, 0] : [a, b + 1, 0];
      return { ...(low ? { lower: low } : {}), upper: { version: upper, inclusive: false } };
    }
    case '^': {
      const [a, b, c] = t.parts;
      if (a === undefined) return {};
      const upper: Version = a > 0 || b === undefined ? [a + 1, 0, 0] : b > 0 || c === undefined ? [0, b + 1, 0] : [0, 0, c + 1];
      return { ...(low ? { lower: low } : {}), upper: { version: upper, inclusive: false } };
    }
    default: {
      if (full) return { lower: { version: zero(t.parts), inclusive: true }, upper: { version: zero(t.parts), inclusive: true } };
      const past = pastWildcard(t.parts);
      return { ...(low ? { lower: low } : {}), ...(past ? { upper: { version: past, inclusive: false } } : {}) };
    }
  }
}

const tighterUpper = (a: Bound | undefined, b: Bound | undefined): Bound | undefined => {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.version, b.version);
  return c < 0 || (c === 0 && !a.inclusive) ? a : b;
};
const tighterLower = (a: Bound | undefined, b: Bound | undefined): Bound | undefined => {
  if (!a) return b;
  if (!b) return a;
  const c = compareVersions(a.version, b.version);
  return c > 0 || (c === 0 && !a.inclusive) ? a : b;
};

/** Bounds of one `||` alternative: every term must hold. */
function alternativeBounds(text: string): VersionBounds | undefined {
  const expanded = text.replace(/(\S+)\s+-\s+(\S+)/g, '>=$1 <=$2').replace(/([<>=~^!]+)\s+/g, '$1');
  const terms = expanded.split(/[\s,]+/).filter(Boolean);
  if (terms.length === 0) return {};
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const text of terms) {
    const term = parseTerm(text);
    if (!term) return undefined;
    const b = termBounds(term);
    lower = tighterLower(lower, b.lower);
    upper = tighterUpper(upper, b.upper);
  }
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/**
 * The bounds of a version constraint, or undefined when it does not parse (callers then assume
 * any version). An empty constraint or `*` is unbounded.
 */
export function versionBounds(constraint: string): VersionBounds | undefined {
  const alternatives = constraint.split('||').map((a) => alternativeBounds(a.trim()));
  if (alternatives.some((a) => a === undefined)) return undefined;
  const all = alternatives as VersionBounds[];
  // Over alternatives the bounds widen: the lowest lower and the highest upper, unbounded if any is.
  const lower = all.every((a) => a.lower)
    ? all.map((a) => a.lower!).reduce((x, y) => (tighterLower(x, y) === x ? y : x))
    : undefined;
  const upper = all.every((a) => a.upper)
    ? all.map((a) => a.upper!).reduce((x, y) => (tighterUpper(x, y) === x ? y : x))
    : undefined;
  return { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

/** True when the constraint admits some version at or above `version` (or its bounds are unknown). */
export function admitsFrom(bounds: VersionBounds | undefined, version: string): boolean {
  const v = parseVersion(version);
  if (!bounds?.upper || !v) return true;
  const c = compareVersions(v, bounds.upper.version);
  return c < 0 || (c === 0 && bounds.upper.inclusive);
}

/** True when the constraint admits some version below `version` (or its bounds are unknown). */
export function admitsBelow(bounds: VersionBounds | undefined, version: string): boolean {
  const v = parseVersion(version);
  if (!bounds?.lower || !v) return true;
  return compareVersions(bounds.lower.version, v) < 0;
}
