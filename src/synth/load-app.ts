import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { App } from 'cdk8s';
import type { Diagnostic } from '../check/diagnostic';

/** What a stack module exports: a function that adds the stack to the app. */
export type StackDefinition = (app: App) => void;

/** The app, or the diagnostics that kept it from loading. */
export type LoadResult = { app: App; diagnostics?: undefined } | { app?: undefined; diagnostics: Diagnostic[] };

/** The entry files tried, in order, when none is given. */
export const defaultEntries = ['charts/main.ts', 'charts/index.ts', 'charts/main.js'];

let hookInstalled = false;

// bramble's compiled code: frames in it are ours, not the user's.
const libraryRoot = join(__dirname, '..', '..') + sep;

/**
 * Lets `require` load TypeScript: type annotations are stripped with sucrase (no type-check, as
 * tsx and ts-node --transpile-only do; `tsc --noEmit` checks types in CI). In-process, so synth
 * costs no child process and no second Node start.
 */
function installTypeScriptHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeModule, f: string) => void> })._extensions;
  extensions['.ts'] = (module, filename) => {
    const { transform } = require('sucrase') as typeof import('sucrase');
    const source = readFileSync(filename, 'utf8');
    let code: string;
    try {
      code = transform(source, { transforms: ['typescript', 'imports'], filePath: filename, production: true }).code;
    } catch (e) {
      // sucrase ends a syntax error's message with "(line:column)", column 0-based.
      const text = (e instanceof Error ? e.message : String(e)).replace(/^Error transforming .*?: /, '');
      const m = /^(.*?)\s*\((\d+):(\d+)\)\s*$/s.exec(text);
      throw Object.assign(new SyntaxError(m ? m[1] : text), {
        brambleLocation: { filename, line: m ? Number(m[2]) : undefined, column: m ? Number(m[3]) + 1 : undefined },
      });
    }
    (module as unknown as { _compile(code: string, filename: string): void })._compile(code, filename);
  };
}

/** The stack entry: `explicit` if given, else the first of {@link defaultEntries} that exists. */
export function findEntry(cwd: string, explicit?: string): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  return defaultEntries.map((e) => resolve(cwd, e)).find((p) => existsSync(p));
}

/**
 * Loads the stack module at `entry` and runs its default export on a new cdk8s App. A mistake in
 * the user's code (a syntax error, a throw) comes back as a diagnostic at the user's line.
 */
export function loadApp(entry: string, cwd: string, outdir?: string): LoadResult {
  const file = relative(cwd, entry) || entry;
  if (!existsSync(entry)) {
    return { diagnostics: [{ ruleId: 'app-load', severity: 'error', message: `stack entry ${file} does not exist`, hint: 'create charts/main.ts or pass --app FILE', file }] };
  }
  installTypeScriptHook();
  let definition: unknown;
  try {
    const exported = require(entry) as { default?: unknown };
    definition = exported.default ?? exported;
  } catch (e) {
    return { diagnostics: [userCodeDiagnostic(e, cwd, file, 'loading')] };
  }
  if (typeof definition !== 'function') {
    return {
      diagnostics: [{
        ruleId: 'app-load',
        severity: 'error',
        message: `${file} must export a default function (app: App) => void that adds the stack`,
        hint: 'export default function (app: App) { new TracingStack(app, "bramble", { ... }); }',
        file,
      }],
    };
  }
  const app = new App({ outdir: resolve(cwd, outdir ?? 'cdk8s.out') });
  try {
    (definition as StackDefinition)(app);
  } catch (e) {
    return { diagnostics: [userCodeDiagnostic(e, cwd, file, 'running')] };
  }
  return { app };
}

/** A diagnostic for an exception from the user's code, at the innermost frame in the user's files. */
export function userCodeDiagnostic(e: unknown, cwd: string, entryFile: string, phase: string): Diagnostic {
  const err = e instanceof Error ? e : new Error(String(e));
  const syntax = (err as { brambleLocation?: { filename: string; line?: number; column?: number } }).brambleLocation;
  const frame = (err.stack ?? '')
    .split('\n')
    .map((l) => /\(?((?:\/|[A-Za-z]:\\)[^():]+):(\d+):(\d+)\)?\s*$/.exec(l))
    .find((m) => m && !m[1]!.includes(`${sep}node_modules${sep}`) && !m[1]!.startsWith(libraryRoot));
  const where = syntax
    ? {
        file: relative(cwd, syntax.filename),
        ...(syntax.line !== undefined ? { line: syntax.line } : {}),
        ...(syntax.column !== undefined ? { column: syntax.column } : {}),
      }
    : frame
      ? { file: relative(cwd, frame[1]!), line: Number(frame[2]), column: Number(frame[3]) }
      : { file: entryFile };
  return {
    ruleId: 'app-load',
    severity: 'error',
    message: `${phase} the stack failed: ${err.message}`,
    ...where,
  };
}
