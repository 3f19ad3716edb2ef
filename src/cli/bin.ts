#!/usr/bin/env node
// The `bramble` executable: everything else lives in main.ts so tests can run it in-process.
import { run } from './main';

process.exitCode = run(process.argv.slice(2));
