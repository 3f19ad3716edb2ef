import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reference } from '../../support/paths';

/** Reads a text file under `reference/alloy-syntax/`. */
export function readReference(...parts: string[]): string {
  return readFileSync(reference('alloy-syntax', ...parts), 'utf8');
}

/** Reads and parses a JSON file under `reference/alloy-syntax/`. */
export function readReferenceJson<T>(...parts: string[]): T {
  return JSON.parse(readReference(...parts)) as T;
}

/** Files under `reference/alloy-syntax/<dir>` (recursively) whose names end with `suffix`, as paths relative to that folder. */
export function listReference(dir: string, suffix: string): string[] {
  const root = reference('alloy-syntax', dir);
  const found: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, relPath)).isDirectory()) walk(relPath);
      else if (name.endsWith(suffix)) found.push(relPath);
    }
  };
  walk('');
  return found;
}
