#!/usr/bin/env node
// Runs one benchmark: `npm run bench -- <name>` builds the workspace, then runs bench/<name>.mjs, which prints one
// JSON line on stdout. Benchmarks are not tests: they measure, and assert only correctness (never timings).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(join(here, `${name}.mjs`))) {
  console.error(`usage: npm run bench -- <name>   (a file bench/<name>.mjs; got ${JSON.stringify(name ?? null)})`);
  process.exit(2);
}
const bench = await import(pathToFileURL(join(here, `${name}.mjs`)).href);
await bench.run(process.argv.slice(3));
