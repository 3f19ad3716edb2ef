import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { runCheck, type CheckCliOptions } from './check';
import { runDiff, type DiffOptions } from './diff';
import { runFmt, type FmtOptions } from './fmt';
import { runGraph, type GraphOptions } from './graph';
import { ExitCode, type Io } from './io';
import { runSynth, type SynthOptions } from './synth';

/** The process's own I/O. */
export const processIo: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: () => readFileSync(0),
};

function version(): string {
  return (require('../../../package.json') as { version: string }).version;
}

/**
 * Runs the bramble CLI on `argv` (without the node and script entries) and returns the exit code:
 * 0 clean, 1 findings or drift, 2 bad usage or a bad stack, 3 a bug in bramble.
 */
export function run(argv: readonly string[], io: Io = processIo): number {
  let code: number = ExitCode.ok;
  const program = new Command('bramble')
    .description("Keep a Flux GitOps repository's tracing stack (Tempo, Alloy, Grafana) correct by construction.")
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run bramble --help for usage)');

  program
    .command('synth')
    .description('run the stack in charts/ and write the Flux tree under gitops/')
    .option('--check', 'verify that gitops/ is what synth produces; write nothing (exit 1 on drift)')
    .option('--stdout', 'print the documents instead of writing files')
    .option('--out <dir>', 'output root', 'gitops')
    .option('--app <file>', 'stack entry (default: charts/main.ts)')
    .option('--force', 'overwrite files in the output root that bramble does not own')
    .action((opts: SynthOptions) => {
      if (opts.check && opts.stdout) throw new CommanderError(ExitCode.usage, 'bramble.usage', 'error: --check and --stdout cannot be combined');
      code = runSynth(opts, io);
    });

  program
    .command('check')
    .description('check a GitOps tree: duplicate keys, schemas and wiring (default path: gitops)')
    .argument('[paths...]', 'files or folders to check')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--select <rules>', 'run only these rules (comma-separated ids)')
    .option('--disable <rules>', 'skip these rules (comma-separated ids)')
    .option('--ignore <glob>', 'skip paths matching a gitignore-style pattern (repeatable; also read from .brambleignore)', (v: string, prev: string[] = []) => [...prev, v])
    .action((paths: string[], opts: CheckCliOptions) => {
      code = runCheck(paths, opts, io);
    });

  program
    .command('diff')
    .description('synthesize two revisions offline and show what changed in the tree, per resource and Alloy component')
    .option('--base <ref>', 'the revision to compare against', 'HEAD')
    .option('--head <ref>', 'the revision to compare (default: the working tree)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--exit-code', 'exit 1 when anything changed')
    .option('--out <dir>', 'output root', 'gitops')
    .option('--app <file>', 'stack entry (default: charts/main.ts)')
    .action((opts: DiffOptions) => {
      code = runDiff(opts, io);
    });

  program
    .command('graph')
    .description('print the data flow of the stack: apps, Alloy, Tempo, Prometheus, Loki and Grafana correlations')
    .addOption(new Option('--format <format>', 'output format').choices(['mermaid', 'dot']).default('mermaid'))
    .option('--out <dir>', 'output root', 'gitops')
    .option('--app <file>', 'stack entry (default: charts/main.ts)')
    .action((opts: GraphOptions) => {
      code = runGraph(opts, io);
    });

  program
    .command('fmt')
    .description('format Alloy configuration as alloy fmt does (standard input when no file is given)')
    .argument('[files...]', '.alloy files or folders of them; - or nothing for standard input')
    .option('--check', 'exit 1 if any file is not formatted; write nothing')
    .option('--write', 'rewrite files in place')
    .action((files: string[], opts: FmtOptions) => {
      code = runFmt(files, opts, io);
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.ok;
      if (e.code === 'bramble.usage') io.stderr(e.message + '\n');
      return ExitCode.usage;
    }
    io.stderr(`bramble: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (io.env.BRAMBLE_DEBUG) io.stderr(`${e instanceof Error ? e.stack : ''}\n`);
    io.stderr('This is a bug in bramble; please report it with the command you ran (BRAMBLE_DEBUG=1 shows the stack).\n');
    return ExitCode.internal;
  }
  return code;
}
