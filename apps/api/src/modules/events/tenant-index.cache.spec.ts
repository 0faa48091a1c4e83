import { TenantIndex } from '../../matching/matcher.js';
import type { EventFacts, SupplierSpec, WatchSpec } from '../../matching/types.js';
import { seedReferenceIndex } from '../../testing/reference.js';
import { LayeredMatcher } from './tenant-index.cache.js';

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
