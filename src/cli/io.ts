/** What a command may touch of its process: injected, so tests run commands in-process. */
export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, as bytes (read only by commands that take it). */
  stdin(): Uint8Array;
}

/** Exit codes, the same for every command. */
export const ExitCode = {
  /** Clean. */
  ok: 0,
  /** Findings (check) or drift (synth --check, diff). */
  findings: 1,
  /** Bad usage or a bad stack/config. */
  usage: 2,
  /** A bug in bramble. */
  internal: 3,
} as const;
