import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import type { FlowGraph, TreeFile } from '../../src/graph';
import { repoRoot } from '../support/paths';

/** Every file under `root`, as `flowGraph` takes them (paths relative to `root`, `/`-separated). */
export function readTree(root: string): TreeFile[] {
  const files: TreeFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path: relative(root, path).split(sep).join('/'), content: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}

/** The committed gitops/ tree of the default stack. */
export const committedTree = (): TreeFile[] => readTree(join(repoRoot, 'gitops'));

export const alloyRelease = 'infrastructure/alloy/helm-release.yaml';
export const tempoRelease = 'infrastructure/tempo/helm-release.yaml';
export const datasourceFile = 'infrastructure/tempo/grafana-datasource.yaml';

/** `files` with the YAML file at `path` edited as a document. */
export function editYaml(files: readonly TreeFile[], path: string, edit: (doc: Document) => void): TreeFile[] {
  if (!files.some((f) => f.path === path)) throw new Error(`no ${path} in the tree`);
  return files.map((f) => {
    if (f.path !== path) return f;
    const doc = parseDocument(f.content);
    edit(doc);
    return { path: f.path, content: doc.toString() };
  });
}

const configPath = ['spec', 'values', 'alloy', 'configMap', 'content'];

/** `files` with the Alloy config of the default stack's release rewritten by `edit`. */
export function editAlloyConfig(files: readonly TreeFile[], edit: (config: string) => string): TreeFile[] {
  return editYaml(files, alloyRelease, (doc) => {
    const config = doc.getIn(configPath);
    if (typeof config !== 'string') throw new Error('no Alloy config in the default tree');
    const edited = edit(config);
    if (edited === config) throw new Error('the edit changed nothing');
    doc.setIn(configPath, edited);
  });
}

/** `files` plus one more. */
export const withFile = (files: readonly TreeFile[], path: string, content: string): TreeFile[] => [...files, { path, content }];

/** Edges as `from -> to: label` lines, in the graph's order. */
export const edgeLines = (g: FlowGraph): string[] => g.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`);

/** The node with `id`; fails the test when there is none. */
export function nodeOf(g: FlowGraph, id: string) {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} in ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
}
