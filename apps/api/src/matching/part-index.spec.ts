import { seedReferenceIndex } from '../testing/reference.js';
import { PartIndex, type PartSpec } from './part-index.js';
import { elementMassOf, type ImpactPart, impactSummary, partFigures, partsImpact, sourcingOf } from './parts-impact.js';
import type { EventFacts } from './types.js';

const reference = seedReferenceIndex();

const event = (over: Partial<EventFacts>): EventFacts => ({
  type: 'POLICY_CHANGE',
  jurisdiction: 'CN',
  reference: 'MOFCOM/GAC Announcement 2025 No. 18',
  action: 'IMPOSED',
  elements: [],
  hsCodes: [],
  controlEntries: [],
  ...over,
});

const parts: PartSpec[] = [
  {
    id: 'p-ndfeb',
    partNumber: 'MAG-1',
    hsCode: null,
    materials: [
      { elementSymbol: 'Dy', materialForm: 'NDFEB_MAGNET' },
      { elementSymbol: 'Nd', materialForm: 'NDFEB_MAGNET' },
    ],
    supplierIds: ['s-jl'],
  },
  {
    id: 'p-smco',
    partNumber: 'ACT-1',
    hsCode: null,
    materials: [{ elementSymbol: null, materialForm: 'SMCO_MAGNET' }],
    supplierIds: [],
  },
  {
    id: 'p-y2o3',
    partNumber: 'COAT-1',
    hsCode: '2846901100',
    materials: [{ elementSymbol: 'Y', materialForm: 'OXIDE' }],
    supplierIds: [],
  },
  {
    id: 'p-gan',
    partNumber: 'PWR-1',
    hsCode: '854129',
    materials: [{ elementSymbol: 'Ga', materialForm: null }],
    supplierIds: ['s-jl', 's-other'],
  },
];

describe('PartIndex', () => {
  const index = new PartIndex(parts, reference);
  const reached = (e: EventFacts) => index.match(e).map((h) => h.partId);

  it('reaches an NdFeB magnet with Dy by a Dy control and by an HS 8505.11 control, with reasons', () => {
    const dy = index.match(event({ elements: ['Dy'] }));
    expect(dy.map((h) => h.partId)).toEqual(['p-ndfeb']);
    expect(dy[0]!.reasons[0]).toMatchObject({ via: 'MATERIAL', element: 'Dy' });
    expect(dy[0]!.reasons[0]!.text).toBe(
      'Part MAG-1 (contains dysprosium (Dy)) matched: MOFCOM/GAC Announcement 2025 No. 18 names dysprosium (Dy)',
    );
    // 8505.11 reaches both rare-earth magnets (NdFeB and SmCo fall under 8505.11.10.00), not the oxide or GaN.
    const hs = index.match(event({ hsCodes: ['850511'] }));
    expect(hs.map((h) => h.partId)).toEqual(['p-ndfeb', 'p-smco']);
    expect(hs[0]!.reasons[0]!.text).toContain('which falls under 8505.11.1000) matched');
    // The Dy-containing NdFeB item (1C905.a.4) reaches the magnet through Dy's items and through the form.
    const entry = index.match(event({ controlEntries: ['1C905.a.4'] }));
    expect(entry.map((h) => h.partId)).toEqual(['p-ndfeb']);
    expect(entry[0]!.reasons.map((r) => r.via)).toEqual(['MATERIAL', 'MATERIAL']);
  });

  it('does not reach a part by a code beside its line, nor by additives it does not list', () => {
    expect(reached(event({ hsCodes: ['8505119000'] }))).toEqual([]); // another line of 8505.11
    expect(reached(event({ elements: ['Tb'] }))).toEqual([]); // Tb is only an additive of NdFeB
    expect(reached(event({ elements: ['Nd'] }))).toEqual(['p-ndfeb']);
    expect(reached(event({ elements: ['Sm'] }))).toEqual(['p-smco']); // SmCo is made of Sm
  });

  it('reaches parts by their own HS code (longer event codes and the heading above) and by text tags', () => {
    expect(reached(event({ hsCodes: ['2846901100'] }))).toEqual(['p-y2o3']); // yttrium oxide line
    expect(reached(event({ hsCodes: ['2846901940'] }))).toEqual(['p-smco']); // the Sm oxide line: tied to Sm alone, as a Sm watch
    expect(reached(event({ hsCodes: ['284690'] }))).toEqual(['p-y2o3']);
    expect(reached(event({ hsCodes: ['2846'] }))).toEqual([]); // below subheading level: too broad to say
    const text = index.match(
      event({ textTags: [{ kind: 'ELEMENT', value: 'Ga', field: 'title', start: 0, end: 7, text: 'gallium' }] }),
    );
    expect(text.map((h) => h.partId)).toEqual(['p-gan']);
    expect(text[0]!.reasons[0]!.text).toContain('found in the event\'s title: "gallium"');
  });

  it('reach (figures only, for emails) gives the same parts as match, for every event shape above', () => {
    const events = [
      event({ elements: ['Dy'] }),
      event({ hsCodes: ['850511'] }),
      event({ hsCodes: ['8505119000'] }),
      event({ hsCodes: ['284690'] }),
      event({ controlEntries: ['1C905.a.4'] }),
      event({ textTags: [{ kind: 'ELEMENT', value: 'Ga', field: 'title', start: 0, end: 7, text: 'gallium' }] }),
    ];
    for (const e of events)
      expect([...index.reach(e)].sort((a, b) => a - b).map((i) => index.part(i).id)).toEqual(reached(e));
  });

  it('finds the parts of affected suppliers', () => {
    expect([...index.partsOfSuppliers(['s-jl'])].map((i) => index.part(i).id)).toEqual(['p-ndfeb', 'p-gan']);
  });
});

const part = (over: Partial<ImpactPart>): ImpactPart => ({
  id: 'x',
  partNumber: 'X',
  description: null,
  unitMass: null,
  unitMassUnit: null,
  annualQuantity: null,
  quantityUnit: 'PCS',
  annualSpend: null,
  currency: null,
  materials: [],
  suppliers: [],
  products: [],
  ...over,
});

describe('partsImpact', () => {
  it('classifies sourcing', () => {
    const hit = new Set(['a']);
    expect(sourcingOf(['a'], hit)).toBe('SOLE_SOURCED_FROM_AFFECTED');
    expect(sourcingOf(['a', 'b'], hit)).toBe('DUAL_SOURCED_WITH_UNAFFECTED');
    expect(sourcingOf(['b'], hit)).toBe('SINGLE_SOURCED');
    expect(sourcingOf(['b', 'c'], hit)).toBe('DUAL_SOURCED_WITH_UNAFFECTED');
    expect(sourcingOf([], hit)).toBe('NO_SUPPLIER_ON_FILE');
  });

  it('computes element mass per year from mass per piece or fraction, and says when it cannot', () => {
    expect(
      elementMassOf(
        part({
          annualQuantity: '240000',
          unitMass: '0.12',
          unitMassUnit: 'KG',
          materials: [
            { elementSymbol: 'Dy', materialForm: null, massPerUnit: '1.2', massUnit: 'G', massFraction: null },
            { elementSymbol: 'Nd', materialForm: null, massPerUnit: null, massUnit: null, massFraction: '0.25' },
            { elementSymbol: 'Tb', materialForm: null, massPerUnit: null, massUnit: null, massFraction: null },
          ],
        }),
      ).map((m) => [m.symbol, m.kgPerYear === null ? m.unknownReason : m.kgPerYear.toString()]),
    ).toEqual([
      ['Dy', '288000000'], // 1.2 g × 240,000 = 288 kg (scaled by 10^6)
      ['Nd', '7200000000'], // 0.25 × 0.12 kg × 240,000 = 7,200 kg
      ['Tb', 'no mass per unit or mass fraction on file'],
    ]);
  });

  it('sums spend per currency (never across), quantities per unit, products once, sole sources by supplier', () => {
    const jl = { supplierId: 'jl', name: 'JL MAG', shareOfVolume: '1' };
    const other = { supplierId: 'o', name: 'Other', shareOfVolume: '0.4' };
    const product = (id: string) => ({ productId: id, code: id, name: id, quantityPerProduct: '2' });
    const parts = [
      part({
        id: 'a',
        annualSpend: '4000000.10',
        currency: 'EUR',
        annualQuantity: '10',
        suppliers: [jl],
        products: [product('P1')],
      }),
      part({
        id: 'b',
        annualSpend: '200000.05',
        currency: 'EUR',
        annualQuantity: '5',
        suppliers: [jl],
        products: [product('P1'), product('P2')],
      }),
      part({
        id: 'c',
        annualSpend: '1000',
        currency: 'USD',
        quantityUnit: 'KG',
        annualQuantity: '3',
        suppliers: [{ ...jl, shareOfVolume: '0.6' }, other],
      }),
      part({
        id: 'd',
        materials: [{ elementSymbol: 'Dy', materialForm: null, massPerUnit: '2', massUnit: 'G', massFraction: null }],
      }),
    ];
    const impact = partsImpact(parts, new Map(), new Map([['jl', 'JL MAG']]));
    expect(impact).toMatchObject({
      parts: 4,
      products: 2,
      annualSpend: [
        { amount: '4200000.15', currency: 'EUR' },
        { amount: '1000.00', currency: 'USD' },
      ],
      partsWithoutSpend: 1,
      annualQuantity: [
        { amount: '15', unit: 'PCS' },
        { amount: '3', unit: 'KG' },
      ],
      elementMass: [{ symbol: 'Dy', kgPerYear: '0.000', parts: 1, partsWithUnknownMass: 1 }],
      sourcing: {
        SOLE_SOURCED_FROM_AFFECTED: 2,
        DUAL_SOURCED_WITH_UNAFFECTED: 1,
        SINGLE_SOURCED: 0,
        NO_SUPPLIER_ON_FILE: 1,
      },
      soleSourcedFrom: [{ supplierId: 'jl', name: 'JL MAG', parts: 2 }],
      headline: '4 parts in 2 products, EUR 4.2 M + USD 1,000 annual spend, 2 parts sole-sourced from JL MAG',
    });
    expect(impact.affectedParts.find((p) => p.partId === 'c')!.unaffectedShare).toBe('0.4000');
    // The summary the emails use (from precomputed figures) is the impact without its list.
    const { affectedParts: _list, ...summary } = impact;
    expect(
      impactSummary(
        impact.affectedParts.map((p) => p.partId).map((id) => partFigures(parts.find((x) => x.id === id)!)),
        new Map([['jl', 'JL MAG']]),
      ),
    ).toEqual(summary);
  });
});
