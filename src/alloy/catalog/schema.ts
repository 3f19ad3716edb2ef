/**
 * The shape of the component catalog: a data-driven description of what an Alloy block accepts,
 * what a component exports, and the cross-field rules that plain typing cannot express.
 *
 * The validator (`src/alloy/validate`) walks a block's body against a {@link BodySchema}; nothing
 * here knows about the AST beyond the types used by rules.
 */
import type { AttributeStmt, BlockStmt, Located } from '../syntax';

/**
 * The value type of an attribute, in Alloy's terms. Only literal values are checked against it
 * (references, calls and operators are evaluated at run time), as `alloy validate` does.
 */
export type ValueType =
  /** A string. Numbers are accepted too: Alloy converts between numbers and strings implicitly. */
  | { readonly kind: 'string'; readonly oneOf?: readonly string[] }
  /** A number. `integer` and `min`/`max` are checked on literal values. */
  | { readonly kind: 'number'; readonly integer?: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'bool' }
  /** A Go `time.Duration`, written as a string such as `"200ms"` or `"1m30s"`. */
  | { readonly kind: 'duration' }
  /** A byte size (`units.Base2Bytes`), such as `"512KiB"`, or a number of bytes. */
  | { readonly kind: 'bytes' }
  /** An `alloytypes.Secret`: accepts strings. */
  | { readonly kind: 'secret' }
  | { readonly kind: 'list'; readonly element: ValueType }
  | { readonly kind: 'map'; readonly value: ValueType }
  /**
   * A discovery target (`map(string)` as a capsule): a literal that is not an object fails with
   * Alloy's conversion error (`target::ConvertFrom: conversion from 'int64' is not supported`).
   */
  | { readonly kind: 'target' }
  /** An object with fields of any type. */
  | { readonly kind: 'object' }
  /** A capsule, such as `otelcol.Consumer`: only references can produce one. */
  | { readonly kind: 'capsule'; readonly capsule: string }
  /** Anything: not checked. */
  | { readonly kind: 'any' };

/** An attribute (`name = value`) of a block body. */
export interface AttributeSchema {
  readonly name: string;
  readonly type: ValueType;
  /** Whether the attribute must be set. */
  readonly required?: boolean;
  /** The default Alloy uses when the attribute is absent (documentation; rules read it too). */
  readonly default?: unknown;
  /** A short description. */
  readonly doc?: string;
}

/** A nested block (`name { … }`) of a block body. */
export interface BlockSchema {
  /** The block name; may be dotted (`stage.logfmt`). */
  readonly name: string;
  /** Whether at least one must be present. */
  readonly required?: boolean;
  /** Whether the block may appear more than once (a slice-typed block in Alloy's Go structs). */
  readonly repeatable?: boolean;
  /** Whether the block may carry a label. Nested blocks take none unless said so. */
  readonly labels?: 'none' | 'optional';
  /** What the block's body accepts. */
  readonly body: BodySchema;
  readonly doc?: string;
}

/** Blocks whose names share a prefix, such as `loki.process`'s `stage.*` (Alloy's enum blocks). */
export interface BlockPatternSchema {
  readonly prefix: string;
  readonly body: BodySchema;
  readonly doc?: string;
}

/** What a block body accepts. */
export interface BodySchema {
  readonly attributes: readonly AttributeSchema[];
  readonly blocks: readonly BlockSchema[];
  /** Families of blocks matched by name prefix (always repeatable). */
  readonly blockPatterns?: readonly BlockPatternSchema[];
  /**
   * When true, names that are not listed are accepted without a diagnostic: the schema is known to
   * be incomplete, and a missing entry must not reject a valid config. Listed names are still
   * checked (kind, type, duplicates) and required ones must be present.
   */
  readonly open?: boolean;
  /**
   * When true, the body is not looked into at all (its contents are validated elsewhere, as a
   * `foreach` template's are).
   */
  readonly opaque?: boolean;
  /** Cross-field rules run after the body's own checks. */
  readonly rules?: readonly Rule[];
}

/** A signal an OpenTelemetry pipeline carries. */
export type Signal = 'metrics' | 'logs' | 'traces';

/** An export of a component, readable by others as `<name>.<label>.<export>`. */
export interface ExportSchema {
  readonly name: string;
  readonly type: ValueType;
  readonly doc?: string;
}

/** What role a component plays in a pipeline; drives the dangling-output check. */
export type ComponentRole =
  | 'receiver'
  | 'processor'
  | 'exporter'
  | 'connector'
  | 'discovery'
  | 'source'
  | 'relabel'
  | 'writer'
  | 'config';

/** A component of the catalog. */
export interface ComponentSchema {
  /** The component name, such as `otelcol.processor.batch`. */
  readonly name: string;
  readonly role: ComponentRole;
  /** The component's arguments and blocks. */
  readonly body: BodySchema;
  readonly exports: readonly ExportSchema[];
  /**
   * For otelcol components whose `output` block forwards data: the signals that block accepts.
   * Receivers, processors and connectors have one.
   */
  readonly output?: readonly Signal[];
  /** Reference documentation. */
  readonly docs?: string;
  /** Where the catalog knowingly checks less than Alloy does. */
  readonly notes?: string;
}

/** The decoded literal value of an attribute, or a marker that it is not a literal. */
export type RuleValue =
  | { readonly literal: true; readonly value: string | number | boolean | null }
  | { readonly literal: false };

/** What a rule sees: one block (the component's or a nested one) and its statements. */
export interface RuleContext {
  /** The block being checked. */
  readonly block: BlockStmt;
  /** The first attribute with that name, if any. */
  attribute(name: string): AttributeStmt | undefined;
  /** The literal value of an attribute, when it is a literal (undefined when absent). */
  value(name: string): RuleValue | undefined;
  /** The nested blocks with that name, in source order. */
  blocks(name: string): readonly BlockStmt[];
  /** A context for a nested block. */
  nested(block: BlockStmt): RuleContext;
}

/** A problem found by a rule. */
export interface RuleFinding {
  /** A stable kebab-case code such as `alloy-batch-size`. */
  readonly code: string;
  readonly message: string;
  /** The node to report at (its start and end). */
  readonly at: Located;
  readonly severity?: 'error' | 'warning';
}

/** A cross-field rule: returns findings (empty when the body is fine). */
export type Rule = (ctx: RuleContext) => readonly RuleFinding[];
