import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
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
 * Where transpiled stack files are cached: `node_modules/.cache/bramble` of the working directory
 * (the convention babel and eslint follow), or nowhere when there is no node_modules.
 */
function cacheDir(cwd: string): string | undefined {
  const modules = join(cwd, 'node_modules');
  return existsSync(modules) ? join(modules, '.cache', 'bramble', 'ts') : undefined;
}

let transformVersion: string | undefined;
/** sucrase's version and our options: part of every cache key, so an upgrade invalidates the cache. */
function cacheSalt(): string {
  transformVersion ??= (JSON.parse(readFileSync(require.resolve('sucrase/package.json'), 'utf8')) as { version: string }).version;
  return `sucrase ${transformVersion} typescript,imports production v1`;
}

/** TypeScript source to CommonJS, from the cache when this exact source was transpiled before. */
function transpile(source: string, filename: string, cache: string | undefined): string {
  const key = cache ? join(cache, createHash('sha256').update(cacheSalt()).update('\0').update(filename).update('\0').update(source).digest('hex') + '.js') : undefined;
  if (key) {
    try {
      return readFileSync(key, 'utf8');
    } catch {
      // not cached yet
    }
  }
  const { transform } = require('sucrase') as typeof import('sucrase');
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
  if (key) {
    try {
      mkdirSync(dirname(key), { recursive: true });
      // Write then rename, so a concurrent synth never reads half a file.
      const tmp = `${key}.${process.pid}.tmp`;
      writeFileSync(tmp, code);
      renameSync(tmp, key);
    } catch {
      // A read-only node_modules only costs the cache.
    }
  }
  return code;
}

/**
 * Lets `require` load TypeScript: type annotations are stripped with sucrase (no type-check, as
 * tsx and ts-node --transpile-only do; `tsc --noEmit` checks types in CI). In-process, so synth
 * costs no child process and no second Node start. Transpiled files are cached by content.
 */
/** The library entry the running CLI belongs to. */
const libraryEntry = join(__dirname, '..', 'index.js');

function installTypeScriptHook(cwd: string): void {
  if (hookInstalled) return;
  hookInstalled = true;
  // `import ... from 'bramble'` in a stack means the bramble that is running it: the same classes
  // the synthesizer checks with instanceof, and a stack checked out outside any node_modules (a
  // base revision for `bramble diff`, a scratch copy) still finds it.
  const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolveFilename = resolver._resolveFilename;
  resolver._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === 'bramble' ? libraryEntry : resolveFilename.call(this, request, ...rest);
  };
  const cache = cacheDir(cwd);
  const extensions = (Module as unknown as { _extensions: Record<string, (m: NodeModule, f: string) => void> })._extensions;
  extensions['.ts'] = (module, filename) => {
    const code = transpile(readFileSync(filename, 'utf8'), filename, cache);
    (module as unknown as { _compile(code: string, filename: string): void })._compile(code, filename);
  };
}

/** The stack entry: `explicit` if given, else the first of {@link defaultEntries} that exists. */
export function findEntry(cwd: string, explicit?: string): string | undefined {
  if (explicit) return resolve(cwd, explicit);
  return defaultEntries.map((e) => resolve(cwd, e)).find((p) => existsSync(p));
}

/**
 * The nearest folder above `cwd` (not `cwd` itself) that holds one of `paths` (relative paths such
 * as {@link defaultEntries}), for a hint when bramble runs in a subfolder of the project.
 */
export function projectFolderAbove(cwd: string, paths: readonly string[]): string | undefined {
  for (let dir = dirname(resolve(cwd)); ; dir = dirname(dir)) {
    if (paths.some((p) => existsSync(join(dir, p)))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads the stack module at `entry` and runs its default export on a new cdk8s App. A mistake in
 * the user's code (a syntax error, a throw) comes back as a diagnostic at the user's line.
 */
export function loadApp(entry: string, cwd: string, outdir?: string): LoadResult {
  const file = relative(cwd, entry) || entry;
  if (!existsSync(entry)) {
    return { diagnostics: [{ ruleId: 'app-load', severity: 'error', message: `stack entry ${file} does not exist`, hint: 'check the path given with --app: it is read relative to the folder bramble runs in', file }] };
  }
  installTypeScriptHook(cwd);
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
