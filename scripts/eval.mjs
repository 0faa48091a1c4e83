#!/usr/bin/env node
// Evaluation dispatcher: `npm run eval -- suppliers` (after building the workspace) prints one JSON line: rows,
// precision, recall, possibleShare, hardNegatives, hardNegativesMatched, overall and per class, on the labelled set
// apps/api/src/matching/suppliers/fixtures/supplier_eval.csv (see docs/supplier-resolution.md). Misses and false
// matches go to stderr.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (name !== 'suppliers') {
  console.error('usage: npm run eval -- suppliers');
  process.exit(2);
}
const dist = join(root, 'apps/api/dist/matching/suppliers');
const { evaluateSuppliers, evalSuppliers, fixtureOnlySuppliers } = await import(join(dist, 'evaluate.js'));
const { REFERENCE_COMPANIES } = await import(join(dist, 'reference-companies.js'));
const fixtures = join(root, 'apps/api/src/matching/suppliers/fixtures');
const rows = parse(readFileSync(join(fixtures, 'supplier_eval.csv'), 'utf8'), { columns: true });
const companies = JSON.parse(readFileSync(join(fixtures, 'rare_earth_companies.json'), 'utf8')).companies;
const suppliers = [...evalSuppliers(REFERENCE_COMPANIES), ...fixtureOnlySuppliers(companies, REFERENCE_COMPANIES)];

const started = performance.now();
const withRef = evaluateSuppliers(rows, suppliers);
const without = evaluateSuppliers(rows, suppliers, []);
const { misses, falseMatches, scanDiffers, ...summary } = withRef;
console.error(`misses (${misses.length}):\n  ${misses.join('\n  ')}`);
console.error(`false matches (${falseMatches.length}):\n  ${falseMatches.join('\n  ')}`);
console.error(
  `false matches without the reference (${without.falseMatches.length}):\n  ${without.falseMatches.join('\n  ')}`,
);
if (scanDiffers.length) console.error(`index and scan differ on: ${scanDiffers.join(' | ')}`);
console.log(
  JSON.stringify({
    name: 'suppliers',
    ...summary,
    referenceCompanies: REFERENCE_COMPANIES.length,
    scanDiffers: scanDiffers.length,
    withoutReference: {
      precision: without.precision,
      recall: without.recall,
      possibleShare: without.possibleShare,
      hardNegativesMatched: without.hardNegativesMatched,
    },
    ms: Math.round(performance.now() - started),
  }),
);
