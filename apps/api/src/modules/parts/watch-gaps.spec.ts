import { watchGaps } from './watch-gaps.js';

const ref = {
  elements: [
    { symbol: 'Dy', nameEn: 'Dysprosium', nameZh: '镝' },
    { symbol: 'Nd', nameEn: 'Neodymium', nameZh: '钕' },
    { symbol: 'Ga', nameEn: 'Gallium', nameZh: '镓' },
    { symbol: 'C', nameEn: 'Graphite (carbon)', nameZh: '石墨' },
  ],
  materialForms: [
    {
      code: 'NDFEB_MAGNET',
      nameEn: 'NdFeB magnet',
      nameZh: '',
      nameZhHant: '',
      elements: ['Nd'],
      additiveElements: ['Dy', 'Tb'],
      hsCodes: ['8505111000'],
      aliases: [],
    },
    {
      code: 'OXIDE',
      nameEn: 'Oxide',
      nameZh: '',
      nameZhHant: '',
      elements: [],
      additiveElements: [],
      hsCodes: [],
      aliases: [],
    },
    {
      code: 'GRAPHITE_NATURAL',
      nameEn: 'Natural graphite',
      nameZh: '',
      nameZhHant: '',
      elements: ['C'],
      additiveElements: [],
      hsCodes: ['250410'],
      aliases: [],
    },
  ],
  hsCodes: [
    {
      jurisdiction: 'CN',
      code: '250410',
      descriptionEn: 'Natural graphite in powder or flakes',
      elementSymbols: ['C'],
    },
  ],
};
const none = { elements: new Set<string>(), hsPrefixes: [] };

describe('watchGaps', () => {
  it("takes a form's own elements and tariff line, not its additives unless listed", () => {
    const gaps = watchGaps(
      [{ partNumber: 'M1', hsCode: null, materials: [{ elementSymbol: null, materialForm: 'NDFEB_MAGNET' }] }],
      none,
      ref,
    );
    expect(gaps.map((g) => `${g.kind}:${g.value}`)).toEqual(['ELEMENT:Nd', 'HS_CODE:850511']);
  });

  it('counts each part once per gap, lists examples sorted, orders by parts, labels codes with the reference description', () => {
    const parts = [
      {
        partNumber: 'G2',
        hsCode: null,
        materials: [
          { elementSymbol: 'Ga', materialForm: null },
          { elementSymbol: 'Ga', materialForm: 'OXIDE' },
        ],
      },
      { partNumber: 'G1', hsCode: null, materials: [{ elementSymbol: 'Ga', materialForm: null }] },
      {
        partNumber: 'C1',
        hsCode: '2504100000',
        materials: [{ elementSymbol: null, materialForm: 'GRAPHITE_NATURAL' }],
      },
    ];
    expect(watchGaps(parts, none, ref)).toEqual([
      { kind: 'ELEMENT', value: 'Ga', label: 'gallium (Ga)', parts: 2, examples: ['G1', 'G2'] },
      { kind: 'ELEMENT', value: 'C', label: 'graphite (carbon) (C)', parts: 1, examples: ['C1'] },
      {
        kind: 'HS_CODE',
        value: '250410',
        label: 'HS 2504.10 Natural graphite in powder or flakes',
        parts: 1,
        examples: ['C1'],
      },
    ]);
  });

  it('an element watch covers its element; an HS prefix covers the subheadings under it, not above it', () => {
    const parts = [
      { partNumber: 'M1', hsCode: '8505111000', materials: [{ elementSymbol: 'Dy', materialForm: 'NDFEB_MAGNET' }] },
    ];
    expect(watchGaps(parts, { elements: new Set(['Dy', 'Nd']), hsPrefixes: ['8505'] }, ref)).toEqual([]);
    expect(
      watchGaps(parts, { elements: new Set(['Dy', 'Nd']), hsPrefixes: ['85051110'] }, ref).map((g) => g.value),
    ).toEqual(['850511']);
  });

  it('ignores symbols outside the reference and codes shorter than 6 digits', () => {
    const parts = [{ partNumber: 'X', hsCode: '8505', materials: [{ elementSymbol: 'Fe', materialForm: null }] }];
    expect(watchGaps(parts, none, ref)).toEqual([]);
  });
});
