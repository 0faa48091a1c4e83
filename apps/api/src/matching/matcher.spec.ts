import { randomCorpus } from './corpus.js';
import { TenantIndex } from './matcher.js';
import { formatHs, hsDigits } from './normalize.js';
import type { EventFacts, SupplierNameDecisionSpec, SupplierSpec, WatchSpec } from './types.js';
import { seedReferenceIndex } from '../testing/reference.js';
import { reasonText } from '../testing/reason-text.js';

const reference = seedReferenceIndex();

const no18: EventFacts = {
  type: 'POLICY_CHANGE',
  jurisdiction: 'CN',
  reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  action: 'IMPOSED',
  elements: [],
  hsCodes: ['2846901940'],
  controlEntries: ['1C905', '1C904.b'],
};

const watch = (id: string, tenantId: string, spec: Partial<WatchSpec>): WatchSpec => ({
  id,
  tenantId,
  kind: 'ELEMENT',
  ...spec,
});
const jlMag: SupplierSpec = {
  id: 's1',
  tenantId: 't1',
  legalNameEn: 'JL MAG Rare-Earth Co., Ltd.',
  legalNameZh: '江西金力永磁科技股份有限公司',
  aliases: ['JL Mag'],
};

describe('TenantIndex.match', () => {
  it('matches an element watch through a control-list entry the event cites and explains it', () => {
    const index = new TenantIndex(reference, [watch('w1', 't1', { elementSymbol: 'Dy' })], []);
    const [m] = index.match(no18);
    expect(m!.tenantId).toBe('t1');
    expect(m!.severity).toBe('HIGH');
    expect(m!.reasons).toHaveLength(1);
    expect(m!.reasons[0]).toMatchObject({
      via: 'ELEMENT_VIA_CONTROL_ENTRY',
      element: 'Dy',
      matched: { field: 'controlEntries', value: '1C905' },
    });
    expect(m!.reasons[0]!.text).toBe(
      reasonText.watch('dysprosium (Dy)', 'control-list entry 1C905', 'MOFCOM/GAC Announcement 2025 No. 18'),
    );
  });

  it('names both the announcement that lists the entry and the document that cites it, when they differ', () => {
    const index = new TenantIndex(reference, [watch('w1', 't1', { elementSymbol: 'Dy' })], []);
    const cited = { ...no18, reference: 'Federal Register 2025-12345', controlEntries: ['1C905'], hsCodes: [] };
    expect(index.match(cited)[0]!.reasons[0]!.text).toBe(
      reasonText.watch(
        'dysprosium (Dy)',
        'control-list entry 1C905 (MOFCOM/GAC Announcement 2025 No. 18)',
        'Federal Register 2025-12345',
      ),
    );
    expect(index.match({ ...cited, reference: null })[0]!.reasons[0]!.text).toBe(
      reasonText.watch(
        'dysprosium (Dy)',
        'control-list entry 1C905 (MOFCOM/GAC Announcement 2025 No. 18)',
        'the event',
      ),
    );
  });

  it('matches an element the event names directly', () => {
    const index = new TenantIndex(reference, [watch('w1', 't1', { elementSymbol: 'Sm' })], []);
    const [m] = index.match({ ...no18, controlEntries: [], hsCodes: [], elements: ['Sm'] });
    expect(m!.reasons[0]).toMatchObject({ via: 'ELEMENT_NAMED', element: 'Sm' });
    expect(m!.reasons[0]!.text).toContain('names samarium (Sm)');
  });

  it('derives an element from a customs code tied to it alone, but not from an ambiguous code', () => {
    const index = new TenantIndex(
      reference,
      [watch('w1', 't1', { elementSymbol: 'Dy' }), watch('w2', 't2', { elementSymbol: 'Sm' })],
      [],
    );
    // 2805301200 is dysprosium metal only; 3824999922 is cited for all seven No. 18 elements.
    const matches = index.match({ ...no18, controlEntries: [], hsCodes: ['2805301200', '3824999922'] });
    expect(matches.map((m) => m.tenantId)).toEqual(['t1']);
    expect(matches[0]!.reasons[0]).toMatchObject({ via: 'ELEMENT_VIA_CUSTOMS_CODE', matched: { value: '2805301200' } });
  });

  it('matches an HS prefix watch on 2846 against the 10-digit code 2846901940', () => {
    const index = new TenantIndex(reference, [watch('w1', 't1', { kind: 'HS_CODE', hsPrefix: '2846' })], []);
    const [m] = index.match(no18);
    expect(m!.reasons[0]).toMatchObject({ via: 'HS_CODE_PREFIX', matched: { field: 'hsCodes', value: '2846901940' } });
    expect(m!.reasons[0]!.text).toBe(
      reasonText.watch('HS 2846', 'customs code 2846901940', 'MOFCOM/GAC Announcement 2025 No. 18'),
    );
  });

  it('does not match a prefix that is longer than or different from the code', () => {
    const index = new TenantIndex(
      reference,
      [
        watch('w1', 't1', { kind: 'HS_CODE', hsPrefix: '850511' }),
        watch('w2', 't1', { kind: 'HS_CODE', hsPrefix: '28469019401' }),
      ],
      [],
    );
    // 1C904.b (terbium oxide) cites no magnet line; 2846901940 is not under 8505.11
    expect(index.match({ ...no18, controlEntries: ['1C904.b'] })).toEqual([]);
  });

  it('matches a control-entry watch on the category, not on a sibling category', () => {
    const index = new TenantIndex(
      reference,
      [
        watch('w1', 't1', { kind: 'CONTROL_ENTRY', controlEntry: '1c904' }),
        watch('w2', 't2', { kind: 'CONTROL_ENTRY', controlEntry: '1C90' }),
      ],
      [],
    );
    const matches = index.match(no18);
    expect(matches.map((m) => m.tenantId)).toEqual(['t1']);
    expect(matches[0]!.reasons[0]!.matched.value).toBe('1C904.b');
  });

  it('honours a jurisdiction filter', () => {
    const index = new TenantIndex(reference, [watch('w1', 't1', { elementSymbol: 'Dy', jurisdiction: 'US' })], []);
    expect(index.match(no18)).toEqual([]);
  });

  it('matches a permit event exporter by Chinese legal name and rates it by permit status', () => {
    const index = new TenantIndex(reference, [], [jlMag]);
    const permit: EventFacts = {
      type: 'PERMIT_EVENT',
      jurisdiction: 'CN',
      reference: null,
      permitStatus: 'REVOKED',
      elements: [],
      hsCodes: [],
      controlEntries: [],
      exporterName: '江西金力永磁科技股份有限公司',
    };
    const [m] = index.match(permit);
    expect(m!.severity).toBe('CRITICAL');
    expect(m!.reasons[0]).toMatchObject({ via: 'SUPPLIER_EXPORTER', subject: { type: 'SUPPLIER', supplierId: 's1' } });
    expect(m!.reasons[0]!.text).toBe(
      reasonText.supplier(
        'JL MAG Rare-Earth Co., Ltd.',
        'exporter',
        '江西金力永磁科技股份有限公司',
        'its Chinese legal name',
        0.98,
      ),
    );
    expect(m!.reasons[0]!.score).toBe(0.98);
    expect(
      index.match({ ...permit, permitStatus: 'GRANTED', exporterName: 'Jl Mag Rare-Earth Co.,Ltd' })[0]!.severity,
    ).toBe('MEDIUM');
  });

  it('explains a partial-name match, and flags a possible match for a buyer to confirm, at LOW severity', () => {
    const neo: SupplierSpec = { id: 's2', tenantId: 't2', legalNameEn: 'Neo Performance Materials Inc.', aliases: [] };
    const index = new TenantIndex(reference, [], [{ ...jlMag, aliases: [] }, neo]);
    const permit: EventFacts = {
      type: 'PERMIT_EVENT',
      jurisdiction: 'CN',
      reference: null,
      permitStatus: 'REVOKED',
      elements: [],
      hsCodes: [],
      controlEntries: [],
    };
    const [jl] = index.match({ ...permit, exporterName: 'JL Mag' });
    expect(jl!.reasons[0]!.text).toBe(
      reasonText.supplier(
        'JL MAG Rare-Earth Co., Ltd.',
        'exporter',
        'JL Mag',
        'the short name "JL Mag" of your supplier (public reference: shared/data/companies/rare_earth_companies.json)',
        0.98,
      ),
    );
    const [possible] = index.match({ ...permit, endUser: 'Neo Materials' });
    expect(possible).toMatchObject({ tenantId: 't2', severity: 'LOW' });
    expect(possible!.reasons[0]).toMatchObject({
      via: 'SUPPLIER_POSSIBLE',
      matched: { field: 'endUser', value: 'Neo Materials' },
    });
    expect(possible!.reasons[0]!.text).toMatch(
      /^Possible match: your supplier Neo Performance Materials Inc\. may be end user Neo Materials, .*\(score 0\.6\d\); confirm or reject it$/,
    );
    const decided = new TenantIndex(
      reference,
      [],
      [jlMag, neo],
      [{ tenantId: 't2', supplierId: 's2', nameKey: possible!.reasons[0]!.nameKey!, decision: 'CONFIRMED' }],
    );
    expect(decided.match({ ...permit, endUser: 'Neo Materials' })[0]).toMatchObject({
      severity: 'CRITICAL',
      reasons: [{ via: 'SUPPLIER_END_USER' }],
    });
  });

  it('does not match a different company or a bare legal form', () => {
    const index = new TenantIndex(reference, [], [jlMag]);
    const base: EventFacts = {
      type: 'PERMIT_EVENT',
      jurisdiction: 'CN',
      reference: null,
      permitStatus: 'GRANTED',
      elements: [],
      hsCodes: [],
      controlEntries: [],
    };
    expect(index.match({ ...base, exporterName: 'Ningbo Yunsheng Co., Ltd.' })).toEqual([]);
    expect(index.match({ ...base, exporterName: 'Co., Ltd.' })).toEqual([]);
  });

  it('merges watch and supplier reasons per tenant, keeps tenants in id order, and rates each tenant by its own reasons', () => {
    // t2 matches by watch only, t1 by watch and supplier, t0 by supplier only (it sorts before the watch tenants).
    const index = new TenantIndex(
      reference,
      [watch('w1', 't2', { elementSymbol: 'Dy' }), watch('w2', 't1', { elementSymbol: 'Dy' })],
      [jlMag, { ...jlMag, id: 's0', tenantId: 't0' }],
    );
    const permit: EventFacts = {
      ...no18,
      type: 'PERMIT_EVENT',
      action: undefined,
      permitStatus: 'DENIED',
      exporterName: 'JL MAG Rare-Earth Co., Ltd.',
    };
    const matches = index.match(permit);
    expect(matches.map((m) => [m.tenantId, m.severity, m.reasons.map((r) => r.subject.type)])).toEqual([
      ['t0', 'CRITICAL', ['SUPPLIER']],
      ['t1', 'CRITICAL', ['WATCH', 'SUPPLIER']],
      ['t2', 'LOW', ['WATCH']],
    ]);
  });

  it('keeps tenants apart: each tenant gets only its own reasons', () => {
    const index = new TenantIndex(
      reference,
      [
        watch('w1', 't1', { elementSymbol: 'Dy' }),
        watch('w2', 't2', { elementSymbol: 'Tb' }),
        watch('w3', 't3', { elementSymbol: 'Nd' }),
      ],
      [],
    );
    const matches = index.match(no18);
    expect(matches.map((m) => [m.tenantId, m.reasons.map((r) => r.element)])).toEqual([
      ['t1', ['Dy']],
      ['t2', ['Tb']],
    ]);
  });
});

describe('normalisation', () => {
  it('handles HS code forms', () => {
    expect(hsDigits('8505.11')).toBe('850511');
    expect(formatHs('850511')).toBe('8505.11');
    expect(formatHs('2846')).toBe('2846');
  });
});

describe('TenantIndex.build (the sliced build the tenant index cache uses)', () => {
  it('answers exactly as the constructor does, and pauses between small steps of every pass', async () => {
    const corpus = randomCorpus(reference, { tenants: 40, watchesPerTenant: 60, events: 120, maxTags: 4, seed: 21 });
    const names: [string, string | undefined][] = [
      ['JL MAG Rare-Earth Co., Ltd.', '江西金力永磁科技股份有限公司'],
      ['Xiamen Tungsten Co., Ltd.', '厦门钨业股份有限公司'],
      ['Lynas Rare Earths Ltd', undefined],
      ['Lynas Rare Earths Inc.', undefined], // same words, other legal form: told apart within a tenant
      ['China Northern Rare Earth (Group) High-Tech Co., Ltd.', '中国北方稀土(集团)高科技股份有限公司'],
      ['Zhuzhou Smelter Group Co., Ltd.', undefined],
    ];
    const suppliers: SupplierSpec[] = [];
    for (let t = 0; t < 40; t++)
      for (let k = 0; k < 3; k++) {
        const [en, zh] = names[(t + k * 2) % names.length]!;
        suppliers.push({
          id: `s${t}-${k}`,
          tenantId: `t${String(t).padStart(4, '0')}`,
          legalNameEn: en,
          ...(zh ? { legalNameZh: zh } : {}),
          aliases: k === 0 ? ['XTC'] : [],
        });
      }
    const decisions: SupplierNameDecisionSpec[] = [
      { tenantId: 't0000', supplierId: 's0-0', nameKey: 'jl mag', decision: 'REJECTED' },
    ];
    const parties = [
      'JL MAG',
      '江西金力永磁科技股份有限公司',
      'Lynas Rare Earths',
      'XTC',
      '厦门钨业',
      'Zhuzhou Smelter Co.',
    ];
    const events: EventFacts[] = [
      ...corpus.events,
      ...parties.map(
        (exporterName): EventFacts => ({
          type: 'PERMIT_EVENT',
          jurisdiction: 'CN',
          reference: null,
          permitStatus: 'REVOKED',
          elements: ['Dy'],
          hsCodes: [],
          controlEntries: [],
          exporterName,
        }),
      ),
    ];
    let pauses = 0;
    const built = await TenantIndex.build(reference, corpus.watches, suppliers, decisions, async () => {
      pauses++;
    });
    const direct = new TenantIndex(reference, corpus.watches, suppliers, decisions);
    let reasons = 0;
    let supplierReasons = 0;
    for (const e of events) {
      const want = direct.match(e);
      expect(built.match(e)).toEqual(want);
      for (const m of want) {
        reasons += m.reasons.length;
        supplierReasons += m.reasons.filter((r) => r.subject.type !== 'WATCH').length;
      }
    }
    // Not vacuous: watch and supplier reasons both come out, and each supplier and watch step gave a chance to pause.
    expect(reasons).toBeGreaterThan(500);
    expect(supplierReasons).toBeGreaterThan(20);
    expect(pauses).toBeGreaterThan(2 * suppliers.length);
  });
});
