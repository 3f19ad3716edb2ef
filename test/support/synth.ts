import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { synthesize, type SynthResult } from '../../src/synth/synthesize';
import type { KubeObject } from './default-tree';

/** Synthesizes whatever `build` adds to a fresh App, in memory. */
export function synthApp(build: (app: App) => void): SynthResult & { objects: KubeObject[] } {
  const app = new App({ outdir: 'cdk8s.out' });
  build(app);
  const result = synthesize(app, 'gitops');
  const objects = result.files.flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as KubeObject));
  return { ...result, objects };
}
