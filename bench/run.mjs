#!/usr/bin/env node
// npm run bench -- <name> [args]: runs bench/<name>.mjs (after the build), which prints one JSON object.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const available = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').map((f) => f.slice(0, -4));
if (!name || !existsSync(join(here, `${name}.mjs`))) {
  console.error(`usage: npm run bench -- <name> [args]; available: ${available.join(', ')}`);
  process.exit(2);
}
// As in production (`npm start`): React's development build renders emails several times slower.
process.env.NODE_ENV ??= 'production';
process.argv = [process.argv[0], join(here, `${name}.mjs`), ...rest];
await import(join(here, `${name}.mjs`));
