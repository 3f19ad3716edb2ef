import type { Rule } from './engine';
import { duplicateKeyRule, removedApiVersionRule, yamlSyntaxRule } from './rules/core';
import { crdSchemaRule, fluxSchemaRule, unresolvedSourceRule } from './rules/flux-schema';
import { unknownValuesKeyRule } from './rules/values-keys';
import { alloyContentRule } from './rules/alloy-content';
import { wiringRules } from './rules/wiring';

/** Every rule `bramble check` runs by default, in reporting order. */
export const defaultRules: readonly Rule[] = [
  yamlSyntaxRule,
  duplicateKeyRule,
  removedApiVersionRule,
  fluxSchemaRule,
  crdSchemaRule,
  unresolvedSourceRule,
  unknownValuesKeyRule,
  alloyContentRule,
  ...wiringRules,
];
