/**
 * A small validator for Kubernetes structural schemas: the OpenAPI v3 subset that CustomResourceDefinitions
 * carry in `spec.versions[].schema.openAPIV3Schema`.
 *
 * It reports what the API server (with strict field validation, as `kubectl apply` uses) would reject:
 * types, required fields, unknown fields, enums, patterns, lengths, ranges, list sizes and list-type
 * uniqueness. CEL rules (`x-kubernetes-validations`) are NOT evaluated: {@link celRules} lists them and
 * {@link ValidateOptions.cel} lets a caller evaluate the ones it hand-codes.
 *
 * Values must be JSON-like (what `yaml`'s `toJS()` returns): plain objects, arrays, strings, numbers,
 * bigints, booleans and null. Bad values never throw; they produce violations.
 */

/** One schema violation at a value path (e.g. ['spec','chart','spec','sourceRef','kind']). */
export interface SchemaViolation {
  /**
   * Path of the offending value from the validated root. For `required` and `unknown-field` it names the
   * missing or unexpected key, so a caller mapping to YAML lines may have to fall back to the parent.
   */
  path: (string | number)[];
  /** Short, lower-case text, e.g. `must be a string`, `is required`, `unknown field "x"`. */
  message: string;
  /**
   * The schema keyword that failed (`type`, `required`, `enum`, `pattern`, `minLength`, ...), or one of
   * `unknown-field`, `metadata` (ObjectMeta checks), `depth` (value nested too deeply).
   */
  keyword: string;
}

/** A schema as a JSON object, exactly as found in the CRD. */
export type OpenApiSchema = Record<string, unknown>;

/** One `x-kubernetes-validations` entry (a CEL rule) and where it applies. */
export interface CelRule {
  /**
   * Value path of the object the rule applies to (`self`). In {@link celRules} output, `'*'` stands for
   * every item of an array or every value of a map; in {@link ValidateOptions.cel} calls the path is concrete.
   */
  path: (string | number)[];
  /** The CEL expression, e.g. `has(self.configMapRef) || has(self.secretRef)`. */
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

/**
 * Hand-coded CEL evaluation: called for each rule whose object is present in the value. Return `false`
 * (uses the rule's message) or a message string to report a violation; `true` or `undefined` passes.
 */
export type CelEvaluator = (rule: CelRule, self: unknown) => boolean | string | undefined;

/** Options of {@link validateOpenApi}. */
export interface ValidateOptions {
  /**
   * Reject fields the schema does not declare (default true), as strict field validation does. False
   * mimics a legacy CRD with `spec.preserveUnknownFields: true`.
   */
  rejectUnknownFields?: boolean;
  /**
   * The value is a whole Kubernetes object validated against a CRD version's root schema: `apiVersion`
   * and `kind` are always allowed and must be strings, and `metadata` is checked as ObjectMeta
   * (`metadata.name` required, a lowercase RFC 1123 subdomain; `namespace` a DNS label; string maps).
   */
  resource?: boolean;
  /** Evaluates the CEL rules a caller knows; CEL is never evaluated otherwise. */
  cel?: CelEvaluator;
}

/**
 * Validates `value` against a structural schema and returns every violation (empty when valid).
 *
 * Semantics follow the Kubernetes API server:
 * - `null` for a non-nullable property or map value is dropped, as the API server prunes it: it then
 *   counts as absent (so a `required` key reports `is required`). `null` elsewhere is a type violation.
 * - A required property that is missing but has a `default` passes: the API server fills it in.
 *   `default` is otherwise ignored.
 * - Objects declared with `type: object` (with or without `properties`) reject undeclared keys with
 *   `unknown field "x"`, unless `additionalProperties` or `x-kubernetes-preserve-unknown-fields` is set;
 *   with preserve-unknown-fields, declared properties are still checked.
 * - `allOf`/`anyOf`/`oneOf`/`not` are evaluated; their sub-schemas never reject unknown fields (in a
 *   structural schema they only add value checks).
 * - `pattern` is compiled once with {@link compilePattern} (RE2 syntax translated where simple); a
 *   pattern that cannot be compiled is skipped, never reported.
 * - `format`: only `int32` and `int64` ranges are checked (stricter than the API server, matching what the
 *   controller's Go types would accept); every other format is accepted.
 * - `x-kubernetes-list-type: set|map` reports duplicate items / duplicate map keys.
 * - `x-kubernetes-embedded-resource` requires `apiVersion` and `kind` and allows `metadata`.
 */
export function validateOpenApi(schema: OpenApiSchema, value: unknown, options: ValidateOptions = {}): SchemaViolation[] {
  const ctx: Context = {
    out: [],
    path: [],
    reject: options.rejectUnknownFields !== false,
    cel: options.cel,
    depth: 0,
  };
  const node = compile(schema);
  if (options.resource) validateResource(node, value, ctx);
  else validate(node, value, ctx, true);
  return ctx.out;
}

/**
 * Lists the CEL rules (`x-kubernetes-validations`) of `schema` at and below the value path `path`
 * (default: the root). Paths in the result are absolute, with `'*'` for array items and map values.
 * Rules inside `allOf`/`anyOf`/`oneOf`/`not` are not listed. Returns [] when `path` leads nowhere.
 */
export function celRules(schema: OpenApiSchema, path: readonly (string | number)[] = []): CelRule[] {
  let node: SchemaNode | undefined = compile(schema);
  for (const segment of path) {
    if (!node) return [];
    if (typeof segment === 'number') node = node.items;
    else node = node.properties?.get(segment) ?? (segment === '*' ? node.items : undefined) ?? additionalNode(node);
  }
  const out: CelRule[] = [];
  if (node) collectCel(node, [...path], out, new Set());
  return out;
}

/**
 * Compiles a CRD `pattern` (RE2 syntax) to a JavaScript RegExp, cached per pattern text. Simple RE2-only
 * syntax is translated: leading `(?i)`/`(?s)`/`(?m)` flags, `(?P<name>`, `\A`, `\z`, `\pL`, and POSIX
 * classes such as `[[:alpha:]]`. Tries the `u` flag first (RE2 matches code points), then without it.
 * Returns undefined when neither compiles. Remaining differences: `\s` and `\b` follow JavaScript.
 */
export function compilePattern(pattern: string): RegExp | undefined {
  if (patternCache.has(pattern)) return patternCache.get(pattern);
  let compiled: RegExp | undefined;
  const translated = translateRe2(pattern);
  if (translated) {
    for (const flags of [translated.flags + 'u', translated.flags]) {
      try {
        compiled = new RegExp(translated.source, flags);
        break;
      } catch {
        // a syntax error in unicode mode: retry without it
      }
    }
  }
  patternCache.set(pattern, compiled);
  return compiled;
}

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
type Path = (string | number)[];

interface Bound {
  value: number;
  exclusive: boolean;
}

interface SchemaNode {
  types: JsonType[] | undefined;
  nullable: boolean;
  intOrString: boolean;
  preserveUnknown: boolean;
  embedded: boolean;
  hasDefault: boolean;
  /** Declared `type: object` or has `properties`: undeclared keys are unknown fields. */
  closedObject: boolean;
  properties: Map<string, SchemaNode> | undefined;
  required: string[];
  additional: SchemaNode | boolean | undefined;
  items: SchemaNode | undefined;
  enumValues: unknown[] | undefined;
  enumPrimitives: Set<unknown> | undefined;
  enumCanonical: Set<string> | undefined;
  enumMessage: string;
  pattern: string | undefined;
  regex: RegExp | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  minimum: Bound | undefined;
  maximum: Bound | undefined;
  minItems: number | undefined;
  maxItems: number | undefined;
  minProperties: number | undefined;
  maxProperties: number | undefined;
  format: string | undefined;
  allOf: SchemaNode[];
  anyOf: SchemaNode[];
  oneOf: SchemaNode[];
  not: SchemaNode | undefined;
  listType: string | undefined;
  listMapKeys: string[];
  cel: CelRule[];
}

const JSON_TYPES: ReadonlySet<string> = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const nodeCache = new WeakMap<object, SchemaNode>();
const patternCache = new Map<string, RegExp | undefined>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function emptyNode(): SchemaNode {
  return {
    types: undefined,
    nullable: false,
    intOrString: false,
    preserveUnknown: false,
    embedded: false,
    hasDefault: false,
    closedObject: false,
    properties: undefined,
    required: [],
    additional: undefined,
    items: undefined,
    enumValues: undefined,
    enumPrimitives: undefined,
    enumCanonical: undefined,
    enumMessage: '',
    pattern: undefined,
    regex: undefined,
    minLength: undefined,
    maxLength: undefined,
    minimum: undefined,
    maximum: undefined,
    minItems: undefined,
    maxItems: undefined,
    minProperties: undefined,
    maxProperties: undefined,
    format: undefined,
    allOf: [],
    anyOf: [],
    oneOf: [],
    not: undefined,
    listType: undefined,
    listMapKeys: [],
    cel: [],
  };
}

const PERMISSIVE: SchemaNode = emptyNode();

/** Compiles a schema object once; the node is registered before its children, so cycles are fine. */
function compile(schema: unknown): SchemaNode {
  if (!isRecord(schema)) return PERMISSIVE;
  const cached = nodeCache.get(schema);
  if (cached) return cached;
  const node = emptyNode();
  nodeCache.set(schema, node);

  const type = schema.type;
  if (typeof type === 'string' && JSON_TYPES.has(type)) node.types = [type as JsonType];
  else if (Array.isArray(type)) {
    const types = type.filter((t): t is JsonType => typeof t === 'string' && JSON_TYPES.has(t));
    if (types.length > 0) node.types = types;
    if (type.includes('null')) node.nullable = true;
  }
  if (schema.nullable === true) node.nullable = true;
  node.intOrString = schema['x-kubernetes-int-or-string'] === true;
  node.preserveUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true;
  node.embedded = schema['x-kubernetes-embedded-resource'] === true;
  node.hasDefault = 'default' in schema;

  if (isRecord(schema.properties)) {
    node.properties = new Map();
    for (const [key, child] of Object.entries(schema.properties)) node.properties.set(key, compile(child));
  }
  node.closedObject = node.properties !== undefined || (node.types?.includes('object') ?? false);
  if (Array.isArray(schema.required)) node.required = schema.required.filter((r): r is string => typeof r === 'string');
  const additional = schema.additionalProperties;
  if (typeof additional === 'boolean') node.additional = additional;
  else if (isRecord(additional)) node.additional = compile(additional);
  if (isRecord(schema.items)) node.items = compile(schema.items);
  else if (Array.isArray(schema.items) && schema.items.length > 0) node.items = compile(schema.items[0]);

  if (Array.isArray(schema.enum)) {
    node.enumValues = schema.enum;
    node.enumPrimitives = new Set(schema.enum.filter((v) => !isObjectLike(v)));
    const objects = schema.enum.filter(isObjectLike);
    if (objects.length > 0) node.enumCanonical = new Set(objects.map((v) => canonical(v)));
    node.enumMessage = 'must be one of: ' + schema.enum.map(showValue).join(', ');
  }
  if (typeof schema.pattern === 'string') {
    node.pattern = schema.pattern;
    node.regex = compilePattern(schema.pattern);
  }
  node.minLength = num(schema.minLength);
  node.maxLength = num(schema.maxLength);
  node.minimum = bound(schema.minimum, schema.exclusiveMinimum);
  node.maximum = bound(schema.maximum, schema.exclusiveMaximum);
  node.minItems = num(schema.minItems);
  node.maxItems = num(schema.maxItems);
  node.minProperties = num(schema.minProperties);
  node.maxProperties = num(schema.maxProperties);
  if (typeof schema.format === 'string') node.format = schema.format;

  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) node[key] = list.map(compile);
  }
  if (isRecord(schema.not)) node.not = compile(schema.not);

  if (typeof schema['x-kubernetes-list-type'] === 'string') node.listType = schema['x-kubernetes-list-type'];
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  if (Array.isArray(mapKeys)) node.listMapKeys = mapKeys.filter((k): k is string => typeof k === 'string');

  const validations = schema['x-kubernetes-validations'];
  if (Array.isArray(validations)) {
    for (const v of validations) {
      if (!isRecord(v) || typeof v.rule !== 'string') continue;
      const rule: CelRule = { path: [], rule: v.rule };
      if (typeof v.message === 'string') rule.message = v.message;
      if (typeof v.messageExpression === 'string') rule.messageExpression = v.messageExpression;
      if (typeof v.reason === 'string') rule.reason = v.reason;
      if (typeof v.fieldPath === 'string') rule.fieldPath = v.fieldPath;
      if (typeof v.optionalOldSelf === 'boolean') rule.optionalOldSelf = v.optionalOldSelf;
      node.cel.push(rule);
    }
  }
  return node;
}

/** OpenAPI 3.0 has boolean `exclusiveMinimum`; JSON Schema 6+ has a number. Both are accepted. */
function bound(limit: unknown, exclusive: unknown): Bound | undefined {
  const value = num(limit);
  if (value !== undefined) return { value, exclusive: exclusive === true };
  const exclusiveValue = num(exclusive);
  return exclusiveValue === undefined ? undefined : { value: exclusiveValue, exclusive: true };
}

function additionalNode(node: SchemaNode): SchemaNode | undefined {
  return typeof node.additional === 'object' ? node.additional : undefined;
}

function collectCel(node: SchemaNode, path: Path, out: CelRule[], onPath: Set<SchemaNode>): void {
  if (onPath.has(node)) return;
  onPath.add(node);
  for (const rule of node.cel) out.push({ ...rule, path: [...path] });
  if (node.properties) for (const [key, child] of node.properties) collectCel(child, [...path, key], out, onPath);
  if (node.items) collectCel(node.items, [...path, '*'], out, onPath);
  const additional = additionalNode(node);
  if (additional) collectCel(additional, [...path, '*'], out, onPath);
  onPath.delete(node);
}

interface Context {
  out: SchemaViolation[];
  path: Path;
  reject: boolean;
  cel: CelEvaluator | undefined;
  depth: number;
}

const MAX_DEPTH = 256;

type ValueKind = JsonType | 'null' | 'other';

function kindOf(value: unknown): ValueKind {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'integer';
    case 'number':
      if (!Number.isFinite(value)) return 'other';
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? 'array' : 'object';
    case 'undefined':
      return 'null';
    default:
      return 'other';
  }
}

const ARTICLE: Record<JsonType, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
};

function report(ctx: Context, keyword: string, message: string, key?: string | number): void {
  const path = ctx.path.slice();
  if (key !== undefined) path.push(key);
  ctx.out.push({ path, message, keyword });
}

function typeMatches(types: JsonType[], kind: ValueKind): boolean {
  for (const t of types) if (t === kind || (t === 'number' && kind === 'integer')) return true;
  return false;
}

/** `structural` is false inside allOf/anyOf/oneOf/not, where unknown fields are not rejected. */
function validate(node: SchemaNode, value: unknown, ctx: Context, structural: boolean): void {
  if (ctx.depth > MAX_DEPTH) {
    report(ctx, 'depth', 'is nested too deeply');
    return;
  }
  const kind = kindOf(value);
  if (kind === 'null') {
    if (node.nullable || (!node.types && !node.intOrString)) return;
  }
  if (node.intOrString) {
    if (kind !== 'integer' && kind !== 'string') {
      report(ctx, 'x-kubernetes-int-or-string', 'must be an integer or a string');
      return;
    }
  } else if (node.types && !typeMatches(node.types, kind)) {
    report(ctx, 'type', 'must be ' + node.types.map((t) => ARTICLE[t]).join(' or '));
    return;
  }
  if (kind === 'null' || kind === 'other') return;

  ctx.depth++;
  switch (kind) {
    case 'string':
      checkString(node, value as string, ctx);
      break;
    case 'integer':
    case 'number':
      checkNumber(node, value as number | bigint, ctx);
      break;
    case 'array':
      checkArray(node, value as unknown[], ctx, structural);
      break;
    case 'object':
      checkObject(node, value as Record<string, unknown>, ctx, structural, false);
      break;
    default:
      break;
  }
  if (node.enumValues && !enumHas(node, value)) report(ctx, 'enum', node.enumMessage);
  if (node.allOf.length > 0 || node.anyOf.length > 0 || node.oneOf.length > 0 || node.not) checkJunctors(node, value, ctx);
  if (structural && ctx.cel && node.cel.length > 0) evaluateCel(node, value, ctx);
  ctx.depth--;
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // a high surrogate followed by a low one is one code point
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

function plural(n: number, word: 'character' | 'item' | 'property'): string {
  if (n === 1) return `1 ${word}`;
  return `${n} ${word === 'property' ? 'properties' : word + 's'}`;
}

function checkString(node: SchemaNode, value: string, ctx: Context): void {
  const { minLength, maxLength } = node;
  // the code point count lies between half the UTF-16 length and the UTF-16 length: count only when it matters
  if ((maxLength !== undefined && value.length > maxLength) || (minLength !== undefined && value.length < 2 * minLength)) {
    const length = codePoints(value);
    if (minLength !== undefined && length < minLength) report(ctx, 'minLength', `must be at least ${plural(minLength, 'character')}`);
    if (maxLength !== undefined && length > maxLength) report(ctx, 'maxLength', `must be at most ${plural(maxLength, 'character')}`);
  }
  if (node.regex && !node.regex.test(value)) report(ctx, 'pattern', `does not match pattern ${node.pattern ?? ''}`);
}

/** Inclusive ranges of the integer formats; int64 is checked loosely, as doubles lose precision past 2^53. */
const INTEGER_FORMATS: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

function checkNumber(node: SchemaNode, value: number | bigint, ctx: Context): void {
  const n = Number(value);
  const { minimum, maximum } = node;
  if (minimum && (minimum.exclusive ? !(n > minimum.value) : !(n >= minimum.value))) {
    report(ctx, 'minimum', `must be ${minimum.exclusive ? '>' : '>='} ${minimum.value}`);
  }
  if (maximum && (maximum.exclusive ? !(n < maximum.value) : !(n <= maximum.value))) {
    report(ctx, 'maximum', `must be ${maximum.exclusive ? '<' : '<='} ${maximum.value}`);
  }
  const range = node.format === undefined ? undefined : INTEGER_FORMATS[node.format];
  if (range) {
    const outside = typeof value === 'bigint' ? value < range[0] || value > range[1] : n < Number(range[0]) || n > Number(range[1]);
    if (outside) report(ctx, 'format', `must fit in ${node.format}`);
  }
}

function checkArray(node: SchemaNode, value: unknown[], ctx: Context, structural: boolean): void {
  if (node.minItems !== undefined && value.length < node.minItems) report(ctx, 'minItems', `must have at least ${plural(node.minItems, 'item')}`);
  if (node.maxItems !== undefined && value.length > node.maxItems) report(ctx, 'maxItems', `must have at most ${plural(node.maxItems, 'item')}`);
  if (node.items) {
    for (let i = 0; i < value.length; i++) {
      ctx.path.push(i);
      validate(node.items, value[i], ctx, structural);
      ctx.path.pop();
    }
  }
  if (node.listType === 'set' || (node.listType === 'map' && node.listMapKeys.length > 0)) checkListUniqueness(node, value, ctx);
}

function checkListUniqueness(node: SchemaNode, value: unknown[], ctx: Context): void {
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (node.listType === 'set') {
      const key = canonical(item);
      if (seen.has(key)) report(ctx, 'x-kubernetes-list-type', `duplicate value ${showValue(item)}`, i);
      seen.add(key);
    } else if (isRecord(item)) {
      const key = canonical(node.listMapKeys.map((k) => item[k]));
      if (seen.has(key)) {
        const shown = node.listMapKeys.map((k) => `${k}=${showValue(item[k])}`).join(', ');
        report(ctx, 'x-kubernetes-list-type', `duplicate entry with ${shown}`, i);
      }
      seen.add(key);
    }
  }
}

/** A key present with `null` and a non-nullable schema is pruned by the API server (or defaulted). */
function pruned(child: SchemaNode, value: unknown): boolean {
  return (value === null || value === undefined) && !child.nullable;
}

function checkObject(node: SchemaNode, value: Record<string, unknown>, ctx: Context, structural: boolean, resourceKeys: boolean): void {
  const properties = node.properties;
  for (const key of node.required) {
    const child = properties?.get(key) ?? PERMISSIVE;
    if ((!Object.prototype.hasOwnProperty.call(value, key) || pruned(child, value[key])) && !child.hasDefault) report(ctx, 'required', 'is required', key);
  }
  const embedded = structural && node.embedded;
  if (embedded) checkEmbedded(value, ctx);
  const additional = node.additional;
  const closed = structural && ctx.reject && !node.preserveUnknown && (additional === false || (additional === undefined && node.closedObject));
  let count = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    count++;
    const child = value[key];
    const property = properties?.get(key);
    if ((resourceKeys || embedded) && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    if (property) {
      if (pruned(property, child)) continue;
      ctx.path.push(key);
      validate(property, child, ctx, structural);
      ctx.path.pop();
    } else if (typeof additional === 'object') {
      if (pruned(additional, child)) continue;
      ctx.path.push(key);
      validate(additional, child, ctx, structural);
      ctx.path.pop();
    } else if (closed) {
      report(ctx, 'unknown-field', `unknown field ${JSON.stringify(key)}`, key);
    }
  }
  if (node.minProperties !== undefined && count < node.minProperties) report(ctx, 'minProperties', `must have at least ${plural(node.minProperties, 'property')}`);
  if (node.maxProperties !== undefined && count > node.maxProperties) report(ctx, 'maxProperties', `must have at most ${plural(node.maxProperties, 'property')}`);
}

function checkJunctors(node: SchemaNode, value: unknown, ctx: Context): void {
  for (const sub of node.allOf) validate(sub, value, ctx, false);
  if (node.anyOf.length > 0) {
    const failures: SchemaViolation[][] = [];
    for (const sub of node.anyOf) {
      const found = trial(sub, value, ctx);
      if (found.length === 0) break;
      failures.push(found);
    }
    if (failures.length === node.anyOf.length) report(ctx, 'anyOf', 'must match at least one anyOf schema' + summary(failures, ctx.path.length));
  }
  if (node.oneOf.length > 0) {
    const failures: SchemaViolation[][] = [];
    let matches = 0;
    for (const sub of node.oneOf) {
      const found = trial(sub, value, ctx);
      if (found.length === 0) matches++;
      else failures.push(found);
    }
    if (matches === 0) report(ctx, 'oneOf', 'must match exactly one oneOf schema' + summary(failures, ctx.path.length));
    else if (matches > 1) report(ctx, 'oneOf', `must match exactly one oneOf schema, but matches ${matches}`);
  }
  if (node.not && trial(node.not, value, ctx).length === 0) report(ctx, 'not', 'must not match the "not" schema');
}

/** Validates against a sub-schema into a scratch list, keeping the current path. */
function trial(node: SchemaNode, value: unknown, ctx: Context): SchemaViolation[] {
  const scratch: Context = { out: [], path: ctx.path, reject: ctx.reject, cel: undefined, depth: ctx.depth };
  validate(node, value, scratch, false);
  return scratch.out;
}

/** The first violation of each failed branch, relative to the junctor's path. */
function summary(failures: SchemaViolation[][], base: number): string {
  const messages = new Set<string>();
  for (const found of failures) {
    const first = found[0];
    if (!first) continue;
    const where = first.path.slice(base).join('.');
    messages.add(where ? `${where} ${first.message}` : first.message);
  }
  return messages.size > 0 ? ` (${[...messages].join('; ')})` : '';
}

function evaluateCel(node: SchemaNode, value: unknown, ctx: Context): void {
  const evaluator = ctx.cel;
  if (!evaluator) return;
  for (const rule of node.cel) {
    const concrete: CelRule = { ...rule, path: ctx.path.slice() };
    const result = evaluator(concrete, value);
    if (result === true || result === undefined) continue;
    const message = typeof result === 'string' ? result : (rule.message ?? `failed rule: ${rule.rule}`);
    const path = concrete.path.slice();
    // a simple fieldPath like .spec.foo narrows the location, as the API server does
    if (rule.fieldPath && /^(\.[A-Za-z_][A-Za-z0-9_-]*)+$/.test(rule.fieldPath)) path.push(...rule.fieldPath.slice(1).split('.'));
    ctx.out.push({ path, message, keyword: 'x-kubernetes-validations' });
  }
}

const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function validateResource(node: SchemaNode, value: unknown, ctx: Context): void {
  if (!isRecord(value)) {
    report(ctx, 'type', 'must be an object');
    return;
  }
  for (const key of ['apiVersion', 'kind'] as const) {
    if (typeof value[key] !== 'string' || value[key] === '') report(ctx, key in value ? 'type' : 'required', key in value ? 'must be a non-empty string' : 'is required', key);
  }
  checkObjectMeta(value.metadata, ctx, true, node.properties?.get('metadata'));
  ctx.depth++;
  checkObject(node, value, ctx, true, true);
  if (node.enumValues && !enumHas(node, value)) report(ctx, 'enum', node.enumMessage);
  if (node.allOf.length > 0 || node.anyOf.length > 0 || node.oneOf.length > 0 || node.not) checkJunctors(node, value, ctx);
  if (ctx.cel && node.cel.length > 0) evaluateCel(node, value, ctx);
  ctx.depth--;
}

function checkEmbedded(value: Record<string, unknown>, ctx: Context): void {
  for (const key of ['apiVersion', 'kind'] as const) {
    if (!(key in value) || value[key] === null) report(ctx, 'x-kubernetes-embedded-resource', 'is required', key);
    else if (typeof value[key] !== 'string' || value[key] === '') report(ctx, 'x-kubernetes-embedded-resource', 'must be a non-empty string', key);
  }
  if ('metadata' in value && value.metadata !== null) checkObjectMeta(value.metadata, ctx, false, undefined);
}

function checkObjectMeta(meta: unknown, ctx: Context, nameRequired: boolean, schema: SchemaNode | undefined): void {
  ctx.path.push('metadata');
  if (meta === undefined || meta === null) {
    if (nameRequired) report(ctx, 'required', 'is required');
    ctx.path.pop();
    return;
  }
  if (!isRecord(meta)) {
    report(ctx, 'type', 'must be an object');
    ctx.path.pop();
    return;
  }
  if (nameRequired && (meta.name === undefined || meta.name === null)) report(ctx, 'required', 'is required', 'name');
  for (const key of Object.keys(meta)) {
    const field = meta[key];
    if (!OBJECT_META_FIELDS.has(key)) {
      if (ctx.reject) report(ctx, 'unknown-field', `unknown field ${JSON.stringify(key)}`, key);
      continue;
    }
    if (field === null || field === undefined) continue;
    switch (key) {
      case 'name':
      case 'generateName':
      case 'namespace': {
        if (typeof field !== 'string') {
          report(ctx, 'type', 'must be a string', key);
          break;
        }
        if (key === 'name' && !(field.length <= 253 && DNS_SUBDOMAIN.test(field))) {
          report(ctx, 'metadata', 'must be a lowercase rfc 1123 subdomain (a-z, 0-9, "-", "."; at most 253 characters)', key);
        }
        if (key === 'namespace' && !(field.length <= 63 && DNS_LABEL.test(field))) {
          report(ctx, 'metadata', 'must be a lowercase rfc 1123 label (a-z, 0-9, "-"; at most 63 characters)', key);
        }
        // the API server only honours schema restrictions on name and generateName
        const restriction = key === 'namespace' ? undefined : schema?.properties?.get(key);
        if (restriction) {
          ctx.path.push(key);
          validate(restriction, field, ctx, false);
          ctx.path.pop();
        }
        break;
      }
      case 'labels':
      case 'annotations':
        ctx.path.push(key);
        if (!isRecord(field)) report(ctx, 'type', 'must be an object');
        else for (const [k, v] of Object.entries(field)) if (typeof v !== 'string') report(ctx, 'type', 'must be a string', k);
        ctx.path.pop();
        break;
      case 'finalizers':
        ctx.path.push(key);
        if (!Array.isArray(field)) report(ctx, 'type', 'must be an array');
        else field.forEach((v, i) => typeof v !== 'string' && report(ctx, 'type', 'must be a string', i));
        ctx.path.pop();
        break;
      default:
        break;
    }
  }
  ctx.path.pop();
}

function isObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function enumHas(node: SchemaNode, value: unknown): boolean {
  if (!isObjectLike(value)) return node.enumPrimitives?.has(value) ?? false;
  return node.enumCanonical?.has(canonical(value)) ?? false;
}

/** A stable text form for deep equality (object keys sorted); cycles become a marker, never a throw. */
function canonical(value: unknown, ancestors: Set<unknown> = new Set()): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (ancestors.has(value)) return '<cycle>';
  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) text = '[' + value.map((v) => canonical(v, ancestors)).join(',') + ']';
  else {
    const record = value as Record<string, unknown>;
    text = '{' + Object.keys(record).sort().map((k) => JSON.stringify(k) + ':' + canonical(record[k], ancestors)).join(',') + '}';
  }
  ancestors.delete(value);
  return text;
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  const text = canonical(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Rewrites the RE2-only constructs a JavaScript RegExp lacks; undefined for unsupported ones. */
function translateRe2(pattern: string): { source: string; flags: string } | undefined {
  let flags = '';
  let rest = pattern;
  const leading = /^\(\?([imsU]+)\)/.exec(rest);
  if (leading) {
    const letters = leading[1] ?? '';
    if (letters.includes('U')) return undefined;
    flags = [...new Set(letters)].join('');
    rest = rest.slice(leading[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\') {
      const next = rest[i + 1] ?? '';
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if ((next === 'p' || next === 'P') && /[A-Za-z]/.test(rest[i + 2] ?? '')) {
        out += `\\${next}{${rest[i + 2]}}`;
        i++;
      } else out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(rest.slice(i));
      if (posix) {
        const body = POSIX_CLASSES[posix[2] ?? ''];
        if (body === undefined || posix[1]) return undefined;
        out += body;
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // a ']' right after '[' or '[^' is a literal in RE2
      if (rest[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (rest[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && rest.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    out += c;
  }
  return { source: out, flags };
}
