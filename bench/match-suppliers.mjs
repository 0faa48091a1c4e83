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
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SupplierResolver } from '../apps/api/dist/matching/suppliers/resolver.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const TENANTS = 1000;
const SUPPLIERS_PER_TENANT = 100;
const COMPANIES = 20000;
const EVENTS = arg('events', 2000);
const NAIVE_EVENTS = arg('naive', 200);
let seed = arg('seed', 42);
const rnd = (n) => {
  // xorshift32: deterministic across runs.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};
const pick = (list) => list[rnd(list.length)];

const SYLLABLES = ('an ao ba bai bao bei ben bo cai can chang chen cheng chu da dan de deng ding dong du fang fei feng fu gao ' +
  'ge gong gu guan guang hai han hao he heng hong hua huan hui jia jian jiang jin jing jiu kai kang lan le li lian liang ' +
  'lin long lu mei ming nan ning pei ping qi qian qiang qing rong rui sen shan sheng shi shun tai tian tong wan wei wen xi ' +
  'xiang xin xing xu ya yang yao yi ying yong yu yuan yue yun ze zhen zheng zhi zhong zhou').split(' ');
const PLACES = ['', '', '', 'Ningbo ', 'Baotou ', 'Ganzhou ', 'Jiangxi ', 'Beijing ', 'Shanghai ', 'Inner Mongolia ', 'Sichuan '];
const GENERIC = ['Rare Earth', 'Magnet', 'Magnetics', 'Materials', 'New Materials', 'Resources Holding', 'High-Tech',
  'Rare-Earth (Group) Hi-Tech', 'Metals', 'Technology', 'Advanced Materials', 'Mining', 'Industrial', 'Electronics'];
const LEGAL = ['Co., Ltd.', 'Co.,Ltd', 'Company Limited', 'Corp.', 'Inc.', 'Limited', 'Group Co., Ltd.', 'GmbH'];
const HANZI = ('金力永磁韵升中科三环盛和北方南方华宏鑫瑞博通达利丰泰安恒昌盛兴隆德正元天宇星海东西龙凤祥云明光新华宝福' +
  '嘉美康宁远志诚信科创佳豪晟昊凯鼎峰岭川江河山石林森铭睿智勤').split('');
const PLACES_ZH = ['', '', '宁波', '包头', '赣州', '江西', '北京', '上海', '内蒙古', '四川'];
const GENERIC_ZH = ['稀土', '磁业', '新材料', '科技', '永磁科技', '资源控股', '稀土集团高科技', '磁材', '材料'];
const LEGAL_ZH = ['股份有限公司', '有限公司', '有限责任公司', '集团有限公司'];
const T_CHARS = { 华: '華', 丰: '豐', 龙: '龍', 凤: '鳳', 东: '東', 兴: '興', 宝: '寶', 诚: '誠', 业: '業', 团: '團', 资: '資', 顺: '順' };

const cap = (s) => s[0].toUpperCase() + s.slice(1);
function syntheticCompany(i) {
  const brand = cap(Array.from({ length: 2 + rnd(2) }, () => pick(SYLLABLES)).join(''));
  const zhBrand = Array.from({ length: 2 + rnd(2) }, () => pick(HANZI)).join('');
  const ticker = rnd(3) === 0 ? `${600000 + rnd(4000)}.SH` : null;
  return {
    key: `c${i}`,
    legalNameEn: `${pick(PLACES)}${brand} ${pick(GENERIC)} ${pick(LEGAL)}`,
    legalNameZh: `${pick(PLACES_ZH)}${zhBrand}${pick(GENERIC_ZH)}${pick(LEGAL_ZH)}`,
    brand,
    tickers: ticker ? [ticker] : [],
  };
}

const real = JSON.parse(readFileSync(join(here, '../apps/api/src/matching/suppliers/fixtures/rare_earth_companies.json'), 'utf8'))
  .companies.filter((c) => c.legal_name_zh || c.legal_name_ja).map((c) => ({ key: c.key, legalNameEn: c.legal_name_en, legalNameZh: c.legal_name_zh ?? c.legal_name_ja ?? null, tickers: c.tickers ?? [], brand: null }));
const pool = [...real, ...Array.from({ length: COMPANIES }, (_, i) => syntheticCompany(i))];

const suppliers = [];
for (let t = 0; t < TENANTS; t++) {
  const tenantId = `tenant-${String(t).padStart(4, '0')}`;
  const chosen = new Set();
  while (chosen.size < SUPPLIERS_PER_TENANT) chosen.add(rnd(pool.length));
  for (const i of chosen) {
    const c = pool[i];
    suppliers.push({ id: `${tenantId}/${c.key}`, tenantId, legalNameEn: c.legalNameEn, legalNameZh: c.legalNameZh, aliases: [], tickers: c.tickers });
  }
}
const aliases = suppliers.reduce((n, s) => n + 1 + (s.legalNameZh ? 1 : 0) + s.aliases.length, 0);

function eventName() {
  const c = pick(pool);
  switch (rnd(10)) {
    case 0: return c.legalNameEn.toUpperCase();
    case 1: return c.legalNameEn.replace(/\s+(Co\.,? ?Ltd\.?|Company Limited|Corp\.|Inc\.|Limited|GmbH)$/, '');
    case 2: return c.brand ? `${c.brand} ${pick(GENERIC)}` : c.legalNameEn;
    case 3: return c.tickers[0] ? `${c.legalNameEn} (${c.tickers[0]})` : c.legalNameEn;
    case 4: return c.legalNameZh ?? c.legalNameEn;
    case 5: return (c.legalNameZh ?? '').split('').map((ch) => T_CHARS[ch] ?? ch).join('') || c.legalNameEn;
    case 6: return `${pick(PLACES)}${pick(GENERIC)} Group Co., Ltd.`; // generic words only
    default: return syntheticCompany(COMPANIES + rnd(1e6)).legalNameEn; // an unregistered company
  }
}
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
    stats: { events: names.length, p50Ms: round(q(0.5)), p99Ms: round(q(0.99)), eventsPerSec: Math.round(names.length / (total / 1000)) },
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
const bestOf3 = { p50Ms: round(best[Math.floor(0.5 * best.length)]), p99Ms: round(best[Math.floor(0.99 * best.length)]) };
const summary = (hits) => JSON.stringify(hits.map((h) => [h.supplier.id, h.band, h.score, h.matchedName.kind, h.matchedName.value]));
const identical = sample.every((_, i) => summary(sampleIndexed[i]) === summary(naive.results[i]));
const matches = indexed.results.reduce((n, hits) => n + hits.filter((h) => h.band === 'MATCH').length, 0);
const possible = indexed.results.reduce((n, hits) => n + hits.filter((h) => h.band === 'POSSIBLE').length, 0);

console.log(JSON.stringify({
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
}));
if (!identical) process.exitCode = 1;
