import { expandWatch } from './expansion.js';
import { TenantIndex } from './matcher.js';
import type { EventFacts, WatchSpec } from './types.js';
import { seedReferenceIndex } from '../testing/reference.js';
import { reasonText } from '../testing/reason-text.js';

const reference = seedReferenceIndex();
const keysOf = (w: Partial<WatchSpec>) => expandWatch({ kind: 'ELEMENT', ...w } as WatchSpec, reference);
const policy = (over: Partial<EventFacts>): EventFacts => ({
  type: 'POLICY_CHANGE',
  jurisdiction: 'CN',
  reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  action: 'IMPOSED',
  elements: [],
  hsCodes: [],
  controlEntries: [],
  ...over,
});

describe('expandWatch', () => {
  it('expands a watch on Tb to its items, the items naming it, the codes tied to it alone and nothing ambiguous', () => {
    const x = keysOf({ elementSymbol: 'Tb' });
    expect(x.label).toBe('terbium (Tb)');
    const keys = x.keys.map((k) => k.key);
    expect(keys[0]).toBe('ref:MOFCOM-GAC-2025-18|1C904.a.1'); // its own items come first
    expect(keys).toContain('el:Tb');
    expect(keys).toContain('ref:MOFCOM-GAC-2025-18|1C904.a.4'); // Tb-containing NdFeB magnets
    const teFeDy = x.keys.find((k) => k.key === 'ref:MOFCOM-GAC-2025-18|1C905.a.2')!;
    expect(teFeDy.path).toBe('ENTRY_NAMES_ELEMENT'); // "Dy-containing alloys: Dy-Fe, Tb-Dy-Fe"
    expect(teFeDy.reason).toMatch(/names terbium \(Tb\)/);
    expect(keys).toEqual(expect.arrayContaining(['hs:2805301300', 'hs:2846901600', 'hs:28469016']));
    // 3824999922 is cited for all seven No. 18 elements: listed as not used, never a key
    expect(keys).not.toContain('hs:3824999922');
    expect(x.notUsed.map((n) => n.key)).toContain('hs:3824999922');
    // Tb is only an additive of NdFeB: the generic form is not a key, the Tb item is
    expect(keys).not.toContain('form:NDFEB_MAGNET');
    expect(x.notUsed.find((n) => n.key === 'form:NDFEB_MAGNET')!.reason).toMatch(/only in some grades/);
    for (const k of x.keys) expect(k.reason.length).toBeGreaterThan(10);
  });

  it('expands a watch on Nd to the NdFeB form, and a watch on Sm to SmCo', () => {
    expect(keysOf({ elementSymbol: 'Nd' }).keys.map((k) => k.key)).toEqual(
      expect.arrayContaining(['el:Nd', 'hs:2805301100', 'form:NDFEB_MAGNET']),
    );
    expect(keysOf({ elementSymbol: 'Sm' }).keys.map((k) => k.key)).toEqual(
      expect.arrayContaining(['form:SMCO_MAGNET', 'ref:MOFCOM-GAC-2025-18|1C902.a.4', 'hs:2846901940']),
    );
  });

  it('expands HS 8505.11 to the magnet forms and the magnet items of 2025 No. 18', () => {
    const x = keysOf({ kind: 'HS_CODE', hsPrefix: '850511' });
    expect(x.label).toBe('HS 8505.11');
    const byKey = new Map(x.keys.map((k) => [k.key, k]));
    expect(byKey.get('hs:850511')!.path).toBe('HS_PREFIX');
    for (const item of ['1C902.a.4', '1C904.a.4', '1C905.a.4']) {
      expect(byKey.get(`ref:MOFCOM-GAC-2025-18|${item}`)!.path).toBe('ENTRY_FORM_UNDER_HS');
    }
    expect(byKey.get('form:NDFEB_MAGNET')!.reason).toBe(
      'NdFeB (neodymium-iron-boron) permanent magnet material falls under 8505.11.1000',
    );
    expect(byKey.has('ref:MOFCOM-GAC-2025-18|1C904.b')).toBe(false);
  });

  it('expands HS 2846 to the items citing 2846 lines, and a control entry to the codes cited only under it', () => {
    const hs = keysOf({ kind: 'HS_CODE', hsPrefix: '2846' }).keys.map((k) => k.key);
    expect(hs).toContain('ref:MOFCOM-GAC-2025-18|1C904.b');
    expect(hs).not.toContain('ref:MOFCOM-GAC-2025-18|1C904.a.1');
    const entry = keysOf({ kind: 'CONTROL_ENTRY', controlEntry: '1c904' });
    expect(entry.label).toBe('control-list entry 1C904');
    expect(entry.keys.map((k) => k.key)).toEqual(
      expect.arrayContaining(['en:1C904', 'hs:2805301300', 'hs:2846901600']),
    );
    expect(entry.keys.map((k) => k.key)).not.toContain('hs:3824999922');
    expect(entry.notUsed.map((n) => n.key)).toContain('hs:3824999922');
  });

  it('keeps the code-to-element map honest about shared codes', () => {
    expect([...reference.elementsOfCode('3824999922')].sort()).toEqual(['Dy', 'Gd', 'Lu', 'Sc', 'Sm', 'Tb', 'Y']);
    expect([...reference.elementsOfCode('2931900032')].sort()).toEqual(['Bi', 'In']); // No. 10: Bi and In items
    expect([...reference.elementsOfCode('2805301910')].sort()).toEqual(['Gd', 'Lu', 'Sm']);
    expect(reference.codesTiedTo('Ga')).toContain('8112929010');
    for (const s of ['Dy', 'Gd', 'Lu', 'Sc', 'Sm', 'Tb', 'Y', 'Bi', 'In']) {
      expect(reference.codesTiedTo(s)).not.toContain('3824999922');
      expect(reference.codesTiedTo(s)).not.toContain('2931900032');
    }
  });
});

describe('matching through expansions', () => {
  const w = (id: string, tenantId: string, spec: Partial<WatchSpec>): WatchSpec => ({
    id,
    tenantId,
    kind: 'ELEMENT',
    ...spec,
  });

  it('matches a watch on HS 8505.11 against an event citing 1C904.a.4 and explains the path', () => {
    const index = new TenantIndex(reference, [w('w1', 't1', { kind: 'HS_CODE', hsPrefix: '850511' })], []);
    const [m] = index.match(policy({ controlEntries: ['1C904.a.4'] }));
    expect(m!.reasons).toHaveLength(1);
    expect(m!.reasons[0]).toMatchObject({
      via: 'HS_CODE_VIA_MATERIAL_FORM',
      element: 'Tb',
      matched: { field: 'controlEntries', value: '1C904.a.4' },
    });
    expect(m!.reasons[0]!.text).toBe(
      reasonText.watch(
        'HS 8505.11',
        'control-list entry 1C904.a.4 "Tb-containing NdFeB permanent magnet materials (magnets or magnetic powder)"',
        'MOFCOM/GAC Announcement 2025 No. 18',
      ) +
        ': NdFeB (neodymium-iron-boron) permanent magnet material falls under 8505.11.1000 (Permanent magnets of rare-earth metals)',
    );
  });

  it('matches a watch on Tb against an event about Tb-bearing NdFeB magnets, not against NdFeB magnets alone', () => {
    const index = new TenantIndex(
      reference,
      [w('w1', 't1', { elementSymbol: 'Tb' }), w('w2', 't2', { elementSymbol: 'Nd' })],
      [],
    );
    const [tb] = index.match(policy({ controlEntries: ['1C904.a.4'] }));
    expect(tb!.tenantId).toBe('t1');
    expect(tb!.reasons[0]!.text).toBe(
      reasonText.watch('terbium (Tb)', 'control-list entry 1C904.a.4', 'MOFCOM/GAC Announcement 2025 No. 18'),
    );
    const generic = index.match(policy({ materialForms: ['NDFEB_MAGNET'] }));
    expect(generic.map((m) => m.tenantId)).toEqual(['t2']);
    expect(generic[0]!.reasons[0]).toMatchObject({ via: 'ELEMENT_VIA_MATERIAL_FORM', element: 'Nd' });
  });

  it('reaches Tb through a Dy item that names it and says so', () => {
    const index = new TenantIndex(reference, [w('w1', 't1', { elementSymbol: 'Tb' })], []);
    const [m] = index.match(policy({ controlEntries: ['1C905.a.2'] }));
    expect(m!.reasons[0]!.text).toBe(
      reasonText.watch('terbium (Tb)', 'control-list entry 1C905.a.2', 'MOFCOM/GAC Announcement 2025 No. 18') +
        ' (item 1C905.a.2 "Dy-containing alloys: Dy-Fe, Tb-Dy-Fe" names terbium (Tb))',
    );
  });

  it('marks and quotes a match that rests on the event text', () => {
    const index = new TenantIndex(reference, [w('w1', 't1', { elementSymbol: 'Tb' })], []);
    const [m] = index.match(
      policy({ textTags: [{ kind: 'ELEMENT', value: 'Tb', field: 'body', start: 10, end: 11, text: '铽' }] }),
    );
    expect(m!.reasons[0]).toMatchObject({
      via: 'ELEMENT_NAMED',
      fromText: { field: 'body', start: 10, end: 11, text: '铽' },
    });
    expect(m!.reasons[0]!.text).toBe(
      reasonText.watchNamedInText('terbium (Tb)', 'MOFCOM/GAC Announcement 2025 No. 18') +
        reasonText.foundInText('body', '铽'),
    );
    // structured evidence for the same path wins over the text
    const [s] = index.match(
      policy({
        elements: ['Tb'],
        textTags: [{ kind: 'ELEMENT', value: 'Tb', field: 'body', start: 10, end: 11, text: '铽' }],
      }),
    );
    expect(s!.reasons[0]!.fromText).toBeUndefined();
  });

  it('matches a control-entry watch through a customs code cited only under it', () => {
    const index = new TenantIndex(reference, [w('w1', 't1', { kind: 'CONTROL_ENTRY', controlEntry: '1C904' })], []);
    const [m] = index.match(policy({ hsCodes: ['2805301300'] }));
    expect(m!.reasons[0]).toMatchObject({ via: 'CONTROL_ENTRY_VIA_CUSTOMS_CODE', matched: { value: '2805301300' } });
    expect(index.match(policy({ hsCodes: ['3824999922'] }))).toEqual([]);
  });
});
