import { parseAllDocuments } from 'yaml';
import { findEntry, loadApp } from '../../src/synth/load-app';
import { synthesize, type SynthResult } from '../../src/synth/synthesize';
import { repoRoot } from './paths';

let cached: SynthResult | undefined;

/** The default stack (charts/main.ts), synthesized in-process once per test file. */
export function defaultTree(): SynthResult {
  if (!cached) {
    const loaded = loadApp(findEntry(repoRoot)!, repoRoot);
    if (!loaded.app) throw new Error(JSON.stringify(loaded.diagnostics));
    cached = synthesize(loaded.app, 'gitops');
  }
  return cached;
}

/** A Kubernetes-style object as plain data. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

/** Every document of every generated file, with the file it came from. */
export function defaultObjects(): { file: string; object: KubeObject }[] {
  return defaultTree().files.flatMap((f) =>
    parseAllDocuments(f.content).map((d) => ({ file: f.path, object: d.toJS() as KubeObject })),
  );
}

/** The generated object of `kind` named `name`. */
export function objectNamed(kind: string, name: string): KubeObject {
  const found = defaultObjects().find((o) => o.object.kind === kind && o.object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the default tree`);
  return found.object;
}
