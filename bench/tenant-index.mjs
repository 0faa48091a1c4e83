// What the in-process tenant index costs (`npm run bench -- tenant-index`): for each size, a fresh child process
// builds the synthetic corpus of `npm run bench -- match` (watches per tenant as given; 100 suppliers with an English
// and a Chinese legal name each) and then the TenantIndex that ingestion matches against, and reports the index's own
// cost: heap retained by the index over the corpus (after a full GC), RSS growth while building, and build time.
// Prints one JSON line with the figures per size and per 10,000 tenants (from the largest size), so docs/fanout.md can
// say where one process ends.
//
// `--shard k/N` builds only shard k of N (the tenants with shardOf(tenantId, N) = k, as a sharded match worker's
// index does with MATCH_SHARDS=N): sizes are the whole deployment's, the index holds about 1/N of them.
//
//   npm run bench -- tenant-index [--sizes 2500,5000,10000] [--watches 50] [--suppliers 20] [--seed 42] [--shard k/N]
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { matching, seedReference } from './lib/reference.mjs';
import { supplierCorpus } from './lib/supplier-corpus.mjs';

const self = fileURLToPath(import.meta.url);
const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const WATCHES = Number(opt('watches', 50));
const SUPPLIERS = Number(opt('suppliers', 20));
const SEED = Number(opt('seed', 42));
const SHARD = String(opt('shard', '0/1'));
const [SHARD_K, SHARD_N] = SHARD.split('/').map(Number);
if (!Number.isInteger(SHARD_K) || !Number.isInteger(SHARD_N) || SHARD_N < 1 || SHARD_K < 0 || SHARD_K >= SHARD_N) {
  console.error(`--shard must be k/N with 0 <= k < N (got "${SHARD}")`);
  process.exit(2);
}
const mb = (bytes) => Math.round(bytes / 1048576);

if (opt('child', null) !== null) {
  const tenants = Number(opt('child', 0));
  const { TenantIndex } = await matching('matcher.js');
  const { randomCorpus } = await matching('corpus.js');
  const { shardOf } = await matching('shard.js');
  const { ref } = await seedReference();
  const inShard = (x) => shardOf(x.tenantId, SHARD_N) === SHARD_K;
  const corpus = randomCorpus(ref, { tenants, watchesPerTenant: WATCHES, events: 1, maxTags: 1, seed: SEED });
  // Only this shard's tenants, as the match worker's index loader reads them (the rest is dropped before the GC).
  corpus.watches = corpus.watches.filter(inShard);
  const { suppliers: allSuppliers } = supplierCorpus({
    tenants,
    suppliersPerTenant: SUPPLIERS,
    companies: Math.max(20000, tenants * 2),
    seed: SEED,
    tenantId: (t) => `t${String(t).padStart(4, '0')}`,
  });
  const suppliers = allSuppliers.filter(inShard);
  const shardTenants = new Set([...corpus.watches, ...suppliers].map((x) => x.tenantId)).size;
  global.gc();
  const before = process.memoryUsage();
  const t = performance.now();
  let index = new TenantIndex(ref, corpus.watches, suppliers);
  const buildMs = performance.now() - t;
  const rssPeak = process.memoryUsage().rss;
  global.gc();
  const after = process.memoryUsage();
  const probe = index.match(corpus.events[0]); // keeps the index alive until here
  index = null;
  global.gc();
  // The same index as TenantIndexCache builds it: TenantIndex.build with a 10 ms time slicer (setImmediate turns).
  // longestSyncMs: the longest stretch the build held the event loop without a turn.
  const { setImmediate: turn } = await import('node:timers/promises');
  let sliceStart = performance.now();
  let longestSyncMs = 0;
  const pause = async () => {
    const ran = performance.now() - sliceStart;
    if (ran < 10) return;
    longestSyncMs = Math.max(longestSyncMs, ran);
    await turn();
    sliceStart = performance.now();
  };
  const ta = performance.now();
  sliceStart = ta;
  const sliced = await TenantIndex.build(ref, corpus.watches, suppliers, [], pause);
  longestSyncMs = Math.max(longestSyncMs, performance.now() - sliceStart);
  const slicedBuildMs = performance.now() - ta;
  const sameAnswer = JSON.stringify(sliced.match(corpus.events[0])) === JSON.stringify(probe);
  console.log(
    JSON.stringify({
      tenants,
      shard: SHARD,
      shardTenants,
      watches: corpus.watches.length,
      suppliers: suppliers.length,
      buildMs: Math.round(buildMs),
      indexHeapMb: mb(after.heapUsed - before.heapUsed),
      rssGrowthMb: mb(rssPeak - before.rss),
      rssMb: mb(after.rss),
      probeAlerts: Array.isArray(probe) ? probe.length : undefined,
      slicedBuildMs: Math.round(slicedBuildMs),
      longestSyncMs: Math.round(longestSyncMs),
      sameAnswer,
    }),
  );
  process.exit(0);
}

const LOAD_AT_START = Number(loadavg()[0].toFixed(2));
const sizes = String(opt('sizes', '2500,5000,10000')).split(',').map(Number);
const runs = sizes.map((n) => {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--max-old-space-size=16000',
      self,
      '--child',
      String(n),
      '--watches',
      String(WATCHES),
      '--suppliers',
      String(SUPPLIERS),
      '--seed',
      String(SEED),
      '--shard',
      SHARD,
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop());
});
const largest = runs[runs.length - 1];
const per10k = (v) => Math.round((v * 10000) / largest.tenants);
console.log(
  JSON.stringify({
    bench: 'tenant-index',
    shard: SHARD,
    watchesPerTenant: WATCHES,
    suppliersPerTenant: SUPPLIERS,
    per10kTenants: {
      indexHeapMb: per10k(largest.indexHeapMb),
      rssGrowthMb: per10k(largest.rssGrowthMb),
      buildMs: per10k(largest.buildMs),
      slicedBuildMs: per10k(largest.slicedBuildMs),
    },
    longestSyncMs: Math.max(...runs.map((r) => r.longestSyncMs)),
    sameAnswer: runs.every((r) => r.sameAnswer),
    runs,
    machine: { cores: cpus().length, loadavg1: Number(loadavg()[0].toFixed(2)), loadavgAtStart: LOAD_AT_START },
  }),
);
