// Back-matching at scale (`npm run bench -- backfill`): one tenant with 500 watches (elements, HS prefixes, control-list
// entries, some with a jurisdiction filter) and 200 suppliers (English and Chinese legal names, see
// lib/supplier-corpus.mjs) matched against 100,000 stored events: 2,000 measures (their own announcements; most in
// force, some suspended, some lifted or expired), news reports citing them, and permit events (export licences, many
// of them expired) naming exporters, a share of them the tenant's suppliers under name variants.
//
// Times the back-matching (apps/api/src/matching/event-index.ts: a lookup per expanded key, the matcher on the
// candidates only) with the filter "the measure still applies / the licence is still valid" that the exposure service
// applies, the way ExposureService.backfill runs it: EventIndex.matchInBatches, the hits handed over 200 at a time
// (BACKFILL_WRITE) and each batch dropped once taken (the service writes it and drops it; every reason text is still
// built). `tenant*` is the whole tenant (as on provisioning or a CSV import), `oneWatch*` one added watch. The same
// answers collected in one array (EventIndex.match, which the service does not use: holding 24,000 hits with their
// texts until the end costs more garbage collection than building them) are timed too, as `*Collected*`, for
// comparison with figures taken before 2026-12-05. Then runs the naive
// scan (every stored event through NaiveTenantScan) in the same process, for the whole tenant and for a sample of
// single watches, and checks that the answers (events, severities, reasons with their texts) are identical.
// The reference vocabulary has about 330 distinct watch targets: the 500 watches are all of them plus repeats with a
// jurisdiction filter (the worst case: this tenant watches everything). Prints one JSON line. Goal on 2 cores: p99 <= 500 ms for the whole tenant, <= 20 ms for one added watch.
//
//   npm run bench -- backfill [--events 100000] [--measures 2000] [--watches 500] [--suppliers 200] [--runs 20] [--seed 7]
import { cpus, loadavg } from 'node:os';
import { matching, seedReference } from './lib/reference.mjs';
import { supplierCorpus } from './lib/supplier-corpus.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const EVENTS = arg('events', 100_000);
const MEASURES = arg('measures', 2000);
const WATCHES = arg('watches', 500);
const SUPPLIERS = arg('suppliers', 200);
const RUNS = arg('runs', 20);
const ONE_WATCH_RUNS = arg('oneWatchRuns', 200);
const NAIVE_WATCHES = arg('naiveWatches', 5);
const SEED = arg('seed', 7);

const { EventIndex, naiveBackfill } = await matching('event-index.js');
const { randomCorpus } = await matching('corpus.js');
const { ref } = await seedReference();

let seed = SEED;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const TENANT = 't0000';
const corpus = randomCorpus(ref, { tenants: 1, watchesPerTenant: WATCHES, events: EVENTS, maxTags: 3, seed: SEED });
// The reference vocabulary holds fewer distinct targets than 500 (the tenant then watches every one of them): the rest
// of the list repeats targets with a jurisdiction filter, as watchlists kept per plant or per origin do.
const distinctTargets = corpus.watches.length;
for (let i = 0; corpus.watches.length < WATCHES; i++) {
  const w = corpus.watches[i % distinctTargets];
  corpus.watches.push({ ...w, id: `${w.id}-${i}`, jurisdiction: i % 2 ? 'CN' : 'US' });
}
const { suppliers, exporterName } = supplierCorpus({
  tenants: 1,
  suppliersPerTenant: SUPPLIERS,
  seed: SEED,
  tenantId: () => TENANT,
});
// Measure statuses: 80% in force, 8% suspended, 6% lifted, 6% expired (a lapsed suspension measure).
const measureStatus = Array.from({ length: MEASURES }, () => {
  const r = rnd();
  return r < 0.8 ? 'IN_FORCE' : r < 0.88 ? 'SUSPENDED' : r < 0.94 ? 'LIFTED' : 'EXPIRED';
});
const today = '2026-12-04';
const events = corpus.events.map((e, i) => {
  const id = `e${String(i).padStart(6, '0')}`;
  if (i < MEASURES) return { ...e, id, type: 'POLICY_CHANGE', action: 'IMPOSED', exporterName: null, measure: i };
  if (i % 10 === 0) {
    // A news report citing a measure.
    return {
      ...e,
      id,
      type: 'POLICY_CHANGE',
      action: 'IMPOSED',
      exporterName: null,
      measure: Math.floor(rnd() * MEASURES),
    };
  }
  // A licence (at most a year long): valid until a day from four years ago to a year ahead; about one in five valid.
  const days = Math.floor(rnd() * 1825) - 1460;
  const validTo = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    ...e,
    id,
    type: 'PERMIT_EVENT',
    action: undefined,
    permitStatus: 'GRANTED',
    exporterName: exporterName(),
    validTo,
  };
});
const ended = new Set(['LIFTED', 'EXPIRED']);
const applies = (e) => (e.type === 'POLICY_CHANGE' ? !ended.has(measureStatus[e.measure]) : e.validTo >= today);

console.error(`backfill bench: ${events.length} events, ${corpus.watches.length} watches; building`);
let t = performance.now();
const index = new EventIndex(ref, events);
const buildMs = performance.now() - t;
const watches = corpus.watches;

// Warm-up (JIT), not measured. The whole tenant in batches, as the service takes it: a collected run here would hold
// 24,000 hits with their texts long enough for V8 to allocate those objects in the old generation from then on
// (allocation-site pretenuring), which doubles the cost of every later run that drops them young.
for (const _ of index.matchInBatches(watches, suppliers, [], applies, Number.POSITIVE_INFINITY, 200));
for (const w of watches.slice(0, 50))
  for (const _ of index.matchInBatches([w], [], [], applies, Number.POSITIVE_INFINITY, 200));

const round = (x) => Math.round(x * 1000) / 1000;
const q = (times, p) => {
  const sorted = Float64Array.from(times).sort();
  return round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
};

// Wall time, and CPU time of the process (user + system, all threads: GC helpers included, so an upper bound of the
// work), which leaves out the time a shared machine did not schedule the process.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// As the service runs it: batches of BACKFILL_WRITE (200) hits, each dropped once taken.
const streamed = (ws, sups) => {
  let n = 0;
  for (const batch of index.matchInBatches(ws, sups, [], applies, Number.POSITIVE_INFINITY, 200))
    if (batch) n += batch.length;
  return n;
};
const timeRuns = (runs, fn) => {
  const wall = [];
  const cpu = [];
  let last;
  for (let r = 0; r < runs; r++) {
    const s = performance.now();
    const c = cpuMs();
    last = fn(r);
    cpu.push(cpuMs() - c);
    wall.push(performance.now() - s);
  }
  return { wall, cpu, last };
};
// The whole tenant first, then one watch (one run per watch, in list order), one supplier; the collected forms last:
// each leaves its hits as old-generation garbage, whose collection would otherwise land in the runs above.
const tenant = timeRuns(RUNS, () => streamed(watches, suppliers));
const oneHits = [];
const one = timeRuns(ONE_WATCH_RUNS, (r) => {
  const n = streamed([watches[r % watches.length]], []);
  oneHits.push(n);
  return n;
});
const oneSupplier = timeRuns(100, (r) => streamed([], [suppliers[r % suppliers.length]]));
const oneCollected = timeRuns(ONE_WATCH_RUNS, (r) => index.match([watches[r % watches.length]], [], [], applies));
const tenantCollected = timeRuns(RUNS, () => index.match(watches, suppliers, [], applies));
const tenantHits = tenantCollected.last;
if (tenant.last !== tenantHits.length) throw new Error(`streamed ${tenant.last} hits, collected ${tenantHits.length}`);

console.error('backfill bench: index timed; naive scan');
// The naive scan in the same run, and the equivalence check.
t = performance.now();
const naiveTenant = naiveBackfill(ref, events, watches, suppliers, [], applies);
const naiveTenantMs = performance.now() - t;
let identical = deepEqual(naiveTenant, tenantHits);
// The streamed batches, put together (untimed), must be the same answer too.
const batches = [];
for (const batch of index.matchInBatches(watches, suppliers, [], applies, Number.POSITIVE_INFINITY, 200))
  if (batch) batches.push(...batch);
if (!deepEqual(naiveTenant, batches)) {
  identical = false;
  console.error('streamed answers differ');
}
const naiveOneTimes = [];
const step = Math.max(1, Math.floor(watches.length / NAIVE_WATCHES));
for (let k = 0; k < NAIVE_WATCHES; k++) {
  const w = watches[(k * step) % watches.length];
  const s = performance.now();
  const slow = naiveBackfill(ref, events, [w], [], [], applies);
  naiveOneTimes.push(performance.now() - s);
  if (!deepEqual(slow, index.match([w], [], [], applies))) {
    identical = false;
    console.error(`one-watch answers differ for ${w.id}`);
  }
}
const tenantP99Ms = q(tenant.wall, 0.99);
const oneWatchP99Ms = q(one.wall, 0.99);
const tenantCollectedP99Ms = q(tenantCollected.wall, 0.99);
const oneWatchCollectedP99Ms = q(oneCollected.wall, 0.99);
console.log(
  JSON.stringify({
    bench: 'backfill',
    storedEvents: events.length,
    measures: MEASURES,
    watches: watches.length,
    distinctWatchTargets: distinctTargets,
    suppliers: suppliers.length,
    buildMs: Math.round(buildMs),
    tenantHits: tenantHits.length,
    tenantSupplierReasons: tenantHits.reduce(
      (n, h) => n + h.reasons.filter((r) => r.subject.type === 'SUPPLIER').length,
      0,
    ),
    oneWatchHitsP50: [...oneHits].sort((a, b) => a - b)[Math.floor(oneHits.length / 2)],
    oneWatchHitsMax: Math.max(...oneHits),
    tenantP50Ms: q(tenant.wall, 0.5),
    tenantP99Ms,
    oneWatchP50Ms: q(one.wall, 0.5),
    oneWatchP99Ms,
    oneSupplierP99Ms: q(oneSupplier.wall, 0.99),
    cpu: {
      tenantP50Ms: q(tenant.cpu, 0.5),
      tenantP99Ms: q(tenant.cpu, 0.99),
      oneWatchP50Ms: q(one.cpu, 0.5),
      oneWatchP99Ms: q(one.cpu, 0.99),
    },
    collected: {
      tenantP50Ms: q(tenantCollected.wall, 0.5),
      tenantP99Ms: tenantCollectedP99Ms,
      oneWatchP50Ms: q(oneCollected.wall, 0.5),
      oneWatchP99Ms: oneWatchCollectedP99Ms,
    },
    naive: {
      tenantMs: Math.round(naiveTenantMs),
      oneWatchP50Ms: q(naiveOneTimes, 0.5),
      oneWatchP99Ms: q(naiveOneTimes, 0.99),
    },
    ratio: {
      tenant: round(naiveTenantMs / q(tenant.wall, 0.5)),
      oneWatchP50: round(q(naiveOneTimes, 0.5) / q(one.wall, 0.5)),
    },
    identicalToNaive: identical,
    machine: { cpus: cpus().length, loadAvg1m: round(loadavg()[0]), node: process.version },
    goal: {
      tenantP99Ms: 500,
      oneWatchP99Ms: 20,
      met: tenantP99Ms <= 500 && oneWatchP99Ms <= 20 && identical,
      metOnCpuTime: q(tenant.cpu, 0.99) <= 500 && q(one.cpu, 0.99) <= 20 && identical,
      metCollected: tenantCollectedP99Ms <= 500 && oneWatchCollectedP99Ms <= 20 && identical,
    },
  }),
);
if (!identical) process.exitCode = 1;

function deepEqual(x, y) {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => deepEqual(x[k], y[k]));
}
