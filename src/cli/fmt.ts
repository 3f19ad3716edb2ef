import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { format, formatDiagnostic } from '../alloy/syntax';
import { ExitCode, type Io } from './io';

/** Options of `bramble fmt`. */
export interface FmtOptions {
  /** Report files that are not formatted (exit 1); write nothing. */
  readonly check?: boolean;
  /** Rewrite files in place when formatting changes them. */
  readonly write?: boolean;
}

/** The files to format: each argument, or the `.alloy` files of a folder argument (not recursive, as alloy validate reads folders). */
function expand(paths: readonly string[], cwd: string): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      missing.push(p);
      continue;
    }
    if (isDir) {
      files.push(
        ...readdirSync(abs)
          .filter((f) => f.endsWith('.alloy'))
          .sort()
          .map((f) => join(abs, f)),
      );
    } else {
      files.push(abs);
    }
  }
  return { files, missing };
}

/** Replaces `path` with `content` atomically: a crash leaves either the old or the new file. */
function replaceFile(path: string, content: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.bramble-fmt-${process.pid}`);
  try {
    const fd = openSync(tmp, 'w', statSync(path).mode);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was left behind
    }
    throw e;
  }
}

/**
 * `bramble fmt [FILE...] [--check] [--write]`: formats Alloy configuration as `alloy fmt` does.
 * With no file or `-`, reads standard input and writes the result to standard output.
 * Exit 1 on a syntax error (each printed as `[file:]LINE:COL: message`) or, with --check, on a file
 * that is not formatted; 2 on bad usage.
 */
export function runFmt(paths: readonly string[], options: FmtOptions, io: Io): number {
  if (options.check && options.write) {
    io.stderr('error: --check and --write cannot be combined\n');
    return ExitCode.usage;
  }
  if (paths.length === 0 || (paths.length === 1 && paths[0] === '-')) {
    if (options.write) {
      io.stderr('error: --write needs files; standard input is formatted to standard output\n');
      return ExitCode.usage;
    }
    const source = io.stdin();
    const result = format(source);
    if (result.output === undefined) {
      for (const d of result.diagnostics) io.stderr(formatDiagnostic(d) + '\n');
      return ExitCode.findings;
    }
    if (options.check) {
      if (result.output !== Buffer.from(source).toString('utf8')) {
        io.stderr('<stdin>: not formatted; run bramble fmt\n');
        return ExitCode.findings;
      }
      return ExitCode.ok;
    }
    io.stdout(result.output);
    return ExitCode.ok;
  }
  if (paths.includes('-')) {
    io.stderr('error: - (standard input) cannot be mixed with files\n');
    return ExitCode.usage;
  }
  const { files, missing } = expand(paths, io.cwd);
  if (missing.length) {
    for (const p of missing) io.stderr(`error: ${p}: no such file or folder\n`);
    return ExitCode.usage;
  }
  let code: number = ExitCode.ok;
  for (const file of files) {
    const shown = relative(io.cwd, file) || file;
    const bytes = readFileSync(file);
    const result = format(bytes);
    if (result.output === undefined) {
      for (const d of result.diagnostics) io.stderr(formatDiagnostic(d, shown) + '\n');
      code = ExitCode.findings;
      continue;
    }
    const changed = result.output !== bytes.toString('utf8');
    if (options.check) {
      if (changed) {
        io.stderr(`${shown}: not formatted; run bramble fmt --write ${shown}\n`);
        code = ExitCode.findings;
      }
    } else if (options.write) {
      if (changed) replaceFile(file, result.output);
    } else {
      io.stdout(result.output);
    }
  }
  return code;
}
