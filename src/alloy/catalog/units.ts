/**
 * Parsers for the string-encoded quantities Alloy arguments take: Go durations
 * (`time.ParseDuration`) and byte sizes (`units.Base2Bytes`). Both return the error text the Go
 * parser gives, so diagnostics read like Alloy's.
 */

/** A parse result: the value, or the error message. */
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
export function parseGoDuration(text: string): Parsed {
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

const byteUnits: Record<string, number> = (() => {
  const units: Record<string, number> = { B: 1 };
  let scale = 1;
  for (const p of ['K', 'M', 'G', 'T', 'P', 'E']) {
    scale *= 1024;
    units[`${p}iB`] = scale;
    units[`${p}B`] = scale; // the "old" base-2 spellings ParseBase2Bytes falls back to
  }
  return units;
})();

/**
 * Parses a byte size as `units.ParseBase2Bytes` does: a sequence of number+unit pairs with the
 * units B, KiB…EiB or KB…EB (all powers of 1024), or `"0"`. The value is in bytes.
 */
export function parseBase2Bytes(text: string): Parsed {
  const invalid = (): Parsed => ({ ok: false, error: `units: invalid ${text}` });
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
    while (i < s.length && (isDigit(s[i]) || s[i] === '.')) i++;
    const num = s.slice(0, i);
    s = s.slice(i);
    if (!/^(\d+\.?\d*|\.\d+)$/.test(num)) return invalid();
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s[k])) k++;
    const unitName = s.slice(0, k);
    s = s.slice(k);
    const unit = byteUnits[unitName];
    if (unit === undefined) return { ok: false, error: `units: unknown unit ${unitName} in ${text}` };
    total += Number(num) * unit;
  }
  return { ok: true, value: sign * Math.trunc(total) };
}
