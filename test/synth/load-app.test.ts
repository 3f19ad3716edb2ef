import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadApp } from '../../src/synth/load-app';
import { tempDir } from '../support/cli';

describe('loadApp', () => {
  it('caches transpiled stack files by content under node_modules/.cache/bramble, and notices edits', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules'));
    const entry = join(dir, 'stack-v1.ts');
    writeFileSync(entry, 'export default function (app: { node: unknown }): void { const n: number = 1; void n; void app; }\n');
    assert.ok(loadApp(entry, dir).app);
    const cache = join(dir, 'node_modules', '.cache', 'bramble', 'ts');
    assert.equal(readdirSync(cache).filter((f) => f.endsWith('.js')).length, 1);

    const edited = join(dir, 'stack-v2.ts');
    writeFileSync(edited, 'export default function (): void { throw new Error("edited: " + (2 as number)); }\n');
    const r = loadApp(edited, dir);
    assert.match(r.diagnostics?.[0]?.message ?? '', /edited: 2/);
    assert.equal(readdirSync(cache).filter((f) => f.endsWith('.js')).length, 2);
  });

  it('works without a node_modules folder (no cache)', () => {
    const dir = tempDir();
    const entry = join(dir, 'stack.ts');
    writeFileSync(entry, 'export default function (app: unknown): void { void app; }\n');
    assert.ok(loadApp(entry, dir).app);
  });
});
