/**
 * Small constructors that keep the catalog tables readable, plus helpers rules use to read
 * literal values.
 */
import type {
  AttributeSchema,
  BlockPatternSchema,
  BlockSchema,
  BodySchema,
  Rule,
  RuleContext,
  RuleFinding,
  ValueType,
} from './schema';
import { parseBase2Bytes, parseGoDuration } from './units';
import type { Located } from '../syntax';

/** Value types. */
export const t = {
  string: { kind: 'string' } as ValueType,
  number: { kind: 'number' } as ValueType,
  int: { kind: 'number', integer: true } as ValueType,
  uint: { kind: 'number', integer: true, min: 0 } as ValueType,
  bool: { kind: 'bool' } as ValueType,
  duration: { kind: 'duration' } as ValueType,
  bytes: { kind: 'bytes' } as ValueType,
  secret: { kind: 'secret' } as ValueType,
  object: { kind: 'object' } as ValueType,
  any: { kind: 'any' } as ValueType,
  oneOf: (...values: string[]): ValueType => ({ kind: 'string', oneOf: values }),
  list: (element: ValueType): ValueType => ({ kind: 'list', element }),
  map: (value: ValueType): ValueType => ({ kind: 'map', value }),
  capsule: (capsule: string): ValueType => ({ kind: 'capsule', capsule }),
};

/** `list(map(string))`: discovery targets. */
export const targetsType: ValueType = t.list({ kind: 'target' });

interface AttrOptions {
  readonly required?: boolean;
  readonly default?: unknown;
  readonly doc?: string;
}

/** An attribute. */
export function attr(name: string, type: ValueType, options: AttrOptions = {}): AttributeSchema {
  return { name, type, ...options };
}

/** A required attribute. */
export function req(name: string, type: ValueType, doc?: string): AttributeSchema {
  return doc === undefined ? { name, type, required: true } : { name, type, required: true, doc };
}

interface BlockOptions {
  readonly required?: boolean;
  readonly repeatable?: boolean;
  readonly labels?: 'none' | 'optional';
  readonly doc?: string;
}

/** A nested block. */
export function block(name: string, body: BodySchema, options: BlockOptions = {}): BlockSchema {
  return { name, body, ...options };
}

interface BodyOptions {
  readonly open?: boolean;
  readonly rules?: readonly Rule[];
  readonly blockPatterns?: readonly BlockPatternSchema[];
}

/** A body: attributes, then blocks. */
export function body(
  attributes: readonly AttributeSchema[],
  blocks: readonly BlockSchema[] = [],
  options: BodyOptions = {},
): BodySchema {
  return { attributes, blocks, ...options };
}

/** A body whose contents are not modelled: anything goes. */
export const openBody: BodySchema = { attributes: [], blocks: [], open: true };

/** A number read by a rule: the literal value, the default when absent, undefined when unknown. */
export function numberArg(ctx: RuleContext, name: string, fallback?: number): number | undefined {
  const v = ctx.value(name);
  if (v === undefined) return fallback;
  if (!v.literal) return undefined;
  if (typeof v.value === 'number') return v.value;
  if (typeof v.value === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value))) return Number(v.value);
  return undefined;
}

/** A duration (nanoseconds) read by a rule; undefined when not a valid literal. */
export function durationArg(ctx: RuleContext, name: string, fallback?: number): number | undefined {
  const v = ctx.value(name);
  if (v === undefined) return fallback;
  if (!v.literal || (typeof v.value !== 'string' && typeof v.value !== 'number')) return undefined;
  const parsed = parseGoDuration(String(v.value));
  return parsed.ok ? parsed.value : undefined;
}

/** A byte size read by a rule; undefined when not a valid literal. */
export function bytesArg(ctx: RuleContext, name: string, fallback?: number): number | undefined {
  const v = ctx.value(name);
  if (v === undefined) return fallback;
  if (!v.literal) return undefined;
  if (typeof v.value === 'number') return v.value;
  if (typeof v.value !== 'string') return undefined;
  const parsed = parseBase2Bytes(v.value);
  return parsed.ok ? parsed.value : undefined;
}

/** A string read by a rule; undefined when absent or not a literal. */
export function stringArg(ctx: RuleContext, name: string): string | undefined {
  const v = ctx.value(name);
  if (v === undefined || !v.literal) return undefined;
  return typeof v.value === 'string' ? v.value : typeof v.value === 'number' ? String(v.value) : undefined;
}

/** Where to report a finding about an argument: the attribute when present, else the block. */
export function at(ctx: RuleContext, ...names: string[]): Located {
  for (const name of names) {
    const a = ctx.attribute(name);
    if (a) return a;
  }
  return ctx.block;
}

/** A finding. */
export function finding(code: string, message: string, where: Located, severity?: 'error' | 'warning'): RuleFinding {
  return severity === undefined ? { code, message, at: where } : { code, message, at: where, severity };
}

/** A rule: a duration argument must be greater than zero when set. */
export function positiveDuration(name: string, code: string, fallback?: number): Rule {
  return (ctx) => {
    const d = durationArg(ctx, name, fallback);
    return d !== undefined && d <= 0 ? [finding(code, `${name} must be greater than zero`, at(ctx, name))] : [];
  };
}

/** A rule: at most one of each pair of attributes may be set (TLS `*_pem` / `*_file`). */
export function mutuallyExclusive(code: string, ...pairs: readonly (readonly [string, string])[]): Rule {
  return (ctx) => {
    const out: RuleFinding[] = [];
    for (const [a, b] of pairs) {
      const va = ctx.attribute(a);
      const vb = ctx.attribute(b);
      if (va && vb) out.push(finding(code, `at most one of ${a} and ${b} must be configured`, vb));
    }
    return out;
  };
}
