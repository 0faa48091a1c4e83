import { TenantIndex } from '../../matching/matcher.js';
import type { EventFacts, SupplierSpec, WatchSpec } from '../../matching/types.js';
import { seedReferenceIndex } from '../../testing/reference.js';
import { LayeredMatcher, TenantIndexCache } from './tenant-index.cache.js';

const reference = seedReferenceIndex();
const ELEMENTS = ['Dy', 'Tb', 'Sm', 'Ga', 'Ge', 'Nd', 'Y', 'W'];
const HS = ['2846', '850511', '280530', '811292'];
const NAMES = [
  'JL MAG Rare-Earth Co., Ltd.',
  'Xiamen Tungsten Co., Ltd.',
  'Lynas Rare Earths Ltd',
  'Zhuzhou Smelter Co.',
];

/** A deterministic pseudo-random profile for tenants t000..t{n-1}. */
function profiles(n: number, seed: number): { watches: WatchSpec[]; suppliers: SupplierSpec[] } {
  let s = seed;
  const rnd = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const watches: WatchSpec[] = [];
  const suppliers: SupplierSpec[] = [];
  for (let t = 0; t < n; t++) {
    const tenantId = `t${String(t).padStart(3, '0')}`;
    for (let w = rnd(4); w > 0; w--) {
      const id = `${tenantId}-w${w}-${seed}`;
      watches.push(
        rnd(2)
          ? { id, tenantId, kind: 'ELEMENT', elementSymbol: ELEMENTS[rnd(ELEMENTS.length)]! }
          : { id, tenantId, kind: 'HS_CODE', hsPrefix: HS[rnd(HS.length)]! },
      );
    }
    if (rnd(3) === 0)
      suppliers.push({ id: `${tenantId}-s-${seed}`, tenantId, legalNameEn: NAMES[rnd(NAMES.length)]!, aliases: [] });
  }
  return { watches, suppliers };
}

const events: EventFacts[] = [
  {
    type: 'POLICY_CHANGE',
    jurisdiction: 'CN',
    action: 'IMPOSED',
    elements: ['Dy', 'Tb'],
    hsCodes: ['2846901940'],
    controlEntries: ['1C905'],
  },
  {
    type: 'POLICY_CHANGE',
    jurisdiction: 'CN',
    action: 'IMPOSED',
    elements: ['Ga', 'Ge'],
    hsCodes: [],
    controlEntries: [],
  },
  {
    type: 'PERMIT_EVENT',
    jurisdiction: 'CN',
    status: 'REVOKED',
    elements: ['W'],
    hsCodes: [],
    controlEntries: [],
    exporterName: 'Xiamen Tungsten Co., Ltd.',
  },
  {
    type: 'PERMIT_EVENT',
    jurisdiction: 'CN',
    status: 'GRANTED',
    elements: ['Nd'],
    hsCodes: ['8505111000'],
    controlEntries: [],
    exporterName: 'JL MAG Rare-Earth Co., Ltd.',
  },
] as EventFacts[];

describe('LayeredMatcher (the built index plus an overlay of changed tenants)', () => {
  it('answers exactly as a fresh index over the current profiles, for changed, removed and new tenants', () => {
    const before = profiles(120, 7);
    const after = profiles(130, 11); // every tenant's profile differs; t120..t129 are new
    // Every seventh tenant changed, and three new ones: 20 in all.
    const changed = new Set(
      Array.from({ length: 130 }, (_, i) => `t${String(i).padStart(3, '0')}`).filter(
        (t, i) => i % 7 === 3 || ['t120', 't125', 't129'].includes(t),
      ),
    );
    const removed = 't050'; // e.g. suspended: no profile in the overlay
    changed.add(removed);
    const keep = <T extends { tenantId: string }>(old: T[], now: T[]) => [
      ...old.filter((x) => !changed.has(x.tenantId)),
      ...now.filter((x) => changed.has(x.tenantId) && x.tenantId !== removed),
    ];
    const current = {
      watches: keep(before.watches, after.watches),
      suppliers: keep(before.suppliers, after.suppliers),
    };
    const overlayOnly = <T extends { tenantId: string }>(xs: T[]) => xs.filter((x) => changed.has(x.tenantId));

    const base = new TenantIndex(reference, before.watches, before.suppliers);
    const overlay = new TenantIndex(reference, overlayOnly(current.watches), overlayOnly(current.suppliers));
    const layered = new LayeredMatcher(base, overlay, changed);
    const fresh = new TenantIndex(reference, current.watches, current.suppliers);
    const reached = new Set<string>();
    for (const event of events) {
      const want = fresh.match(event);
      expect(layered.match(event)).toEqual(want);
      for (const m of want) reached.add(m.tenantId);
    }
    // Not vacuous: the events reach many tenants, changed and new ones among them, and the base alone would differ.
    expect(reached.size).toBeGreaterThanOrEqual(20);
    expect([...changed].filter((t) => reached.has(t)).length).toBeGreaterThanOrEqual(3);
    expect(events.some((e) => JSON.stringify(base.match(e)) !== JSON.stringify(fresh.match(e)))).toBe(true);
  });
});

describe('TenantIndexCache with a scope (one shard of tenants)', () => {
  /** A fake repository over `profiles(20, 7)` with per-tenant counters; records which tenants each read asked for. */
  function fakeRepo() {
    const data = profiles(20, 7);
    const versions = new Map(Array.from({ length: 20 }, (_, i) => [`t${String(i).padStart(3, '0')}`, 1n]));
    const reads: (string[] | 'all')[] = [];
    const repo = {
      matchingProfileVersion: async () => [...versions.values()].reduce((a, b) => a + b, 0n),
      matchingProfileVersions: async () => new Map(versions),
      matchingProfiles: async (_tx: unknown, ids?: readonly string[]) => {
        reads.push(ids ? [...ids].sort() : 'all');
        const keep = <T extends { tenantId: string }>(xs: T[]) =>
          ids ? xs.filter((x) => ids.includes(x.tenantId)) : xs;
        return { watches: keep(data.watches), suppliers: keep(data.suppliers), supplierDecisions: [] };
      },
    };
    return { data, versions, reads, repo };
  }
  const even = (id: string) => Number(id.slice(1)) % 2 === 0;
  const tx = {} as never;
  const transactions = { run: async (fn: (t: unknown) => unknown) => fn(tx) } as never;

  it("reads and indexes only the scope's tenants, and answers as a full index restricted to them", async () => {
    const { data, reads, repo } = fakeRepo();
    const cache = new TenantIndexCache(repo as never, transactions, even);
    const matcher = await cache.get(tx, reference);
    expect(reads).toEqual([Array.from({ length: 10 }, (_, i) => `t${String(i * 2).padStart(3, '0')}`)]);
    const full = new TenantIndex(reference, data.watches, data.suppliers);
    let reached = 0;
    for (const event of events) {
      const want = full.match(event).filter((m) => even(m.tenantId));
      expect(matcher.match(event)).toEqual(want);
      reached += want.length;
    }
    expect(reached).toBeGreaterThan(0);
  });

  it('a change of a tenant out of scope builds nothing; one in scope gets an overlay', async () => {
    const { versions, reads, repo } = fakeRepo();
    const cache = new TenantIndexCache(repo as never, transactions, even);
    await cache.get(tx, reference);
    versions.set('t003', 2n); // odd: another shard's tenant
    await cache.get(tx, reference);
    expect([cache.builds, cache.overlays, reads.length]).toEqual([1, 0, 1]);
    // Current again for that snapshot: the next call takes the fast path (no counter list read needed).
    await cache.get(tx, reference);
    expect([cache.builds, cache.overlays]).toEqual([1, 0]);
    versions.set('t004', 2n); // in scope
    await cache.get(tx, reference);
    await cache.settled();
    expect(cache.overlays).toBe(1);
    expect(reads[1]).toEqual(['t004']);
  });
});

describe('TenantIndexCache.refresh (the index kept warm off the request path)', () => {
  const data = profiles(30, 9);
  const setup = () => {
    const versions = new Map(Array.from({ length: 30 }, (_, i) => [`t${String(i).padStart(3, '0')}`, 1n]));
    const repo = {
      matchingProfileVersion: async () => [...versions.values()].reduce((a, b) => a + b, 0n),
      matchingProfileVersions: async () => new Map(versions),
      matchingProfiles: async (_tx: unknown, ids?: readonly string[]) => {
        const keep = <T extends { tenantId: string }>(xs: T[]) =>
          ids ? xs.filter((x) => ids.includes(x.tenantId)) : xs;
        return { watches: keep(data.watches), suppliers: keep(data.suppliers), supplierDecisions: [] };
      },
    };
    const tx = {} as never;
    const transactions = { run: async (fn: (t: unknown) => unknown) => fn(tx) } as never;
    return { versions, tx, cache: new TenantIndexCache(repo as never, transactions) };
  };

  it('builds at start-up, rebuilds only after a change, and the next ingestion then needs neither build nor overlay', async () => {
    const { versions, tx, cache } = setup();
    await cache.refresh(reference, { wait: true });
    expect([cache.builds, cache.overlays]).toEqual([1, 0]);
    await cache.refresh(reference, { wait: true }); // nothing changed: one read of the sum, no build
    expect(cache.builds).toBe(1);

    const matcher = await cache.get(tx, reference);
    expect([cache.builds, cache.overlays]).toEqual([1, 0]); // the ingestion found the warm index
    const full = new TenantIndex(reference, data.watches, data.suppliers);
    for (const event of events) expect(matcher.match(event)).toEqual(full.match(event));

    // Every tenant changed: the refresh rebuilds in the background, and the next ingestion needs no overlay.
    for (const id of versions.keys()) versions.set(id, 2n);
    await cache.refresh(reference, { wait: true });
    expect(cache.builds).toBe(2);
    await cache.get(tx, reference);
    expect([cache.builds, cache.overlays]).toEqual([2, 0]);
  });

  it('starts at most one background build, and a refresh without wait does not wait for it', async () => {
    const { versions, cache } = setup();
    await cache.refresh(reference, { wait: true });
    versions.set('t001', 2n);
    await cache.refresh(reference);
    await cache.refresh(reference); // a build is in flight: no second one
    await cache.settled();
    expect(cache.builds).toBe(2);
  });
});
