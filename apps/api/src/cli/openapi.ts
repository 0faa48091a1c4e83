/**
 * node apps/api/dist/cli/openapi.js [out.json]   (run by the api `build`; default out: apps/api/openapi.json)
 * node apps/api/dist/cli/openapi.js --check      (exit 1 when the file differs from what the code documents)
 * node apps/api/dist/cli/openapi.js --write      (write even under CI)
 *
 * Under CI (CI=true, as .ci/run sets) the default is --check: CI must not regenerate the committed document, so a
 * change to the API committed without its document fails the build instead of passing unnoticed.
 *
 * Writes the API's OpenAPI document, the same one /docs-json serves (common/openapi/document.ts), without listening on
 * a port, opening a database or reading the environment's configuration: the application is created in Nest's preview
 * mode, which registers modules and controllers but instantiates no provider.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiFile, renderOpenApiDocument } from '../common/openapi/generate.js';

const args = process.argv.slice(2);
const underCi = process.env.CI === 'true' || process.env.CI === '1';
const check = args.includes('--check') || (underCi && !args.includes('--write'));
const out = resolve(process.env.INIT_CWD ?? process.cwd(), args.find((a) => !a.startsWith('--')) ?? openApiFile());

const text = await renderOpenApiDocument();
if (check) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== text) {
    console.error(`${out} is stale: run 'npm run build' (not under CI) and commit it`);
    process.exit(1);
  }
  console.log(`${out} is up to date`);
} else {
  writeFileSync(out, text);
  console.log(`OpenAPI document written to ${out}`);
}
