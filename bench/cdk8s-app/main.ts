// The default stack (charts/main.ts) synthesized the ordinary cdk8s way: `cdk8s synth` runs this
// file through ts-node or tsx, and App.synth() writes one <chart>.k8s.yaml per folder.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { App } = require('../../dist/src/index') as typeof import('../../src/index');
import stack from '../../charts/main';

const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? 'cdk8s.out' });
stack(app);
app.synth();
