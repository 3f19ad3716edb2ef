#!/usr/bin/env node
// The `bramble` executable: everything else lives in main.ts so tests can run it in-process.
import Module from 'node:module';

// Node 22.1+ can cache compiled code between runs, which shortens every start; Node 20 has no such
// API, so this is a no-op there. Nothing depends on it. main is required after it, so it is cached.
(Module as unknown as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { run } = require('./main') as typeof import('./main');
process.exitCode = run(process.argv.slice(2));
