import { seedReferenceIndex } from '../testing/reference.js';
import { randomCorpus } from './corpus.js';
import { EventIndex, naiveBackfill, type StoredEventFacts } from './event-index.js';
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
});
