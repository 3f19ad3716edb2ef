import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { binPath, tempDir } from '../support/cli';

const messy = 'otelcol.processor.batch "default" {\n  timeout = "200ms"\n  send_batch_size = 8192\n output { traces = [] }\n}\n';
const tidy = 'otelcol.processor.batch "default" {\n\ttimeout         = "200ms"\n\tsend_batch_size = 8192\n\n\toutput {\n\t\ttraces = []\n\t}\n}\n';

function fmt(args: string[], cwd: string, input?: string | Buffer) {
  const r = spawnSync(process.execPath, [binPath, 'fmt', ...args], { cwd, input: input ?? '', encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bramble fmt', () => {
  it('formats standard input to standard output', () => {
    const r = fmt([], tempDir(), messy);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, tidy);
  });

  it('treats - as standard input', () => {
    assert.equal(fmt(['-'], tempDir(), messy).stdout, tidy);
  });

  it('prints syntax errors as LINE:COL: message and exits 1', () => {
    const r = fmt([], tempDir(), 'a = 1 b = 2\n');
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '1:7: expected TERMINATOR, got IDENT\n');
  });

  it('names the file in syntax errors of a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.alloy'), 'x {\n  y = [1,\n 2\n]\n}\n');
    const r = fmt(['bad.alloy'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^bad\.alloy:3:3: missing ',' in expression list$/m);
  });

  it('prints formatted files to standard output, unchanged on disk', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.alloy'), messy);
    const r = fmt(['a.alloy'], dir);
    assert.equal(r.stdout, tidy);
    assert.equal(readFileSync(join(dir, 'a.alloy'), 'utf8'), messy);
  });

  it('--check exits 1 and names files that are not formatted, 0 when all are', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.alloy'), messy);
    writeFileSync(join(dir, 'b.alloy'), tidy);
    const r = fmt(['--check', 'a.alloy', 'b.alloy'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'a.alloy: not formatted; run bramble fmt --write a.alloy\n');
    assert.equal(fmt(['--check', 'b.alloy'], dir).status, 0);
    assert.equal(readFileSync(join(dir, 'a.alloy'), 'utf8'), messy);
  });

  it('--write rewrites changed files in place and leaves nothing else behind', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.alloy'), messy);
    writeFileSync(join(dir, 'b.alloy'), tidy);
    const r = fmt(['--write', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'a.alloy'), 'utf8'), tidy);
    assert.deepEqual(readdirSync(dir).sort(), ['a.alloy', 'b.alloy']);
  });

  it('--write leaves a file with a syntax error untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.alloy'), 'a = [1,\n');
    assert.equal(fmt(['--write', 'bad.alloy'], dir).status, 1);
    assert.equal(readFileSync(join(dir, 'bad.alloy'), 'utf8'), 'a = [1,\n');
  });

  it('formats the .alloy files of a folder, not other files', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'a.alloy'), messy);
    writeFileSync(join(dir, 'conf', 'notes.txt'), 'not alloy {');
    assert.equal(fmt(['conf'], dir).stdout, tidy);
  });

  it('reports invalid UTF-8 as Alloy does', () => {
    const r = fmt([], tempDir(), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0x22, 0x0a]));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^1:6: illegal UTF-8 encoding$/m);
  });

  it('refuses --write with standard input, and a missing file, with exit 2', () => {
    assert.equal(fmt(['--write'], tempDir(), messy).status, 2);
    assert.equal(fmt(['nope.alloy'], tempDir()).status, 2);
    assert.equal(fmt(['--check', '--write', 'x'], tempDir()).status, 2);
  });
});
