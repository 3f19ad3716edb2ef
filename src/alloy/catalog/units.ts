/**
 * Parsers for the string-encoded quantities Alloy arguments take: Go durations
 * (`time.ParseDuration`) and byte sizes (`units.Base2Bytes`). Both return the error text the Go
 * parser gives, so diagnostics read like Alloy's.
 */

import type { Parsed } from '../../core/duration';

export { goDuration as parseGoDuration, type Parsed } from '../../core/duration';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

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
