/** A parse result: the value, or the error message Go gives. */
export type Parsed = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

const durationUnits: Record<string, number> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5 micro sign
  'μs': 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Go's `time` package quoting: the text in double quotes. */
const goTimeQuote = (s: string): string => JSON.stringify(s);

/**
 * Parses a duration as Go's `time.ParseDuration` does (`"300ms"`, `"-1.5h"`, `"2h45m"`; units
 * ns, us, µs, ms, s, m, h; no `d`). The value is in nanoseconds (as a JS number, so very large
 * durations lose precision, which no check here depends on).
 */
export function goDuration(text: string): Parsed {
  const invalid = (): Parsed => ({ ok: false, error: `time: invalid duration ${goTimeQuote(text)}` });
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return invalid();
  let total = 0;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid();
    let i = 0;
    while (isDigit(s[i])) i++;
    const intPart = s.slice(0, i);
    let fracPart = '';
    s = s.slice(i);
    if (s.startsWith('.')) {
      s = s.slice(1);
      let j = 0;
      while (isDigit(s[j])) j++;
      fracPart = s.slice(0, j);
      s = s.slice(j);
    }
    if (intPart === '' && fracPart === '') return invalid();
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    const unitName = s.slice(0, k);
    s = s.slice(k);
    if (unitName === '') return { ok: false, error: `time: missing unit in duration ${goTimeQuote(text)}` };
    const unit = durationUnits[unitName];
    if (unit === undefined) {
      return { ok: false, error: `time: unknown unit ${goTimeQuote(unitName)} in duration ${goTimeQuote(text)}` };
    }
    total += Number(`${intPart || '0'}.${fracPart || '0'}`) * unit;
  }
  if (total > 9223372036854775807) return invalid();
  return { ok: true, value: sign * total };
}

/**
 * Milliseconds of a Go duration string (Tempo's block_retention, Alloy's timeouts), or undefined
 * when Go's `time.ParseDuration` would reject it.
 * @see https://pkg.go.dev/time#ParseDuration
 */
export function parseGoDuration(text: string): number | undefined {
  const parsed = goDuration(text);
  return parsed.ok ? parsed.value / 1e6 : undefined;
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
