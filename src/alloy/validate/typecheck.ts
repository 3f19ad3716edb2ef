/**
 * Checks a block body against a catalog {@link BodySchema}, the way Alloy's `typecheck` does for
 * `alloy validate`: statements in source order (unknown names, wrong kind, duplicates, literal
 * types), then missing required attributes and blocks, then the schema's cross-field rules.
 */
import type { AttributeSchema, BlockSchema, BodySchema, RuleContext, RuleValue, ValueType } from '../catalog';
import { parseBase2Bytes, parseGoDuration } from '../catalog';
import type { AttributeStmt, BlockStmt, Expr, LiteralExpr, Located, Position } from '../syntax';
import { literalValue } from '../syntax';
import { ALLOY_DIAGNOSTIC_CODES as C } from './diagnostic';

/** Where a finding goes: (code, message, node to report at, severity). */
export type Report = (code: string, message: string, at: Located | { start: Position; end?: Position }, severity?: 'error' | 'warning') => void;

/** Checks `block`'s body against `schema`, reporting through `report`. */
export function checkBody(block: BlockStmt, schema: BodySchema, report: Report): void {
  if (schema.opaque) return;
  const { attributes, blocks } = indexOf(schema);
  let blockCount: Map<string, number> | undefined;
  for (const stmt of block.body) {
    if (stmt.kind === 'Block') {
      blockCount ??= new Map();
      blockCount.set(stmt.name, (blockCount.get(stmt.name) ?? 0) + 1);
    }
  }
  let seen: Set<string> | undefined;

  for (const stmt of block.body) {
    if (stmt.kind === 'Block') {
      const name = stmt.name;
      const nested: BlockSchema | undefined = blocks.get(name) ?? matchPattern(schema, name);
      if (!nested) {
        if (attributes.has(name)) report(C.wrongKind, `"${name}" must be an attribute, but is used as a block`, stmt);
        else if (!schema.open) report(C.unknownBlock, `unrecognized block name "${name}"`, stmt);
        else checkDuplicateAttributes(stmt, report);
        continue;
      }
      if (!nested.repeatable && (blockCount?.get(name) ?? 0) > 1) {
        report(C.repeatedBlock, `block "${name}" may only be specified once`, stmt);
        continue;
      }
      if (stmt.label && nested.labels !== 'optional' && stmt.labelPos) {
        report(C.unexpectedLabel, `block "${name}" does not support specifying labels`, {
          start: stmt.labelPos,
          end: advance(stmt.labelPos, utf8Length(stmt.label) + 2),
        });
      }
      checkBody(stmt, nested.body, report);
    } else if (stmt.kind === 'Attribute') {
      const name = stmt.name.name;
      const attr = attributes.get(name);
      if (!attr) {
        if (blocks.has(name)) report(C.wrongKind, `"${name}" must be a block, but is used as an attribute`, stmt);
        else if (!schema.open) report(C.unknownArgument, `unrecognized attribute name "${name}"`, stmt);
        else if (seen?.has(name)) report(C.duplicateAttribute, `attribute "${name}" may only be provided once`, stmt);
        else (seen ??= new Set()).add(name);
        continue;
      }
      if (seen?.has(name)) {
        report(C.duplicateAttribute, `attribute "${name}" may only be provided once`, stmt);
        continue;
      }
      (seen ??= new Set()).add(name);
      checkValue(stmt.value, attr.type, name, report);
    }
  }

  for (const a of schema.attributes) {
    if (a.required && !seen?.has(a.name)) report(C.missingArgument, `missing required attribute "${a.name}"`, block);
  }
  for (const b of schema.blocks) {
    if (b.required && !blockCount?.has(b.name)) report(C.missingBlock, `missing required block "${b.name}"`, block);
  }

  if (schema.rules && schema.rules.length > 0) {
    const ctx = ruleContext(block);
    for (const rule of schema.rules) {
      for (const f of rule(ctx)) report(f.code, f.message, f.at, f.severity);
    }
  }
}

/**
 * The one check that needs no schema: an attribute set twice in the same body is an error for
 * every Alloy block (the decoder rejects it). Used for blocks the catalog does not model.
 */
export function checkDuplicateAttributes(block: BlockStmt, report: Report): void {
  let seen: Set<string> | undefined;
  for (const stmt of block.body) {
    if (stmt.kind === 'Attribute') {
      const name = stmt.name.name;
      if (seen?.has(name)) report(C.duplicateAttribute, `attribute "${name}" may only be provided once`, stmt);
      else (seen ??= new Set()).add(name);
    } else if (stmt.kind === 'Block') {
      checkDuplicateAttributes(stmt, report);
    }
  }
}

interface SchemaIndex {
  readonly attributes: ReadonlyMap<string, AttributeSchema>;
  readonly blocks: ReadonlyMap<string, BlockSchema>;
}

const indexes = new WeakMap<BodySchema, SchemaIndex>();

/** Name lookups of a schema, built once per schema object. */
function indexOf(schema: BodySchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    index = {
      attributes: new Map(schema.attributes.map((a) => [a.name, a])),
      blocks: new Map(schema.blocks.map((b) => [b.name, b])),
    };
    indexes.set(schema, index);
  }
  return index;
}

function matchPattern(schema: BodySchema, name: string): BlockSchema | undefined {
  const p = schema.blockPatterns?.find((bp) => name.startsWith(bp.prefix));
  return p ? { name, body: p.body, repeatable: true } : undefined;
}

/** The Alloy type name of a literal-ish expression, or undefined when it is not a literal. */
type LiteralKind = 'string' | 'number' | 'bool' | 'null' | 'array' | 'object';

function literalKind(e: Expr): LiteralKind | undefined {
  switch (e.kind) {
    case 'Literal':
      return e.type === 'float' ? 'number' : e.type;
    case 'Unary':
      return e.op === '-' && e.operand.kind === 'Literal' && (e.operand.type === 'number' || e.operand.type === 'float')
        ? 'number'
        : undefined;
    case 'Array':
      return 'array';
    case 'Object':
      return 'object';
    case 'Paren':
      return literalKind(e.inner);
    default:
      return undefined;
  }
}

/** The decoded value of a literal (or negated number literal); undefined when not a scalar literal. */
export function scalarValue(e: Expr): string | number | boolean | null | undefined {
  if (e.kind === 'Literal') return literalValue(e);
  if (e.kind === 'Paren') return scalarValue(e.inner);
  if (e.kind === 'Unary' && e.op === '-' && e.operand.kind === 'Literal') {
    const v = literalValue(e.operand);
    return typeof v === 'number' ? -v : undefined;
  }
  return undefined;
}

const expectedName = (type: ValueType): string => {
  switch (type.kind) {
    case 'string':
    case 'secret':
    case 'duration':
      return 'string';
    case 'bytes':
      return 'string';
    case 'number':
      return 'number';
    case 'bool':
      return 'bool';
    case 'list':
      return 'array';
    case 'map':
    case 'object':
    case 'target':
      return 'object';
    case 'capsule':
      return `capsule("${type.capsule}")`;
    case 'any':
      return 'any';
  }
};

/** The Go type Alloy's decoder holds a literal in (for its conversion messages). */
function goTypeOf(e: Expr, kind: LiteralKind): string {
  switch (kind) {
    case 'number':
      return literalOf(e)?.type === 'float' ? 'float64' : 'int64';
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'array':
      return '[]interface {}';
    default:
      return kind;
  }
}

function literalOf(e: Expr): LiteralExpr | undefined {
  if (e.kind === 'Literal') return e;
  if (e.kind === 'Unary') return literalOf(e.operand);
  if (e.kind === 'Paren') return literalOf(e.inner);
  return undefined;
}

/** Checks a literal value against a type; non-literal expressions are left to run time. */
function checkValue(e: Expr, type: ValueType, name: string, report: Report): void {
  if (type.kind === 'any') return;
  const kind = literalKind(e);
  if (kind === undefined || kind === 'null') return;
  const mismatch = (): void => report(C.type, `expected ${expectedName(type)}, got ${kind}`, e);

  switch (type.kind) {
    case 'string':
    case 'secret': {
      if (kind !== 'string' && kind !== 'number') return mismatch();
      if (type.kind === 'string' && type.oneOf) {
        const v = String(scalarValue(e));
        if (!type.oneOf.includes(v)) {
          report(C.invalidValue, `invalid ${name} ${JSON.stringify(v)}: must be one of ${type.oneOf.map((o) => JSON.stringify(o)).join(', ')}`, e);
        }
      }
      return;
    }
    case 'duration': {
      if (kind !== 'string' && kind !== 'number') return mismatch();
      const parsed = parseGoDuration(String(scalarValue(e)));
      if (!parsed.ok) report(C.invalidDuration, parsed.error, e);
      return;
    }
    case 'bytes': {
      if (kind === 'number') return;
      if (kind !== 'string') return mismatch();
      const parsed = parseBase2Bytes(String(scalarValue(e)));
      if (!parsed.ok) report(C.invalidBytes, parsed.error, e);
      return;
    }
    case 'number': {
      let v: number;
      if (kind === 'number') v = scalarValue(e) as number;
      else if (kind === 'string') {
        const s = scalarValue(e) as string;
        v = s.trim() === '' ? NaN : Number(s);
        if (!Number.isFinite(v)) return mismatch();
      } else return mismatch();
      if (type.integer && !Number.isInteger(v)) report(C.invalidValue, `${name} must be a whole number, got ${v}`, e);
      else if (type.min !== undefined && v < type.min) report(C.invalidValue, `${name} must be at least ${type.min}, got ${v}`, e);
      else if (type.max !== undefined && v > type.max) report(C.invalidValue, `${name} must be at most ${type.max}, got ${v}`, e);
      return;
    }
    case 'bool':
      if (kind !== 'bool') mismatch();
      return;
    case 'list':
      if (e.kind !== 'Array') return mismatch();
      for (const el of e.elements) checkValue(el, type.element, name, report);
      return;
    case 'map':
      if (e.kind !== 'Object') return mismatch();
      for (const f of e.fields) checkValue(f.value, type.value, name, report);
      return;
    case 'object':
      if (kind !== 'object') mismatch();
      return;
    case 'target':
      if (e.kind === 'Object') {
        for (const f of e.fields) checkValue(f.value, { kind: 'string' }, name, report);
      } else {
        report(C.type, `target::ConvertFrom: conversion from '${goTypeOf(e, kind)}' is not supported`, e);
      }
      return;
    case 'capsule':
      mismatch();
      return;
  }
}

/** The {@link RuleContext} of a block. */
export function ruleContext(block: BlockStmt): RuleContext {
  let attrs: Map<string, AttributeStmt> | undefined;
  const attrMap = (): Map<string, AttributeStmt> => {
    if (!attrs) {
      attrs = new Map();
      for (const s of block.body) if (s.kind === 'Attribute' && !attrs.has(s.name.name)) attrs.set(s.name.name, s);
    }
    return attrs;
  };
  return {
    block,
    attribute: (name) => attrMap().get(name),
    value: (name): RuleValue | undefined => {
      const a = attrMap().get(name);
      if (!a) return undefined;
      const v = scalarValue(a.value);
      return v === undefined ? { literal: false } : { literal: true, value: v };
    },
    blocks: (name) => block.body.filter((s): s is BlockStmt => s.kind === 'Block' && s.name === name),
    nested: (b) => ruleContext(b),
  };
}

/** The UTF-8 length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A position `bytes` further on the same line. */
export function advance(p: Position, bytes: number): Position {
  return { offset: p.offset + bytes, line: p.line, column: p.column + bytes };
}
