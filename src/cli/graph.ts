import { sortDiagnostics } from '../check/diagnostic';
import { formatDiagnosticsText } from '../check/format';
import { flowGraph, renderDot, renderMermaid } from '../graph';
import { synthesizeInMemory } from '../synth/in-memory';
import { ExitCode, type Io } from './io';

/** Options of `bramble graph`. */
export interface GraphOptions {
  /** @default 'mermaid' */
  readonly format?: 'mermaid' | 'dot';
  /** Output root, as diagnostics name it. @default 'gitops' */
  readonly out?: string;
  /** Stack entry. @default charts/main.ts */
  readonly app?: string;
}

/**
 * `bramble graph`: synthesize the stack in memory, as `bramble synth` does but writing nothing,
 * and print the data flow of the rendered tree as Mermaid (default) or Graphviz dot.
 */
export function runGraph(options: GraphOptions, io: Io): number {
  const synth = synthesizeInMemory(io.cwd, options);
  if (synth.diagnostics.length) io.stderr(formatDiagnosticsText(sortDiagnostics(synth.diagnostics)));
  if (!synth.ok) {
    // A stack that did not load gets no summary: its one diagnostic says it all.
    if (synth.stage === 'render') io.stderr(`graph: ${synth.diagnostics.filter((d) => d.severity === 'error').length} error(s) in the stack\n`);
    return ExitCode.usage;
  }
  const graph = flowGraph(synth.files);
  io.stdout(options.format === 'dot' ? renderDot(graph) : renderMermaid(graph));
  return ExitCode.ok;
}
