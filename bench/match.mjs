// Watch matching at scale: 1,000 tenants with 100,000 watchlist items (elements, HS prefixes, control-list entries,
// some with a jurisdiction filter) and events with up to 30 tags (elements, customs codes, entries, material forms,
// text tags) and an exporter name each. Times TenantIndex.match (the indexed matcher used by ingestion) and a naive
// scan (every watch of every tenant checked against the event) in the same process, asserts that both give identical
// alerts for every event, and prints one JSON line.
//
// Suppliers: this measures watch matching only (events carry an exporter name, no tenant has suppliers); supplier
// names at scale (200,000 aliases) are measured by `npm run bench -- match-suppliers`.
//
//   npm run bench -- match [events=2000] [tenants=1000] [watchesPerTenant=100] [seed=42]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(join(root, 'apps/api/dist/matching', p));

export async function run(args) {
  const [events = 2000, tenants = 1000, perTenant = 100, seed = 42] = args.map(Number);
  const { ReferenceIndex } = await dist('reference-index.js');
  const { TenantIndex } = await dist('matcher.js');
  const { NaiveWatchScan, assembleWatchMatches } = await dist('watch-index.js');
  const { randomCorpus } = await dist('corpus.js');
  const seedData = JSON.parse(readFileSync(join(root, 'prisma/seed/reference.json'), 'utf8'));
  const ref = new ReferenceIndex({
    elements: seedData.elements,
    controlEntries: seedData.controlListEntries,
    materialForms: seedData.materialForms,
    hsCodes: seedData.hsCodes,
  });
  const corpus = randomCorpus(ref, { tenants, watchesPerTenant: perTenant, events, maxTags: 30, seed });

  let t = performance.now();
  const index = new TenantIndex(ref, corpus.watches, []);
  const buildIndexMs = performance.now() - t;
  t = performance.now();
  const naive = new NaiveWatchScan(ref, corpus.watches);
  const buildNaiveMs = performance.now() - t;

  // warm-up (JIT), not measured
  for (const e of corpus.events.slice(0, 50)) {
    index.match(e);
    assembleWatchMatches(e, naive.match(e));
  }
  const indexMs = [];
  const naiveMs = [];
  let alerts = 0;
  let reasons = 0;
  for (const e of corpus.events) {
    let s = performance.now();
    const a = index.match(e);
    indexMs.push(performance.now() - s);
    s = performance.now();
    const b = assembleWatchMatches(e, naive.match(e));
    naiveMs.push(performance.now() - s);
    if (!sameMatches(a, b)) {
      console.error(`alerts differ for event ${corpus.events.indexOf(e)}`);
      process.exit(1);
    }
    alerts += a.length;
    for (const m of a) reasons += m.reasons.length;
  }
  const stats = (ms) => {
    const sorted = [...ms].sort((x, y) => x - y);
    const total = ms.reduce((x, y) => x + y, 0);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    return { p50Ms: round(q(0.5)), p99Ms: round(q(0.99)), eventsPerSecond: Math.round((ms.length / total) * 1000) };
  };
  const indexed = stats(indexMs);
  const scan = stats(naiveMs);
  console.log(
    JSON.stringify({
      bench: 'match',
      tenants,
      watchlistItems: corpus.watches.length,
      supplierAliases: 0,
      suppliers: 'not measured here (watch matching only): see npm run bench -- match-suppliers',
      events: corpus.events.length,
      maxTagsPerEvent: 30,
      alertsPerEvent: round(alerts / corpus.events.length),
      reasonsPerEvent: round(reasons / corpus.events.length),
      identicalToNaive: true,
      buildMs: { index: round(buildIndexMs), naive: round(buildNaiveMs) },
      index: indexed,
      naive: scan,
      ratio: { p50: round(scan.p50Ms / indexed.p50Ms), p99: round(scan.p99Ms / indexed.p99Ms), eventsPerSecond: round(indexed.eventsPerSecond / scan.eventsPerSecond) },
      goal: { p99Ms: 5, eventsPerSecond: 500, met: indexed.p99Ms <= 5 && indexed.eventsPerSecond >= 500 },
      node: process.version,
    }),
  );
}

/** Deep equality of two TenantMatch lists without building strings (keeps the collector out of the timings). */
function sameMatches(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.tenantId !== y.tenantId || x.severity !== y.severity || x.reasons.length !== y.reasons.length) return false;
    for (let j = 0; j < x.reasons.length; j++) if (!deepEqual(x.reasons[j], y.reasons[j])) return false;
  }
  return true;
}

function deepEqual(x, y) {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => deepEqual(x[k], y[k]));
}

const round = (x) => Math.round(x * 1000) / 1000;
await run(process.argv.slice(3));
