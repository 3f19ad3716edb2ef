// The app `cdk8s synth` runs (cdk8s.yaml): the same stack, synthesized by cdk8s itself into
// CDK8S_OUTDIR, one <chart>.k8s.yaml per folder. bramble synth is the fast path with the Flux layout.
import { formatDiagnosticsText } from '../check/format';
import { findEntry, loadApp } from '../synth/load-app';

const cwd = process.cwd();
const entry = findEntry(cwd);
const loaded = entry
  ? loadApp(entry, cwd, process.env.CDK8S_OUTDIR)
  : { diagnostics: [{ ruleId: 'app-load' as const, severity: 'error' as const, message: 'no stack found: expected charts/main.ts' }] };
if (loaded.app) {
  loaded.app.synth();
} else {
  process.stderr.write(formatDiagnosticsText(loaded.diagnostics));
  process.exitCode = 2;
}
