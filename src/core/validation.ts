import type { Construct, IConstruct } from 'constructs';
import type { Diagnostic, Severity } from '../check/diagnostic';
import { rules, type RuleId } from '../check/rules';

/** A problem a construct finds in its own props or wiring; becomes a {@link Diagnostic} at synth. */
export interface Finding {
  readonly ruleId: RuleId;
  readonly message: string;
  readonly hint?: string;
  /** @default the rule's severity */
  readonly severity?: Severity;
  /**
   * Where the offending value lands in the output, so the diagnostic can point at a line:
   * the object that renders it and the key path inside that object.
   */
  readonly at?: {
    readonly object: IConstruct;
    readonly path: readonly (string | number)[];
    /**
     * When the value at `path` is embedded text (a provisioning file, an Alloy config), finds the
     * offending spot inside that text (1-based line and column), so the diagnostic points there.
     */
    readonly inner?: (text: string) => { readonly line: number; readonly column: number } | undefined;
  };
}

/** A construct rule: returns findings, never throws for user mistakes. */
export type ConstructRule = () => readonly Finding[];

const constructRules = new WeakMap<IConstruct, ConstructRule[]>();

/**
 * Registers a rule that runs at synth, after the whole tree exists (so it may look at other
 * constructs). It is also registered with `node.addValidation`, so `cdk8s synth` fails on the same
 * errors, prefixed with the construct path as cdk8s does.
 */
export function addRule(scope: Construct, rule: ConstructRule): void {
  const list = constructRules.get(scope) ?? [];
  list.push(rule);
  constructRules.set(scope, list);
  scope.node.addValidation({
    validate: () =>
      rule()
        .filter((f) => (f.severity ?? rules[f.ruleId].severity) === 'error')
        .map((f) => `${f.ruleId}: ${f.message}`),
  });
}

/** A finding, resolved: the construct that raised it and its severity. */
export interface RaisedFinding extends Finding {
  readonly severity: Severity;
  readonly constructPath: string;
}

/** Runs every rule registered under `root`, in tree order. */
export function runRules(root: IConstruct): RaisedFinding[] {
  const out: RaisedFinding[] = [];
  for (const c of root.node.findAll()) {
    for (const rule of constructRules.get(c) ?? []) {
      for (const f of rule()) {
        out.push({ ...f, severity: f.severity ?? rules[f.ruleId].severity, constructPath: c.node.path });
      }
    }
  }
  return out;
}

/** A finding as a diagnostic with no file position yet. */
export function findingToDiagnostic(f: RaisedFinding, file?: string, line?: number, column?: number): Diagnostic {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: `[${f.constructPath}] ${f.message}`,
    ...(f.hint !== undefined ? { hint: f.hint } : {}),
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
    constructPath: f.constructPath,
  };
}
