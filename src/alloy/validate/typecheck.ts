/**
 * Checks a block body against a catalog {@link BodySchema}, the way Alloy's `typecheck` does for
 * `alloy validate`: statements in source order (unknown names, wrong kind, duplicates, literal
 * types), then missing required attributes and blocks, then the schema's cross-field rules.
 */
import type { AttributeSchema, BlockSchema, BodySchema, RuleContext, RuleValue, ValueType } from '../catalog';
import { parseBase2Bytes, parseGoDuration } from '../catalog';
import type { AttributeStmt, BlockStmt, Expr, LiteralExpr, Located, ObjectField, Position, Statement } from '../syntax';
import { literalValue } from '../syntax';
import { ALLOY_DIAGNOSTIC_CODES as C } from './diagnostic';

/** Where a finding goes: (code, message, node or offset range to report at, severity). */
export type Report = (code: string, message: string, at: Located, severity?: 'error' | 'warning') => void;

/**
 * Per-body counters of schema names (see {@link SchemaIndex.slots}), as a stack: each
 * {@link checkBody} call takes `slots` entries above `countTop` and gives them back when it returns.
 * Why: a Map of block counts and a Set of seen attributes per body were the checker's main
 * allocations (one pair per block of a config).
 */
let counts = new Int32Array(256);
let countTop = 0;

/** Checks `block`'s body against `schema`, reporting through `report`. */
export function checkBody(block: BlockStmt, schema: BodySchema, report: Report): void {
  if (schema.opaque) return;
  const index = indexOf(schema);
  const base = countTop;
  const slots = index.slots;
  if (base + slots > counts.length) {
    const bigger = new Int32Array(Math.max(2 * counts.length, base + slots));
    bigger.set(counts.subarray(0, base));
    counts = bigger;
  }
  counts.fill(0, base, base + slots);
  countTop = base + slots;
  try {
    checkStatements(block, schema, index, base, report);
  } finally {
    countTop = base;
  }
}

function checkStatements(block: BlockStmt, schema: BodySchema, index: SchemaIndex, base: number, report: Report): void {
  const { attributes, blocks } = index;
  const body = block.body;
  const n = body.length;
  // Blocks are counted first: every occurrence of a repeated non-repeatable block is reported.
  for (let i = 0; i < n; i++) {
    const stmt = body[i] as Statement;
    if (stmt.kind === 'Block') {
      const slot = blocks.get(stmt.name);
      if (slot !== undefined) counts[base + slot]++;
    }
  }
  /** Names of unlisted attributes of an open schema, for their duplicates. */
  let unlisted: Set<string> | undefined;

  for (let i = 0; i < n; i++) {
    const stmt = body[i] as Statement;
    if (stmt.kind === 'Block') {
      const name = stmt.name;
      const slot = blocks.get(name);
      const nested: BlockSchema | undefined = slot !== undefined ? index.blockAt[slot] : matchPattern(schema, name);
      if (!nested) {
        if (attributes.has(name)) report(C.wrongKind, `"${name}" must be an attribute, but is used as a block`, stmt);
        else if (!schema.open) report(C.unknownBlock, `unrecognized block name "${name}"`, stmt);
        else checkDuplicateAttributes(stmt, report);
        continue;
      }
      if (!nested.repeatable && slot !== undefined && (counts[base + slot] as number) > 1) {
        report(C.repeatedBlock, `block "${name}" may only be specified once`, stmt);
        continue;
      }
      if (stmt.label && nested.labels !== 'optional' && stmt.labelPos !== undefined) {
        // The label's string token, quotes included (it cannot span lines).
        report(C.unexpectedLabel, `block "${name}" does not support specifying labels`, {
          start: stmt.labelPos,
          end: stmt.labelPos + utf8Length(stmt.label) + 2,
        });
      }
      checkBody(stmt, nested.body, report);
    } else if (stmt.kind === 'Attribute') {
      const name = stmt.name.name;
      const slot = attributes.get(name);
      if (slot === undefined) {
        if (blocks.has(name)) report(C.wrongKind, `"${name}" must be a block, but is used as an attribute`, stmt);
        else if (!schema.open) report(C.unknownArgument, `unrecognized attribute name "${name}"`, stmt);
        else if (unlisted?.has(name)) report(C.duplicateAttribute, `attribute "${name}" may only be provided once`, stmt);
        else (unlisted ??= new Set()).add(name);
        continue;
      }
      if (counts[base + slot] !== 0) {
        report(C.duplicateAttribute, `attribute "${name}" may only be provided once`, stmt);
        continue;
      }
      counts[base + slot] = 1;
      checkValue(stmt.value, (index.attributeAt[slot] as AttributeSchema).type, name, report);
    }
  }

  const required = index.required;
  for (let r = 0; r < required.length; r++) {
    const { slot, message, code } = required[r] as RequiredName;
    if (counts[base + slot] === 0) report(code, message, block);
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
  const body = block.body;
  const n = body.length;
  // Small bodies (nearly all) are searched backwards instead of filling a Set per body.
  let seen: Set<string> | undefined;
  if (n > 16) seen = new Set();
  for (let i = 0; i < n; i++) {
    const stmt = body[i] as Statement;
    if (stmt.kind === 'Attribute') {
      const name = stmt.name.name;
      let duplicate: boolean;
      if (seen) {
        duplicate = seen.has(name);
        if (!duplicate) seen.add(name);
      } else duplicate = hasAttributeBefore(body, i, name);
      if (duplicate) report(C.duplicateAttribute, `attribute "${name}" may only be provided once`, stmt);
    } else if (stmt.kind === 'Block') {
      checkDuplicateAttributes(stmt, report);
    }
  }
}

function hasAttributeBefore(body: readonly Statement[], end: number, name: string): boolean {
  for (let j = 0; j < end; j++) {
    const s = body[j] as Statement;
    if (s.kind === 'Attribute' && s.name.name === name) return true;
  }
  return false;
}

/** A required name of a schema: the missing-name finding to report when its slot stays 0. */
interface RequiredName {
  readonly slot: number;
  readonly code: string;
  readonly message: string;
}

/**
 * Name lookups of a schema, built once per schema object. Every attribute and block name has a
 * slot (attributes first), the index of its counter during {@link checkBody}.
 */
interface SchemaIndex {
  readonly attributes: ReadonlyMap<string, number>;
  readonly blocks: ReadonlyMap<string, number>;
  /** The schema of the attribute / block at each slot. */
  readonly attributeAt: readonly (AttributeSchema | undefined)[];
  readonly blockAt: readonly (BlockSchema | undefined)[];
  readonly slots: number;
  /** Required attributes, then required blocks, in schema order. */
  readonly required: readonly RequiredName[];
}

const indexes = new WeakMap<BodySchema, SchemaIndex>();

function indexOf(schema: BodySchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    const attributes = new Map<string, number>();
    const blocks = new Map<string, number>();
    const attributeAt: (AttributeSchema | undefined)[] = [];
    const blockAt: (BlockSchema | undefined)[] = [];
    let slots = 0;
    // A name listed twice keeps its first slot and its last schema (as a Map built from the list).
    for (const a of schema.attributes) {
      let slot = attributes.get(a.name);
      if (slot === undefined) attributes.set(a.name, (slot = slots++));
      attributeAt[slot] = a;
    }
    for (const b of schema.blocks) {
      let slot = blocks.get(b.name);
      if (slot === undefined) blocks.set(b.name, (slot = slots++));
      blockAt[slot] = b;
    }
    attributeAt.length = blockAt.length = slots;
    const required: RequiredName[] = [];
    for (const a of schema.attributes) {
      if (a.required) required.push({ slot: attributes.get(a.name) as number, code: C.missingArgument, message: `missing required attribute "${a.name}"` });
    }
    for (const b of schema.blocks) {
      if (b.required) required.push({ slot: blocks.get(b.name) as number, code: C.missingBlock, message: `missing required block "${b.name}"` });
    }
    index = { attributes, blocks, attributeAt, blockAt, slots, required };
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

  switch (type.kind) {
    case 'string':
    case 'secret': {
      if (kind !== 'string' && kind !== 'number') return mismatch(e, type, kind, report);
      if (type.kind === 'string' && type.oneOf) {
        const v = String(scalarValue(e));
        if (!type.oneOf.includes(v)) {
          report(C.invalidValue, `invalid ${name} ${JSON.stringify(v)}: must be one of ${type.oneOf.map((o) => JSON.stringify(o)).join(', ')}`, e);
        }
      }
      return;
    }
    case 'duration': {
      if (kind !== 'string' && kind !== 'number') return mismatch(e, type, kind, report);
      const parsed = parseGoDuration(String(scalarValue(e)));
      if (!parsed.ok) report(C.invalidDuration, parsed.error, e);
      return;
    }
    case 'bytes': {
      if (kind === 'number') return;
      if (kind !== 'string') return mismatch(e, type, kind, report);
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
        if (!Number.isFinite(v)) return mismatch(e, type, kind, report);
      } else return mismatch(e, type, kind, report);
      if (type.integer && !Number.isInteger(v)) report(C.invalidValue, `${name} must be a whole number, got ${v}`, e);
      else if (type.min !== undefined && v < type.min) report(C.invalidValue, `${name} must be at least ${type.min}, got ${v}`, e);
      else if (type.max !== undefined && v > type.max) report(C.invalidValue, `${name} must be at most ${type.max}, got ${v}`, e);
      return;
    }
    case 'bool':
      if (kind !== 'bool') mismatch(e, type, kind, report);
      return;
    case 'list': {
      if (e.kind !== 'Array') return mismatch(e, type, kind, report);
      const elements = e.elements;
      for (let i = 0; i < elements.length; i++) checkValue(elements[i] as Expr, type.element, name, report);
      return;
    }
    case 'map': {
      if (e.kind !== 'Object') return mismatch(e, type, kind, report);
      const fields = e.fields;
      for (let i = 0; i < fields.length; i++) checkValue((fields[i] as ObjectField).value, type.value, name, report);
      return;
    }
    case 'object':
      if (kind !== 'object') mismatch(e, type, kind, report);
      return;
    case 'target':
      if (e.kind === 'Object') {
        for (const f of e.fields) checkValue(f.value, stringType, name, report);
      } else {
        report(C.type, `target::ConvertFrom: conversion from '${goTypeOf(e, kind)}' is not supported`, e);
      }
      return;
    case 'capsule':
      mismatch(e, type, kind, report);
      return;
  }
}

const stringType: ValueType = { kind: 'string' };

function mismatch(e: Expr, type: ValueType, kind: LiteralKind, report: Report): void {
  report(C.type, `expected ${expectedName(type)}, got ${kind}`, e);
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
