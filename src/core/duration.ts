/**
 * Go duration strings, as `time.ParseDuration` reads them (Tempo's block_retention, Alloy's
 * timeouts): one or more `<number><unit>` with units ns, us, µs, ms, s, m, h. There is no `d`.
 * @see https://pkg.go.dev/time#ParseDuration
 */
const goDurationUnitsMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const goDurationPart = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/** Milliseconds of a Go duration string, or undefined when Go would reject it. */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  goDurationPart.lastIndex = 0;
  while (goDurationPart.lastIndex < s.length) {
    const at = goDurationPart.lastIndex;
    const m = goDurationPart.exec(s);
    if (!m || m.index !== at) return undefined;
    total += Number(m[1]) * (goDurationUnitsMs[m[2]!] ?? NaN);
  }
  return Number.isFinite(total) ? sign * total : undefined;
}

/**
 * The interval pattern of the Flux CRDs (`spec.interval`, `spec.timeout`):
 * `^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$`.
 */
export const fluxDurationPattern = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** True when Flux's CRD schema accepts `text` as an interval. */
export function isFluxDuration(text: string): boolean {
  return fluxDurationPattern.test(text);
}
