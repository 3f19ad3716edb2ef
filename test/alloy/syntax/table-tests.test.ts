import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeUtf8,
  formatDiagnostic,
  isValidIdentifier,
  parse,
  sanitizeIdentifier,
  Scanner,
  type Position,
} from '../../../src/alloy/syntax';
import { conformanceSkip } from '../../support/paths';
import { readReferenceJson } from './reference-data';

interface TableTests {
  tokens: Array<{ literal: string; token: string }>;
  scan_errors: Array<{ input: string; token: string; literal: string; error: string; error_offset: number }>;
  is_valid_identifier: Array<{ identifier: string; name: string; valid: boolean }>;
  sanitize_identifier: Array<{ identifier: string; name: string; sanitized: string; error: string }>;
  parse_expressions: Array<{ input: string; name: string; valid: boolean }>;
  parser_fuzz_seeds: Array<{ input: string; errors_observed: string[] }>;
}

/** Scans the first token without terminator insertion, as upstream scanner_test.go does. */
function firstToken(source: string | Uint8Array): { kind: string; text: string; errors: Array<{ message: string; at: Position }> } {
  const errors: Array<{ message: string; at: Position }> = [];
  const fromBytes = typeof source !== 'string';
  const scanner = new Scanner(typeof source === 'string' ? source : decodeUtf8(source), {
    insertTerminators: false,
    fromBytes,
    onError: (message, at) => errors.push({ message, at }),
  });
  const token = scanner.next();
  return { kind: token.kind, text: token.text, errors };
}


describe('upstream table tests (reference/alloy-syntax/extracted/table-tests.json)', { skip: conformanceSkip }, () => {
  const tables = readReferenceJson<TableTests>('extracted', 'table-tests.json');

  describe('tokens', () => {
    it('has the 52 cases', () => assert.equal(tables.tokens.length, 52));
    for (const t of tables.tokens) {
      it(`${JSON.stringify(t.literal)} is one ${t.token}`, () => {
        const scanned = firstToken(t.literal);
        assert.equal(scanned.kind, t.token);
        assert.deepEqual(scanned.errors, []);
        const expectedText = t.token === 'COMMENT' ? expectedCommentText(t.literal) : t.literal;
        assert.equal(scanned.text, expectedText);
      });
    }
  });

  describe('scan errors', () => {
    it('has the 16 cases', () => assert.equal(tables.scan_errors.length, 16));
    for (const t of tables.scan_errors) {
      it(`${JSON.stringify(t.input)} → ${t.token}${t.error ? ` with "${t.error}"` : ''}`, () => {
        // This case was a Go string holding the byte 0x80, which JSON could only keep as U+FFFD:
        // rebuild the bytes and scan them the way parse(Uint8Array) does.
        const invalidUtf8 = t.error === 'illegal UTF-8 encoding';
        const source = invalidUtf8 ? Buffer.from(t.input.replace('\ufffd', '\x80'), 'latin1') : t.input;
        const scanned = firstToken(source);
        assert.equal(scanned.kind, t.token);
        if (t.literal === '' && t.token !== 'ILLEGAL') assert.equal(scanned.text, t.token);
        if (t.error) {
          assert.equal(scanned.errors.length, 1, JSON.stringify(scanned.errors));
          assert.equal(scanned.errors[0]?.message, t.error);
          assert.equal(scanned.errors[0]?.at.offset, t.error_offset);
        } else assert.deepEqual(scanned.errors, []);
        // Upstream operator tokens carry an empty literal; ours carry their spelling.
        if (t.token !== 'ILLEGAL' && t.literal !== '') {
          const text = invalidUtf8 ? scanned.text.replace(/[\udc80-\udcff]/g, '\ufffd') : scanned.text;
          assert.equal(text, t.literal);
        }
      });
    }
  });

  describe('isValidIdentifier', () => {
    for (const t of tables.is_valid_identifier) {
      it(`${t.name}: ${JSON.stringify(t.identifier)} → ${t.valid}`, () => assert.equal(isValidIdentifier(t.identifier), t.valid));
    }
  });

  describe('sanitizeIdentifier', () => {
    for (const t of tables.sanitize_identifier) {
      it(`${t.name}: ${JSON.stringify(t.identifier)}`, () => {
        if (t.error) assert.throws(() => sanitizeIdentifier(t.identifier), { message: t.error });
        else assert.equal(sanitizeIdentifier(t.identifier), t.sanitized);
      });
    }
  });

  describe('parse expressions', () => {
    it('has the 34 cases', () => assert.equal(tables.parse_expressions.length, 34));
    for (const t of tables.parse_expressions) {
      it(t.name, () => {
        const { file, diagnostics } = parse(`expr = ${t.input}\n`);
        assert.deepEqual(diagnostics.map((d) => formatDiagnostic(d)), []);
        assert.equal(file?.body.length, 1);
      });
    }
  });

  describe('fuzz seeds parse without throwing', () => {
    for (const t of tables.parser_fuzz_seeds) {
      it(JSON.stringify(t.input), () => {
        const { diagnostics } = parse(t.input);
        assert.deepEqual(diagnostics.map((d) => formatDiagnostic(d)), t.errors_observed);
      });
    }
  });
});

/** Comment literals are returned without their newline and without `\r` (upstream stripCR). */
function expectedCommentText(literal: string): string {
  const text = literal.replace(/\n$/, '');
  if (text.startsWith('//')) return text.replace(/\r/g, '');
  // In a block comment a \r directly before the closing `/` of `*\r/` is kept.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\r' || (out.length > 2 && out.endsWith('*') && text[i + 1] === '/')) out += c;
  }
  return out;
}
