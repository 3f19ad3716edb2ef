/**
 * Character classes and Go-compatible text encodings used by the Alloy scanner, parser and printer.
 *
 * Alloy is written in Go, so its rules are phrased with Go's `unicode` and `strconv` packages:
 * `unicode.IsLetter` (category L), `unicode.IsDigit` (category Nd), `strconv.IsPrint`
 * (categories L, M, N, P, S and U+0020) and `strconv.Quote` (`%q`).
 */

const letterPattern = /^\p{L}$/u;
const decimalDigitPattern = /^\p{Nd}$/u;
const printablePattern = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** True for an Alloy identifier start character: ASCII letter, `_` or any Unicode letter. */
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || cp === 0x5f;
  return letterPattern.test(String.fromCodePoint(cp));
}

/** True for an ASCII digit or any Unicode decimal digit (category Nd). */
export function isDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return decimalDigitPattern.test(String.fromCodePoint(cp));
}

/** True when Go's `strconv.IsPrint` holds: a letter, mark, number, punctuation, symbol or U+0020. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return printablePattern.test(String.fromCodePoint(cp));
}

const keywords = new Set(['true', 'false', 'null']);

/**
 * Whether `s` is a valid Alloy identifier: a letter or `_` followed by letters, digits and `_`
 * (Unicode letters and decimal digits allowed), and not one of the keywords `true`, `false`, `null`.
 * This is also the rule for block labels.
 */
export function isValidIdentifier(s: string): boolean {
  if (s.length === 0 || keywords.has(s)) return false;
  // ASCII names (nearly all of them) without iterating code points.
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || (i > 0 && c >= 0x30 && c <= 0x39))) break;
  }
  if (i === s.length) return true;
  let first = true;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (first ? !isLetter(cp) : !isLetter(cp) && !isDigit(cp)) return false;
    first = false;
  }
  return true;
}

/**
 * Turns arbitrary text into an identifier the way Alloy's converters make labels
 * (`scanner.SanitizeIdentifier`): every rune that is not a letter or digit becomes `_`, and
 * `_` is prepended when the text starts with a digit. Throws on the empty string.
 * The keywords `true`, `false` and `null` are returned unchanged (they stay invalid).
 */
export function sanitizeIdentifier(s: string): string {
  if (s.length === 0) throw new Error('cannot generate a new identifier for an empty string');
  let out = '';
  let first = true;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (first && isDigit(cp)) out += '_';
    out += isLetter(cp) || isDigit(cp) ? ch : '_';
    first = false;
  }
  return out;
}

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/**
 * Quotes `s` like Go's `strconv.Quote` (`%q`): `\` and `"` are escaped, `\a \b \f \n \r \t \v`
 * use their short escapes, other non-printable runes become `\xHH`, `\uHHHH` or `\UHHHHHHHH`,
 * and printable Unicode is kept as is. A lone UTF-16 surrogate (not valid Unicode) becomes `\ufffd`.
 */
export function goQuote(s: string): string {
  // Printable ASCII without `"` and `\` (nearly every label and key) is quoted as it is.
  if (quotesAsIs(s)) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (cp === 0x22) out += '\\"';
    else if (cp === 0x5c) out += '\\\\';
    else if (isPrint(cp)) out += ch;
    else {
      switch (cp) {
        case 0x07: out += '\\a'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        case 0x0b: out += '\\v'; break;
        default:
          if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
          else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
          else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
          else out += '\\U' + hex(cp, 8);
      }
    }
  }
  return out + '"';
}

/**
 * Whether {@link goQuote} quotes `s` as it is (`"` + s + `"`): `s` is printable ASCII without `"`
 * and `\`.
 */
export function quotesAsIs(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** Formats a rune like Go's `%#U`: `U+0023 '#'`, or `U+0007` when it is not printable. */
export function formatRune(cp: number): string {
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}
