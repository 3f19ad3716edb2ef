import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { TreeFile } from '../../src/diff';
import { repoRoot } from '../support/paths';

const gitopsDir = join(repoRoot, 'gitops');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/** The committed tree under gitops/, bramble's manifest included (diff must ignore it). */
export function committedTree(): TreeFile[] {
  return listFiles(gitopsDir).map((p) => ({ path: relative(gitopsDir, p).split(sep).join('/'), content: readFileSync(p, 'utf8') }));
}

/** The text of `path` in `tree`. */
export function fileText(tree: readonly TreeFile[], path: string): string {
  const f = tree.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in the tree`);
  return f.content;
}

/**
 * `tree` with `search` replaced by `replacement` in the file at `path`; throws when `search` is not
 * there, so a test cannot pass because its edit silently did nothing.
 */
export function edit(tree: readonly TreeFile[], path: string, search: string | RegExp, replacement: string): TreeFile[] {
  const before = fileText(tree, path);
  const after = before.replace(search, replacement);
  if (after === before) throw new Error(`${String(search)} not found in ${path}`);
  return tree.map((f) => (f.path === path ? { path, content: after } : f));
}

/** `tree` with a file added (or replaced). */
export function withFile(tree: readonly TreeFile[], path: string, content: string): TreeFile[] {
  return [...tree.filter((f) => f.path !== path), { path, content }];
}

/** `tree` without the file at `path`; throws when it is not there. */
export function without(tree: readonly TreeFile[], path: string): TreeFile[] {
  fileText(tree, path);
  return tree.filter((f) => f.path !== path);
}

export const tempoRelease = 'infrastructure/tempo/helm-release.yaml';
export const alloyRelease = 'infrastructure/alloy/helm-release.yaml';
export const tempoRepository = 'infrastructure/tempo/helm-repository.yaml';
export const datasource = 'infrastructure/tempo/grafana-datasource.yaml';
