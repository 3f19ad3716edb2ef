import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runGraph, type GraphOptions } from '../../src/cli/graph';
import type { Io } from '../../src/cli/io';
import { flowGraph, renderDot, renderMermaid } from '../../src/graph';
import { defaultStack, fixtureStack, tempDir } from '../support/cli';
import { repoRoot } from '../support/paths';
import { committedTree } from './trees';

/** Runs `bramble graph` in-process in `cwd`, capturing what it prints. */
function graph(options: GraphOptions, cwd = repoRoot): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: Io = { cwd, env: {}, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stdin: () => new Uint8Array() };
  const code = runGraph(options, io);
  return { code, stdout, stderr };
}

const committed = flowGraph(committedTree());

describe('runGraph', () => {
  it('prints the Mermaid graph of the default stack by default, exit 0', () => {
    const r = graph({});
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, renderMermaid(committed));
  });

  it('prints Graphviz dot with --format dot', () => {
    const r = graph({ format: 'dot', app: defaultStack });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, renderDot(committed));
  });

  it('exits 2 with the diagnostic, not a stack trace, when the stack throws', () => {
    const r = graph({ app: fixtureStack('throws.ts') }, tempDir());
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /error app-load/);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  });

  it('exits 2 with the findings when the stack renders errors', () => {
    const r = graph({ app: fixtureStack('bad-retention.ts') }, tempDir());
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /error invalid-duration/);
    assert.match(r.stderr, /^graph: 1 error\(s\) in the stack$/m);
  });

  it('exits 2 when there is no stack', () => {
    const r = graph({}, tempDir());
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no stack found: expected charts\/main\.ts/);
  });
});
