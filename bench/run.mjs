#!/usr/bin/env node
// Benchmark dispatcher: `npm run bench -- <name>` runs bench/<name>.mjs (after building the workspace).
// Each benchmark prints one JSON line on stdout. Speed goals live here, never in timed unit tests.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .map((f) => f.slice(0, -4));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(2);
}
// As in production (`npm start`): React's development build renders emails several times slower.
process.env.NODE_ENV ??= 'production';
await import(pathToFileURL(`${here}/${name}.mjs`).href);
