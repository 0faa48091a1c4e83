#!/usr/bin/env node
/**
 * Supplier-name resolution benchmark (`npm run bench -- match-suppliers`).
 *
 * Builds 1,000 tenants with 100 suppliers each, every supplier with an English and a Chinese legal name: 200,000
 * supplier aliases (plus tickers for a third of them), drawn from 20,000 synthetic companies (pinyin brand, place and
 * industry words; random Han characters for the Chinese names) and the 12 real companies of the quality fixtures, so
 * that a company is a supplier of several tenants as in life. Then resolves events with one exporter name each:
 * variants of registered names (case, legal forms, brand only, traditional characters, a ticker inside) and names of
 * unregistered companies. Prints one JSON line: p50/p99 ms per event and events per second through the index, the same
 * for a naive scan of every alias in the same process (on a sample of the events), their ratio, and whether the
 * answers are identical; and p50/p99 of each event's fastest of three passes (the work without the time a shared
 * machine did not schedule the process). Options: --events N (default 2000), --naive N (default 200), --seed N.
 * Goal: p99 <= 10 ms per event through the index, answers identical to the naive scan's.
 */
import { cpus, loadavg } from 'node:os';
import { SupplierResolver } from '../apps/api/dist/matching/suppliers/resolver.js';
import { supplierCorpus } from './lib/supplier-corpus.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const TENANTS = 1000;
const EVENTS = arg('events', 2000);
const NAIVE_EVENTS = arg('naive', 200);
const seed = arg('seed', 42);
const { suppliers, aliases, exporterName: eventName } = supplierCorpus({ seed });
const events = Array.from({ length: EVENTS }, eventName);

const t0 = performance.now();
const resolver = new SupplierResolver(suppliers);
const buildMs = performance.now() - t0;

function run(fn, names) {
  const times = [];
  const results = [];
  const start = performance.now();
  for (const name of names) {
    const s = performance.now();
    results.push(fn(name));
    times.push(performance.now() - s);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return {
    results,
    stats: {
      events: names.length,
      p50Ms: round(q(0.5)),
      p99Ms: round(q(0.99)),
      eventsPerSec: Math.round(names.length / (total / 1000)),
    },
  };
}
const round = (x) => Math.round(x * 1000) / 1000;

for (const name of events.slice(0, 50)) resolver.resolve(name); // warm-up
const indexed = run((n) => resolver.resolve(n), events);
const step = Math.max(1, Math.floor(events.length / NAIVE_EVENTS));
const sample = events.filter((_, i) => i % step === 0).slice(0, NAIVE_EVENTS);
const naive = run((n) => resolver.resolveByScan(n), sample);
const sampleIndexed = sample.map((n) => resolver.resolve(n));
// The machine is shared: a single pass's tail includes time the process was not scheduled. Two more passes over the
// same events, keeping each event's fastest time, show the cost of the work itself.
const best = events.map(() => Infinity);
for (let pass = 0; pass < 3; pass++) {
  events.forEach((name, i) => {
    const s = performance.now();
    resolver.resolve(name);
    best[i] = Math.min(best[i], performance.now() - s);
  });
}
best.sort((a, b) => a - b);
const bestOf3 = {
  p50Ms: round(best[Math.floor(0.5 * best.length)]),
  p99Ms: round(best[Math.floor(0.99 * best.length)]),
};
const summary = (hits) =>
  JSON.stringify(hits.map((h) => [h.supplier.id, h.band, h.score, h.matchedName.kind, h.matchedName.value]));
const identical = sample.every((_, i) => summary(sampleIndexed[i]) === summary(naive.results[i]));
const matches = indexed.results.reduce((n, hits) => n + hits.filter((h) => h.band === 'MATCH').length, 0);
const possible = indexed.results.reduce((n, hits) => n + hits.filter((h) => h.band === 'POSSIBLE').length, 0);

console.log(
  JSON.stringify({
    benchmark: 'match-suppliers',
    tenants: TENANTS,
    suppliers: suppliers.length,
    supplierAliases: aliases,
    buildMs: Math.round(buildMs),
    indexed: { ...indexed.stats, bestOf3 },
    naive: naive.stats,
    ratioP50: round(naive.stats.p50Ms / indexed.stats.p50Ms),
    ratioEventsPerSec: round(indexed.stats.eventsPerSec / naive.stats.eventsPerSec),
    identicalToNaive: identical,
    comparedEvents: sample.length,
    supplierMatches: matches,
    possibleMatches: possible,
    machine: { cpus: cpus().length, loadAvg1m: round(loadavg()[0]) },
    goal: { p99MsMax: 10, met: indexed.stats.p99Ms <= 10 && identical, metBestOf3: bestOf3.p99Ms <= 10 && identical },
  }),
);
if (!identical) process.exitCode = 1;
