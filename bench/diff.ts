/**
 * Benchmark: wall time of `bramble diff --base HEAD~1` on the default stack, cold (a new process
 * each run), in a scratch git repository whose last commit changes the Tempo retention and the
 * Alloy batch timeout (the change of the diff test). Also times `--format markdown`, which
 * derives the data-flow graph of both revisions.
 *
 *   npm run build && node dist/bench/diff.js [--runs N]
 *
 * Prints a Markdown table; docs/benchmarks.md records the figures and the method.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const bin = join(root, 'dist', 'src', 'cli', 'bin.js');

function git(cwd: string, ...gitArgs: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@bramble.invalid', '-c', 'commit.gpgsign=false', ...gitArgs], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${gitArgs.join(' ')}: ${r.stderr}`);
}

/** A scratch repository: the project's stack and tree, then one commit that changes two values. */
function scratchRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bramble-bench-diff-'));
  cpSync(join(root, 'charts'), join(dir, 'charts'), { recursive: true });
  cpSync(join(root, 'gitops'), join(dir, 'gitops'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'junction');
  writeFileSync(join(dir, '.gitignore'), 'node_modules\n');
  git(dir, 'init', '--quiet');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'base');
  const stack = join(dir, 'charts', 'main.ts');
  writeFileSync(stack, readFileSync(stack, 'utf8').replace("retention: '72h'", "retention: '168h'").replace("timeout: '200ms'", "timeout: '5s'"));
  git(dir, 'commit', '--quiet', '-am', 'retention and batch timeout');
  return dir;
}

function timeOnce(command: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(command[0]!, command.slice(1), { cwd, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return seconds;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const dir = scratchRepo();
try {
  const rows: { name: string; samples: number[] }[] = [];
  const measure = (name: string, command: string[]) => {
    timeOnce(command, dir); // warm-up: the OS file cache and bramble's transpile cache
    rows.push({ name, samples: Array.from({ length: runs }, () => timeOnce(command, dir)) });
  };
  measure('bramble diff --base HEAD~1 (text)', [process.execPath, bin, 'diff', '--base', 'HEAD~1']);
  measure('bramble diff --base HEAD~1 --format markdown', [process.execPath, bin, 'diff', '--base', 'HEAD~1', '--format', 'markdown']);

  console.log(`bramble diff, cold process: ${runs} runs after one warm-up, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}\n`);
  console.log('| command | median s | min s | max s |');
  console.log('|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${median(r.samples).toFixed(3)} | ${Math.min(...r.samples).toFixed(3)} | ${Math.max(...r.samples).toFixed(3)} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
