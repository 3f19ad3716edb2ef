/**
 * The Alloy component catalog: typed schemas of the components bramble emits and validates (their
 * arguments, blocks, exports and cross-field rules), and of the config and service blocks.
 * Pure data plus small rule functions; `src/alloy/validate` applies it to parsed configs.
 */
import { logComponents, remoteHttp } from './logs';
import { otelcolComponents } from './otelcol';
import type { ComponentSchema, ValueType } from './schema';

export type {
  AttributeSchema,
  BlockPatternSchema,
  BlockSchema,
  BodySchema,
  ComponentRole,
  ComponentSchema,
  ExportSchema,
  Rule,
  RuleContext,
  RuleFinding,
  RuleValue,
  Signal,
  ValueType,
} from './schema';
export { CONFIG_BLOCK_NAMES, SERVICE_BLOCK_NAMES, configBlockSchemas } from './config-blocks';
export { BATCH_DEFAULTS, TAIL_SAMPLING_POLICY_TYPES } from './otelcol';
export { parseBase2Bytes, parseGoDuration, type Parsed } from './units';

/** Every catalogued component, by name. */
export const componentCatalog: ReadonlyMap<string, ComponentSchema> = new Map(
  [...otelcolComponents, ...logComponents, remoteHttp].map((c) => [c.name, c]),
);

/** The schema of a component, or undefined when the catalog does not model it. */
export function getComponentSchema(name: string): ComponentSchema | undefined {
  return componentCatalog.get(name);
}

/** Renders a value type the way Alloy's documentation writes it: `list(map(string))`. */
export function describeType(type: ValueType): string {
  switch (type.kind) {
    case 'list':
      return `list(${describeType(type.element)})`;
    case 'map':
      return `map(${describeType(type.value)})`;
    case 'capsule':
      return type.capsule;
    case 'target':
      return 'map(string)';
    default:
      return type.kind;
  }
}
