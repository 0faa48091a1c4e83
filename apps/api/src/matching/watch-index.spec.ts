import { readFileSync } from 'node:fs';
import { randomCorpus } from './corpus.js';
import { NaiveTenantScan, TenantIndex } from './matcher.js';
import { assembleWatchMatches, NaiveWatchScan } from './watch-index.js';
import type { SupplierSpec } from './types.js';
import { seedReferenceIndex } from '../testing/reference.js';

const reference = seedReferenceIndex();

describe('WatchIndex against the naive scan', () => {
  it('gives exactly the alerts of checking every watch of every tenant, on a random corpus', () => {
    const corpus = randomCorpus(reference, { tenants: 40, watchesPerTenant: 30, events: 150, maxTags: 30, seed: 7 });
    const index = new TenantIndex(reference, corpus.watches, []);
    const naive = new NaiveWatchScan(reference, corpus.watches);
    let matched = 0;
    let viaExpansion = 0;
    for (const event of corpus.events) {
      const fast = index.match(event);
      expect(fast).toEqual(assembleWatchMatches(event, naive.match(event)));
      matched += fast.length;
      for (const m of fast)
        viaExpansion += m.reasons.filter(
          (r) => !['ELEMENT_NAMED', 'HS_CODE_PREFIX', 'CONTROL_ENTRY'].includes(r.via),
        ).length;
    }
    // the corpus exercises matching, and the expanded paths in particular
    expect(matched).toBeGreaterThan(100);
    expect(viaExpansion).toBeGreaterThan(100);
  });

  it('gives the same alerts when tenants interleave in the input and when an event reaches only a few tenants', () => {
    // Sparse watchlists: most events reach fewer than 1 in 8 tenants (the index then sorts the few it reached
    // instead of scanning all); the input is shuffled so one tenant's watches are not contiguous.
    const corpus = randomCorpus(reference, { tenants: 300, watchesPerTenant: 1, events: 200, maxTags: 3, seed: 3 });
    const shuffled = [...corpus.watches];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const index = new TenantIndex(reference, shuffled, []);
    const naive = new NaiveWatchScan(reference, shuffled);
    let sparse = 0;
    for (const event of corpus.events) {
      const fast = index.match(event);
      expect(fast).toEqual(assembleWatchMatches(event, naive.match(event)));
      if (fast.length > 0 && fast.length * 8 < 300) sparse++;
    }
    expect(sparse).toBeGreaterThan(50);
  });

  it('gives the alerts of the naive scan with suppliers too: watch and supplier reasons merged per tenant', () => {
    // The real companies of the quality fixtures as suppliers of every third tenant; events name them in other forms.
    const companies: { key: string; legal_name_en: string; legal_name_zh?: string }[] = JSON.parse(
      readFileSync(new URL('./suppliers/fixtures/rare_earth_companies.json', import.meta.url), 'utf8'),
    ).companies;
    const corpus = randomCorpus(reference, { tenants: 30, watchesPerTenant: 10, events: 120, maxTags: 8, seed: 5 });
    const suppliers: SupplierSpec[] = [];
    for (let t = 0; t < 30; t += 3) {
      const c = companies[t % companies.length]!;
      suppliers.push({
        id: `s${t}`,
        tenantId: `t${String(t).padStart(4, '0')}`,
        legalNameEn: c.legal_name_en,
        legalNameZh: c.legal_name_zh ?? null,
        aliases: [],
      });
    }
    suppliers.push({
      id: 'only',
      tenantId: 'a-supplier-only-tenant',
      legalNameEn: companies[0]!.legal_name_en,
      legalNameZh: null,
      aliases: [],
    });
    const index = new TenantIndex(reference, corpus.watches, suppliers);
    const naive = new NaiveTenantScan(reference, corpus.watches, suppliers);
    let supplierReasons = 0;
    corpus.events.forEach((event, i) => {
      const c = companies[i % companies.length]!;
      const named = {
        ...event,
        exporterName: i % 2 ? c.legal_name_en.toUpperCase() : (c.legal_name_zh ?? c.legal_name_en),
        endUser: i % 5 ? null : companies[(i + 1) % companies.length]!.legal_name_en,
      };
      const fast = index.match(named);
      expect(fast).toEqual(naive.match(named));
      for (const m of fast) supplierReasons += m.reasons.filter((r) => r.subject.type === 'SUPPLIER').length;
    });
    expect(supplierReasons).toBeGreaterThan(50);
  });

  it("orders each tenant's reasons by watch kind, then by watch position", () => {
    const corpus = randomCorpus(reference, { tenants: 3, watchesPerTenant: 40, events: 20, maxTags: 30, seed: 11 });
    const index = new TenantIndex(reference, corpus.watches, []);
    const position = new Map(corpus.watches.map((w, i) => [w.id, i]));
    const kind = new Map(corpus.watches.map((w) => [w.id, ['ELEMENT', 'HS_CODE', 'CONTROL_ENTRY'].indexOf(w.kind)]));
    for (const event of corpus.events) {
      for (const m of index.match(event)) {
        const keys = m.reasons.map((r) =>
          r.subject.type === 'WATCH' ? kind.get(r.subject.watchId)! * 1e6 + position.get(r.subject.watchId)! : 0,
        );
        expect(keys).toEqual([...keys].sort((a, b) => a - b));
      }
    }
  });
});
