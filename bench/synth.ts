/**
 * Benchmark: wall time of `bramble synth` on the default stack, cold (a new process each run),
 * side by side with the same stack as an ordinary cdk8s app under `cdk8s synth`.
 *
 *   npm run build && node dist/bench/synth.js [--runs N] [--skip-cdk8s]
 *
 * Installs bench/cdk8s-app's pinned devDependencies (cdk8s-cli, ts-node, tsx) on first use.
 * Prints a Markdown table; docs/benchmarks.md records the figures and the method.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const skipCdk8s = args.includes('--skip-cdk8s');

interface Sample {
  readonly seconds: number;
  readonly maxRssKb?: number;
}

/** Runs `command` once under /usr/bin/time (when present) and returns wall time and peak RSS. */
function timeOnce(command: string[], cwd: string, env: NodeJS.ProcessEnv = {}, okStatus: readonly number[] = [0]): Sample {
  const useTime = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', ...command], { cwd, env: { ...process.env, ...env }, encoding: 'utf8' })
    : spawnSync(command[0]!, command.slice(1), { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!okStatus.includes(r.status ?? -1)) throw new Error(`${command.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const rss = useTime ? Number(r.stderr.trim().split('\n').pop()) : undefined;
  return { seconds, ...(rss ? { maxRssKb: rss } : {}) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface Row {
  readonly name: string;
  readonly samples: Sample[];
}

function measure(name: string, n: number, once: () => Sample): Row {
  once(); // warm-up: the OS file cache, not the process
  const samples = Array.from({ length: n }, once);
  return { name, samples };
}

const rows: Row[] = [];
const bin = join(root, 'dist', 'src', 'cli', 'bin.js');
const scratch = mkdtempSync(join(tmpdir(), 'bramble-bench-'));
try {
  rows.push(
    measure('bramble synth (node dist/src/cli/bin.js), full write into an empty folder', runs, () => {
      rmSync(join(scratch, 'gitops'), { recursive: true, force: true });
      return timeOnce([process.execPath, bin, 'synth', '--out', join(scratch, 'gitops')], root);
    }),
  );
  rows.push(measure('bramble synth, tree already current (nothing written)', runs, () => timeOnce([process.execPath, bin, 'synth'], root)));
  rows.push(measure('bramble synth --check', runs, () => timeOnce([process.execPath, bin, 'synth', '--check'], root)));
  rows.push(measure('npx bramble synth', Math.min(runs, 7), () => timeOnce(['npx', '--no-install', 'bramble', 'synth'], root)));
  rows.push(measure('bramble check (the committed gitops/, every rule)', runs, () => timeOnce([process.execPath, bin, 'check'], root)));
  // The blog tree has findings: exit 1 is the expected outcome there.
  rows.push(measure('bramble check test/fixtures/trees (realistic and blog trees, exit 1)', runs, () => timeOnce([process.execPath, bin, 'check', 'test/fixtures/trees'], root, {}, [1])));

  if (!skipCdk8s) {
    const app = join(root, 'bench', 'cdk8s-app');
    if (!existsSync(join(app, 'node_modules', '.bin', 'cdk8s'))) {
      const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: app, stdio: 'inherit' });
      if (install.status !== 0) throw new Error('npm ci in bench/cdk8s-app failed');
    }
    const cdk8sBin = join(app, 'node_modules', '.bin', 'cdk8s');
    const env = { CDK8S_CHECK_UPGRADE: 'false' };
    const n = Math.min(runs, 5);
    rows.push(measure('cdk8s synth (its bin), app: npx ts-node main.ts (the cdk8s template default)', n, () => timeOnce([cdk8sBin, 'synth', '--check-upgrade=false'], app, env)));
    rows.push(measure('cdk8s synth (its bin), app: npx tsx main.ts', n, () => timeOnce([cdk8sBin, 'synth', '--check-upgrade=false', '--app', 'npx tsx main.ts'], app, env)));
    rows.push(measure('npx cdk8s synth, app: npx ts-node main.ts', n, () => timeOnce(['npx', '--no-install', 'cdk8s', 'synth', '--check-upgrade=false'], app, env)));
    rows.push(measure('npx cdk8s synth, app: npx tsx main.ts', n, () => timeOnce(['npx', '--no-install', 'cdk8s', 'synth', '--check-upgrade=false', '--app', 'npx tsx main.ts'], app, env)));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const fmt = (s: number) => s.toFixed(3);
console.log(`Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${runs} runs after 1 warm-up (5 for cdk8s, 7 for npx bramble)\n`);
console.log('| command | median s | min s | max s | peak RSS MiB (median) |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const secs = r.samples.map((s) => s.seconds);
  const rss = r.samples.map((s) => s.maxRssKb).filter((x): x is number => x !== undefined);
  console.log(`| ${r.name} | ${fmt(median(secs))} | ${fmt(Math.min(...secs))} | ${fmt(Math.max(...secs))} | ${rss.length ? (median(rss) / 1024).toFixed(1) : 'n/a'} |`);
}
const med = (name: string) => median(rows.find((r) => r.name.startsWith(name))!.samples.map((s) => s.seconds));
if (!skipCdk8s) {
  const bramble = med('bramble synth (node');
  const npxBramble = med('npx bramble synth');
  console.log('');
  console.log(`cdk8s bin (ts-node) / bramble synth: ${(med('cdk8s synth (its bin), app: npx ts-node') / bramble).toFixed(1)}x`);
  console.log(`cdk8s bin (tsx) / bramble synth: ${(med('cdk8s synth (its bin), app: npx tsx') / bramble).toFixed(1)}x`);
  console.log(`npx cdk8s (ts-node) / npx bramble: ${(med('npx cdk8s synth, app: npx ts-node') / npxBramble).toFixed(1)}x`);
  console.log(`npx cdk8s (tsx) / npx bramble: ${(med('npx cdk8s synth, app: npx tsx') / npxBramble).toFixed(1)}x`);
}
