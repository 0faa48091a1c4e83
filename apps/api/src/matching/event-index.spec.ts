import { seedReferenceIndex } from '../testing/reference.js';
import { randomCorpus } from './corpus.js';
import { type BackfillHit, EventIndex, naiveBackfill, type StoredEventFacts } from './event-index.js';
import type { SupplierSpec, WatchSpec } from './types.js';

const ref = seedReferenceIndex();

const no18: StoredEventFacts = {
  id: 'no18',
  type: 'POLICY_CHANGE',
  jurisdiction: 'CN',
  reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  action: 'IMPOSED',
  elements: ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'],
  hsCodes: ['2846901940'],
  controlEntries: ['1C902', '1C904.b'],
};
const ga: StoredEventFacts = {
  ...no18,
  id: 'ga',
  reference: 'No. 23',
  elements: ['Ga'],
  hsCodes: [],
  controlEntries: [],
};
const licence: StoredEventFacts = {
  id: 'licence',
  type: 'PERMIT_EVENT',
  jurisdiction: 'CN',
  reference: null,
  permitStatus: 'GRANTED',
  elements: [],
  hsCodes: [],
  controlEntries: [],
  exporterName: '江西金力永磁科技股份有限公司',
};
const dy: WatchSpec = { id: 'w-dy', tenantId: 't1', kind: 'ELEMENT', elementSymbol: 'Dy' };
const jlMag: SupplierSpec = {
  id: 's1',
  tenantId: 't1',
  legalNameEn: 'JL MAG Rare-Earth Co., Ltd.',
  legalNameZh: '江西金力永磁科技股份有限公司',
  aliases: [],
};

describe('EventIndex', () => {
  const index = new EventIndex(ref, [no18, ga, licence]);

  it('finds the stored events a new watch reaches, with the reasons ingestion would give', () => {
    const hits = index.match([dy]);
    expect(hits.map((h) => h.eventId)).toEqual(['no18']);
    expect(hits[0]!.reasons[0]).toMatchObject({ subject: { type: 'WATCH', watchId: 'w-dy' }, element: 'Dy' });
    expect(hits).toEqual(naiveBackfill(ref, [no18, ga, licence], [dy]));
  });

  it('finds a licence naming a supplier (by its Chinese legal name)', () => {
    const hits = index.match([], [jlMag]);
    expect(hits.map((h) => [h.eventId, h.reasons[0]!.subject.type])).toEqual([['licence', 'SUPPLIER']]);
  });

  it('leaves out events that no longer apply, and answers nothing for nothing', () => {
    expect(index.match([dy], [jlMag], [], (e) => e.id !== 'no18').map((h) => h.eventId)).toEqual(['licence']);
    expect(index.match([], [])).toEqual([]);
  });

  it('answers as the naive scan of every stored event does, on a random corpus', () => {
    const corpus = randomCorpus(ref, { tenants: 3, watchesPerTenant: 40, events: 600, maxTags: 6, seed: 5 });
    const events = corpus.events.map((e, i) => ({ ...e, id: `e${i}` }));
    const stored = new EventIndex(ref, []);
    for (const e of events) stored.add(e);
    const applies = (e: StoredEventFacts) => Number(e.id.slice(1)) % 7 !== 0;
    for (const tenant of ['t0000', 't0001', 't0002']) {
      const watches = corpus.watches.filter((w) => w.tenantId === tenant);
      const suppliers: SupplierSpec[] = [
        { id: `${tenant}-s`, tenantId: tenant, legalNameEn: 'Exporter 17 Co., Ltd.', aliases: [] },
      ];
      expect(stored.match(watches, suppliers, [], applies)).toEqual(
        naiveBackfill(ref, events, watches, suppliers, [], applies),
      );
      for (const w of watches.slice(0, 10)) expect(stored.match([w])).toEqual(naiveBackfill(ref, events, [w]));
    }
  });

  it('answers as the naive scan for a few watches at once (the picked-keys path), keys shared and text exclusions', () => {
    const corpus = randomCorpus(ref, { tenants: 1, watchesPerTenant: 60, events: 400, maxTags: 6, seed: 11 });
    // An event citing many codes and entries (more picked keys than the picked-keys path takes), and one whose text
    // names Dy and HS 8505.11 in an exclusion (the flag is read from the index, not from the event).
    const many: StoredEventFacts = {
      ...no18,
      id: 'many',
      hsCodes: ['2846901940', '2846901500', '2805301100', '8505111000', '2846902000', '2846903000'],
      controlEntries: ['1C902', '1C904.b', '1C903.a'],
    };
    const text = 'Controls apply to terbium oxide, excluding dysprosium metal and HS 8505.11.';
    const excluding: StoredEventFacts = {
      ...no18,
      id: 'excluding',
      elements: ['Tb'],
      hsCodes: [],
      controlEntries: [],
      textTags: [
        { kind: 'ELEMENT', value: 'Tb', field: 'body', start: 18, end: 25, text: 'terbium' },
        { kind: 'ELEMENT', value: 'Dy', field: 'body', start: 43, end: 53, text: 'dysprosium', excluded: true },
        { kind: 'HS_CODE', value: '850511', field: 'body', start: 67, end: 74, text: '8505.11', excluded: true },
      ],
    };
    expect(text.slice(43, 53)).toBe('dysprosium');
    const events = [many, excluding, ...corpus.events.map((e, i) => ({ ...e, id: `e${i}` }))];
    const stored = new EventIndex(ref, events);
    const extra: WatchSpec[] = [
      dy,
      { id: 'w-hs', tenantId: 't0000', kind: 'HS_CODE', hsPrefix: '2846' },
      { id: 'w-hs6', tenantId: 't0000', kind: 'HS_CODE', hsPrefix: '284690' },
      { id: 'w-magnet', tenantId: 't0000', kind: 'HS_CODE', hsPrefix: '850511' },
      { id: 'w-en', tenantId: 't0000', kind: 'CONTROL_ENTRY', controlEntry: '1C902' },
    ];
    const watches = [...extra, ...corpus.watches];
    for (let size = 1; size <= 9; size++)
      for (let from = 0; from + size <= 30; from += 3) {
        const some = watches.slice(from, from + size);
        expect(stored.match(some)).toEqual(naiveBackfill(ref, events, some));
      }
    expect(stored.match(extra).map((h) => h.eventId)).toContain('many');
    const tb = stored.match([{ id: 'w-tb', tenantId: 't0000', kind: 'ELEMENT', elementSymbol: 'Tb' }, dy]);
    expect(tb.find((h) => h.eventId === 'excluding')?.reasons.map((r) => r.text)).toEqual(
      naiveBackfill(
        ref,
        [excluding],
        [{ id: 'w-tb', tenantId: 't0000', kind: 'ELEMENT', elementSymbol: 'Tb' }, dy],
      )[0]?.reasons.map((r) => r.text),
    );
  });

  it('finds a licence whose exporter meets a supplier only through a romanised name (issue 12: as the naive scan)', () => {
    const permit = (id: string, exporterName: string): StoredEventFacts => ({ ...licence, id, exporterName });
    const events = [permit('latin', 'Xiamen Tungsten Co., Ltd.'), permit('deli', 'Deli Materials'), licence];
    const stored = new EventIndex(ref, events);
    // Registered under another English name: only the Chinese legal name, romanised, meets the exporters.
    const suppliers: SupplierSpec[] = [
      { id: 's-x', tenantId: 't1', legalNameEn: 'XT Holding', legalNameZh: '厦门钨业股份有限公司', aliases: [] },
      {
        id: 's-d',
        tenantId: 't1',
        legalNameEn: 'Ningying Magnet Co., Ltd.',
        legalNameZh: '德利资源控股有限公司',
        aliases: [],
      },
    ];
    for (const s of suppliers) expect(stored.match([], [s])).toEqual(naiveBackfill(ref, events, [], [s]));
    expect(stored.match([], suppliers).map((h) => h.eventId)).toEqual(['latin', 'deli']);
  });

  it('answers in steps exactly as in one call, yielding between steps', () => {
    const corpus = randomCorpus(ref, { tenants: 1, watchesPerTenant: 60, events: 800, maxTags: 6, seed: 9 });
    const events = corpus.events.map((e, i) => ({
      ...e,
      id: `e${i}`,
      exporterName: i % 5 ? null : 'Exporter 17 Co., Ltd.',
    }));
    const stored = new EventIndex(ref, events);
    const suppliers: SupplierSpec[] = [
      { id: 's', tenantId: 't0000', legalNameEn: 'Exporter 17 Co., Ltd.', aliases: [] },
      { id: 's2', tenantId: 't0000', legalNameEn: 'Unrelated Trading GmbH', aliases: [] },
    ];
    const whole = stored.match(corpus.watches, suppliers);
    expect(whole.length).toBeGreaterThan(0);
    // A step budget of 0 ms: a yield after every unit of work the generator checks the clock for.
    const steps = stored.matchInSteps(corpus.watches, suppliers, [], undefined, 0);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    expect(yields).toBeGreaterThan(10);
    expect(step.value).toEqual(whole);
    expect(step.value).toEqual(naiveBackfill(ref, events, corpus.watches, suppliers));
  });

  it('hands the hits over in batches, in order, that together are the answer of one call', () => {
    const corpus = randomCorpus(ref, { tenants: 1, watchesPerTenant: 60, events: 800, maxTags: 6, seed: 9 });
    const events = corpus.events.map((e, i) => ({
      ...e,
      id: `e${i}`,
      exporterName: i % 5 ? null : 'Exporter 17 Co., Ltd.',
    }));
    const stored = new EventIndex(ref, events);
    const suppliers: SupplierSpec[] = [
      { id: 's', tenantId: 't0000', legalNameEn: 'Exporter 17 Co., Ltd.', aliases: [] },
    ];
    const whole = stored.match(corpus.watches, suppliers);
    expect(whole.length).toBeGreaterThan(20);
    const batches: BackfillHit[][] = [];
    let steps = 0;
    for (const batch of stored.matchInBatches(corpus.watches, suppliers, [], undefined, 0, 7)) {
      if (batch) batches.push(batch);
      else steps++;
    }
    expect(steps).toBeGreaterThan(10);
    expect(batches.slice(0, -1).every((b) => b.length === 7)).toBe(true);
    expect(batches.at(-1)!.length).toBeGreaterThan(0);
    expect(batches.at(-1)!.length).toBeLessThanOrEqual(7);
    expect(batches.flat()).toEqual(whole);
    expect(batches.flat()).toEqual(naiveBackfill(ref, events, corpus.watches, suppliers));
    // Nothing reached: no batch at all.
    expect([...stored.matchInBatches([], [])]).toEqual([]);
  });

  it('skips events of other jurisdictions when every watch has a jurisdiction filter, as the naive scan does', () => {
    const corpus = randomCorpus(ref, { tenants: 1, watchesPerTenant: 40, events: 600, maxTags: 4, seed: 11 });
    const events = corpus.events.map((e, i) => ({
      ...e,
      id: `e${i}`,
      exporterName: i % 3 ? null : 'Exporter 17 Co., Ltd.',
    }));
    const stored = new EventIndex(ref, events);
    const us = corpus.watches.map((w) => ({ ...w, jurisdiction: 'US' }));
    const suppliers: SupplierSpec[] = [
      { id: 's', tenantId: 't0000', legalNameEn: 'Exporter 17 Co., Ltd.', aliases: [] },
    ];
    const hits = stored.match(us, suppliers);
    expect(hits).toEqual(naiveBackfill(ref, events, us, suppliers));
    const byId = new Map(events.map((e) => [e.id, e]));
    const watchOnCn = hits.filter(
      (h) => byId.get(h.eventId)!.jurisdiction === 'CN' && h.reasons.some((r) => r.subject.type === 'WATCH'),
    );
    expect(watchOnCn).toEqual([]);
    // CN events still reach the supplier (no jurisdiction filter on suppliers), US events the watches.
    expect(hits.some((h) => byId.get(h.eventId)!.jurisdiction === 'CN')).toBe(true);
    expect(hits.some((h) => h.reasons.some((r) => r.subject.type === 'WATCH'))).toBe(true);
    const mixed = [...us.slice(0, 5), { ...corpus.watches[5]!, jurisdiction: null }];
    expect(stored.match(mixed)).toEqual(naiveBackfill(ref, events, mixed));
  });

  it('gives the reasons of a fixed fixture word for word (keys computed once per stored event, not per call)', () => {
    const entry: WatchSpec = { id: 'w-1c902', tenantId: 't1', kind: 'CONTROL_ENTRY', controlEntry: '1C902' };
    const hs: WatchSpec = { id: 'w-2846', tenantId: 't1', kind: 'HS_CODE', hsPrefix: '2846' };
    const news: StoredEventFacts = {
      ...no18,
      id: 'news',
      reference: 'Reuters, 2025-04-04',
      elements: [],
      hsCodes: [],
      controlEntries: [],
      textTags: [{ kind: 'ELEMENT', value: 'Dy', field: 'body', start: 10, end: 20, text: 'dysprosium' }],
    };
    const stored = new EventIndex(ref, [no18, ga, news]);
    // Twice: the second call reads the same stored keys again.
    for (let i = 0; i < 2; i++) {
      const hits = stored.match([dy, hs, entry]);
      expect(hits.map((h) => [h.eventId, h.severity, h.reasons.map((r) => r.text)])).toEqual([
        [
          'no18',
          'HIGH',
          [
            'Your watch on dysprosium (Dy) matched: MOFCOM/GAC Announcement 2025 No. 18 names dysprosium (Dy)',
            'Your watch on HS 2846 matched customs code 2846901940 in MOFCOM/GAC Announcement 2025 No. 18',
            'Your watch on control-list entry 1C902 matched 1C902 in MOFCOM/GAC Announcement 2025 No. 18',
          ],
        ],
        [
          'news',
          'HIGH',
          [
            'Your watch on dysprosium (Dy) matched: the text of Reuters, 2025-04-04 names dysprosium (Dy) (found in the event\'s body: "dysprosium")',
          ],
        ],
      ]);
      expect(hits).toEqual(naiveBackfill(ref, [no18, ga, news], [dy, hs, entry]));
    }
  });
});
