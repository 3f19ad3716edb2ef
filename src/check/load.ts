import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseYaml, type YamlSource } from './source';

/** What `loadTree` read, and what it passed over on purpose. */
export interface LoadResult {
  readonly sources: YamlSource[];
  /** Files skipped, with why: Helm chart templates and Go templates (on purpose), unreadable files. */
  readonly skipped: { readonly path: string; readonly reason: string; readonly unreadable?: boolean }[];
  /** Paths given that do not exist. */
  readonly missing: string[];
}

/** Options of {@link loadTree}. */
export interface LoadOptions {
  /** Glob patterns (gitignore-like: `*`, `**`, `?`, a trailing `/` for folders) of paths to skip. */
  readonly ignore?: readonly string[];
}

/** The ignore file read from the working directory, one pattern per line, `#` for comments. */
export const ignoreFileName = '.brambleignore';

/** Turns a gitignore-like pattern into a RegExp over `/`-separated paths relative to the working directory. */
export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/\\/g, '/');
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  p = p.replace(/^\//, '');
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/$/, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      re += p[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += p[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}${dirOnly ? '/' : '(?:/|$)'}`);
}

/** Reads the ignore patterns of `.brambleignore` in `cwd`, if there is one. */
export function readIgnoreFile(cwd: string): string[] {
  const file = join(cwd, ignoreFileName);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** True when `dir` is a chart's `templates/` folder (a Chart.yaml beside it, or above it). */
function isChartTemplates(file: string, root: string): boolean {
  let dir = dirname(file);
  while (dir.startsWith(root) && dir !== dirname(dir)) {
    if (basename(dir) === 'templates' && existsSync(join(dirname(dir), 'Chart.yaml'))) return true;
    dir = dirname(dir);
  }
  return false;
}

// Go template actions outside quotes: `{{ .Values.x }}`, `{{- if ... }}`.
const goTemplateAction = /^[^#"']*\{\{-?\s*[.$a-z/]/m;

/**
 * Loads every `.yaml`/`.yml` file under `paths` (files or folders; hidden folders, node_modules
 * and ignored paths excluded), skipping Helm chart templates (a `templates/` folder beside a
 * Chart.yaml) and files that are Go templates rather than YAML.
 */
export function loadTree(paths: readonly string[], cwd: string, options: LoadOptions = {}): LoadResult {
  const ignore = (options.ignore ?? []).map(globToRegExp);
  const shown = (abs: string) => relative(cwd, abs).split(sep).join('/') || '.';
  const isIgnored = (abs: string, dir: boolean) => {
    const rel = shown(abs) + (dir ? '/' : '');
    return ignore.some((re) => re.test(rel));
  };
  const sources: YamlSource[] = [];
  const skipped: { path: string; reason: string; unreadable?: boolean }[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();

  const visitFile = (abs: string, root: string) => {
    if (seen.has(abs) || isIgnored(abs, false)) return;
    seen.add(abs);
    if (isChartTemplates(abs, root)) {
      skipped.push({ path: shown(abs), reason: 'Helm chart template' });
      return;
    }
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      skipped.push({ path: shown(abs), reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})`, unreadable: true });
      return;
    }
    const source = parseYaml(shown(abs), text);
    if (source.documents.some((d) => d.errors.length) && goTemplateAction.test(text)) {
      skipped.push({ path: shown(abs), reason: 'Go template, not YAML' });
      return;
    }
    sources.push(source);
  };
  const visitDir = (abs: string, root: string) => {
    if (isIgnored(abs, true)) return;
    for (const name of readdirSync(abs).sort()) {
      const child = join(abs, name);
      let stat;
      try {
        stat = statSync(child);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        visitDir(child, root);
      } else if (/\.ya?ml$/i.test(name)) {
        visitFile(child, root);
      }
    }
  };

  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) {
      missing.push(p);
      continue;
    }
    if (statSync(abs).isDirectory()) visitDir(abs, abs);
    else visitFile(abs, dirname(abs));
  }
  return { sources, skipped, missing };
}
