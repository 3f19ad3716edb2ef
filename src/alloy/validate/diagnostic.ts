import type { Position } from '../syntax';

/** How bad a finding is. Errors make `alloy validate` (and Alloy at startup) fail. */
export type AlloySeverity = 'error' | 'warning';

/**
 * The stable codes the validator emits. Messages follow Alloy's wording where Alloy has one; codes
 * are bramble's and do not change when a message is reworded.
 */
export const ALLOY_DIAGNOSTIC_CODES = {
  /** A scanner or parser error (validateAlloySource only). */
  syntax: 'alloy-syntax',
  /** An attribute where only blocks may appear (top level, module body, foreach template). */
  topLevelAttribute: 'alloy-top-level-attribute',
  /** Two top-level blocks with the same id (components, declares, config and service blocks). */
  duplicateComponent: 'alloy-duplicate-component',
  /** A component, declare, import, argument, export or foreach block without a label. */
  missingLabel: 'alloy-missing-label',
  /** A component name that is neither built in nor declared/imported in scope (custom components only). */
  unknownComponent: 'alloy-unknown-component',
  /** A block used where Alloy does not allow it (`logging` in a module, `argument` at the root, …). */
  notAllowed: 'alloy-not-allowed',
  unknownArgument: 'alloy-unknown-argument',
  unknownBlock: 'alloy-unknown-block',
  missingArgument: 'alloy-missing-argument',
  missingBlock: 'alloy-missing-block',
  duplicateAttribute: 'alloy-duplicate-attribute',
  /** A non-repeatable block given more than once. */
  repeatedBlock: 'alloy-repeated-block',
  /** An attribute used as a block or a block used as an attribute. */
  wrongKind: 'alloy-wrong-kind',
  /** A label on a nested block that takes none. */
  unexpectedLabel: 'alloy-unexpected-label',
  /** A literal of the wrong type (`expected string, got bool`). */
  type: 'alloy-type',
  invalidDuration: 'alloy-invalid-duration',
  invalidBytes: 'alloy-invalid-bytes',
  /** A value outside the allowed set or range. */
  invalidValue: 'alloy-invalid-value',
  /** A reference whose component does not exist in scope. */
  unknownReference: 'alloy-unknown-reference',
  /** A reference to an export the (catalogued or declared) component does not have. */
  unknownExport: 'alloy-unknown-export',
  /** Warning: a component id starts with a stdlib name and shadows it. */
  stdlibShadowed: 'alloy-stdlib-shadowed',
  /** Warning: a deprecated stdlib global (`env`, `concat`, …). */
  stdlibDeprecated: 'alloy-stdlib-deprecated',
  /** Components referencing each other in a cycle, or one referencing itself. */
  cycle: 'alloy-cycle',
  /** Warning: a receiver/processor/connector output that forwards a signal nowhere. */
  danglingOutput: 'alloy-dangling-output',
  /** `{{` in content bound for the Alloy Helm chart (which runs `tpl` on it). */
  helmTemplate: 'alloy-helm-template',
  /** Cross-field rules. */
  batchSize: 'alloy-batch-size',
  memoryLimiter: 'alloy-memory-limiter',
  spanmetricsHistogram: 'alloy-spanmetrics-histogram',
  tlsConflict: 'alloy-tls-conflict',
} as const;

/** One validation finding. */
export interface AlloyDiagnostic {
  /** A stable kebab-case id, such as `alloy-duplicate-component` (see {@link ALLOY_DIAGNOSTIC_CODES}). */
  readonly code: string;
  readonly severity: AlloySeverity;
  /** The message, worded as Alloy words it where Alloy has one. */
  readonly message: string;
  /** Where the problem starts (1-based line, byte column, as Alloy reports it). */
  readonly start: Position;
  /** Where the offending range ends (exclusive); absent for a single position. */
  readonly end?: Position;
  /** The file, when the validator was given file names. */
  readonly filename?: string;
}
