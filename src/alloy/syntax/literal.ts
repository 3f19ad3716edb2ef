import type { LiteralExpr } from './ast';
import { decodeUtf8 } from './scanner';

/** The value of a literal, as Alloy evaluates it. */
export type LiteralValue = string | number | boolean | null;

/**
 * Decodes a literal the way Alloy evaluates it (`ValueFromLiteral`): strings are unquoted
 * (`\xHH` and octal escapes are bytes, so `"\xc3\xa9"` is `é`; raw strings drop `\r`);
 * a NUMBER with a leading zero is octal when it can be (`0755` is 493; `09` is 9); numbers are
 * JS numbers, so integers beyond 2^53 lose precision. Assumes the literal scanned without errors.
 */
export function literalValue(lit: LiteralExpr): LiteralValue {
  const raw = lit.raw;
  switch (lit.type) {
    case 'bool':
      return raw === 'true';
    case 'null':
      return null;
    case 'float':
      return Number(raw);
    case 'number':
      if (raw.length > 1 && raw.startsWith('0') && /^[0-7]+$/.test(raw)) return parseInt(raw, 8);
      return Number(raw);
    case 'string':
      if (raw.startsWith('`')) return raw.slice(1, -1).replace(/\r/g, '');
      // Most strings have no escapes: their text is the value.
      return raw.includes('\\') ? unquote(raw.slice(1, -1)) : raw.slice(1, -1);
  }
}

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

function unquote(body: string): string {
  let out = '';
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length === 0) return;
    out += decodeUtf8(Uint8Array.from(bytes)).replace(/[\udc80-\udcff]/g, '\ufffd');
    bytes = [];
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      flushBytes();
      out += c;
      continue;
    }
    const e = body[i + 1] as string;
    const simple = simpleEscapes[e];
    if (simple !== undefined) {
      flushBytes();
      out += simple;
      i++;
    } else if (e === 'x') {
      bytes.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (e >= '0' && e <= '7') {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      const width = e === 'u' ? 4 : 8;
      flushBytes();
      out += String.fromCodePoint(parseInt(body.slice(i + 2, i + 2 + width), 16));
      i += 1 + width;
    }
  }
  flushBytes();
  return out;
}
