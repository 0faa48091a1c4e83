/**
 * Issue 14 classes of names, resolved against suppliers registered by legal names only (no reference data here, so
 * that each class is shown on its own): short forms, pinyin, acronyms, tickers, word forms, extra words, branches; and
 * related-but-different entities kept apart.
 */
import type { SupplierSpec } from '../types.js';
import { supplierReason } from './explain.js';
import { SupplierResolver } from './resolver.js';

const sup = (id: string, legalNameEn: string, extra: Partial<SupplierSpec> = {}): SupplierSpec => ({
  id,
  tenantId: 't1',
  legalNameEn,
  aliases: [],
  ...extra,
});
const suppliers = [
  sup('xtc', 'Xiamen Tungsten Co., Ltd.', { legalNameZh: '厦门钨业股份有限公司', tickers: ['SHSE:600549'] }),
  sup('zijin', 'Zijin Mining Group Co., Ltd.', { legalNameZh: '紫金矿业集团股份有限公司', tickers: ['601899.SS'] }),
  sup('smm', 'Sumitomo Metal Mining Co., Ltd.', { aliases: ['住友金属鉱山株式会社'], tickers: ['TYO:5713'] }),
  sup('grinm', 'GRINM Group Corporation Limited'),
  sup('arafura', 'Arafura Rare Earths Limited', { tickers: ['ASX: ARU'] }),
  sup('albemarle', 'Albemarle Corporation', { tickers: ['ALB.N'] }),
  sup('csre', 'China Southern Rare Earth Group Co., Ltd.'),
  sup('shinetsu', 'Shin-Etsu Chemical Co., Ltd.'),
  sup('energyfuels', 'Energy Fuels Inc.'),
  sup('lynas', 'Lynas Rare Earths Limited'),
  sup('shenghe', 'Shenghe Resources Holding Co., Ltd.', { legalNameZh: '盛和资源控股股份有限公司' }),
  sup('zks', 'Beijing Zhong Ke San Huan High-Tech Co., Ltd.'),
  sup('jlmag', 'JL MAG Rare-Earth Co., Ltd.', { legalNameZh: '江西金力永磁科技股份有限公司' }),
];
const r = new SupplierResolver(suppliers, [], []);
const top = (name: string) => {
  const hits = r.resolve(name);
  expect(r.resolveByScan(name)).toEqual(hits);
  return hits.map((h) => [h.supplier.id, h.band]);
};

describe('issue 14 classes', () => {
  it('short forms that drop the legal form and the industry tail', () => {
    expect(top('厦门钨业')).toEqual([['xtc', 'MATCH']]);
    expect(top('住友金属鉱山')).toEqual([['smm', 'MATCH']]);
    expect(top('Zijin Mining')).toEqual([['zijin', 'MATCH']]);
    expect(top('盛和资源')).toEqual([['shenghe', 'MATCH']]);
  });

  it('pinyin against Chinese legal names, with or without tones and spaces, and Chinese against English names', () => {
    for (const n of ['Xiamen Wuye', 'Xiàmén Wūyè', 'Xia4men2 Wu1ye4', 'XiamenWuye', 'Xiamen Wuye Gufen Youxian Gongsi'])
      expect([n, top(n)]).toEqual([n, [['xtc', 'MATCH']]]);
    for (const n of ['Zijin Kuangye', 'Zijin Kuangye Jituan', 'zijinkuangye'])
      expect([n, top(n)]).toEqual([n, [['zijin', 'MATCH']]]);
    expect(top('北京中科三环高技术股份有限公司')).toEqual([['zks', 'MATCH']]);
    const [hit] = r.resolve('Xiamen Wuye');
    expect(supplierReason(hit!, 'exporterName', 'Xiamen Wuye').text).toContain('romanised as "xiamen wuye" (pinyin)');
  });

  it('acronyms and initialisms both ways, with guards', () => {
    expect(top('GRINM')).toEqual([['grinm', 'MATCH']]);
    expect(top('General Research Institute for Nonferrous Metals')).toEqual([['grinm', 'MATCH']]);
    // Three letters: possible at most; two letters and lower-case words: nothing.
    expect(top('XTC')).toEqual([['xtc', 'POSSIBLE']]);
    expect(top('SMM')).toEqual([['smm', 'POSSIBLE']]);
    expect(top('XT')).toEqual([]);
    expect(top('Xtc')).toEqual([]);
    expect(top('CSREG')).toEqual([['csre', 'MATCH']]);
  });

  it('tickers in any form, alone or in a name', () => {
    for (const n of ['601899.SS', 'SH601899', 'SSE:601899', 'Zijin (HKEX 2899)'.replace('HKEX 2899', 'SSE: 601899')])
      expect(top(n)).toEqual([['zijin', 'MATCH']]);
    for (const n of ['ASX: ARU', 'ASX ARU', 'ARU.AX', 'Arafura (ASX ARU)'])
      expect(top(n)).toEqual([['arafura', 'MATCH']]);
    for (const n of ['ALB.N', 'NYSE: ALB', 'NYSE ALB']) expect(top(n)).toEqual([['albemarle', 'MATCH']]);
    for (const n of ['TYO:5713', '5713.T', 'TYO 5713']) expect(top(n)).toEqual([['smm', 'MATCH']]);
  });

  it('word forms: Southern/South, Chemicals/Chemical, Technologies, abbreviations', () => {
    expect(top('China South Rare Earth Group')).toEqual([['csre', 'MATCH']]);
    expect(top('Shin-Etsu Chemicals')).toEqual([['shinetsu', 'MATCH']]);
    expect(top('JL Mag Rare Earth Technologies')).toEqual([['jlmag', 'MATCH']]);
  });

  it('extra words: a site, plant or address; branches are the supplier and the reason says so', () => {
    expect(top('Energy Fuels Inc. White Mesa Mill')).toEqual([['energyfuels', 'MATCH']]);
    expect(top('Shin-Etsu Chemical Co., Ltd. (Osaka, Japan)')).toEqual([['shinetsu', 'MATCH']]);
    expect(top('Nolans Project / Arafura Rare Earths')).toEqual([['arafura', 'MATCH']]);
    expect(top('Lynas Rare Earths Ltd, Kalgoorlie processing plant')).toEqual([['lynas', 'MATCH']]);
    for (const n of ['Xiamen Tungsten Co., Ltd. Xiamen Branch', '厦门钨业股份有限公司厦门分公司']) {
      expect(top(n)).toEqual([['xtc', 'MATCH']]);
      const [hit] = r.resolve(n);
      expect(supplierReason(hit!, 'exporterName', n).text).toMatch(
        /as a branch of it \("(Xiamen Branch|厦门分公司)"\)/,
      );
    }
  });

  it('keeps related but different entities apart', () => {
    for (const n of [
      'Leshan Shenghe Rare Earth Co., Ltd.',
      '乐山盛和稀土有限公司',
      'China Rare Earth Group Co., Ltd.',
      'China Northern Rare Earth (Group) High-Tech Co., Ltd.',
      'Lynas Malaysia Sdn Bhd',
      'Lynas Rare Earths (Malaysia)',
      'Shin-Etsu Magnetic Materials Vietnam Co., Ltd.',
      'Zijin Mining Group (Xiamen) Investment Co., Ltd.',
      'Xiamen Tungsten Group',
      '厦门钨业集团',
      'Sumitomo Corporation',
      'Xiamen Xiangyu Co., Ltd.',
      'Jiangxi Tungsten Industry Group',
    ])
      expect([n, top(n).filter(([, band]) => band === 'MATCH')]).toEqual([n, []]);
  });
});

describe('pinyin as published', () => {
  it('reads syllables of an industry word written apart, with tones', () => {
    const r2 = new SupplierResolver(
      [
        sup('ganfeng', 'Ganfeng Lithium Co., Ltd.', { legalNameZh: '赣锋锂业股份有限公司' }),
        sup('tianqi', 'Tianqi Lithium Corporation', { legalNameZh: '天齐锂业股份有限公司' }),
      ],
      [],
      [],
    );
    expect(r2.resolve('Gànfēng Lǐ Yè').map((h) => [h.supplier.id, h.band])).toEqual([['ganfeng', 'MATCH']]);
    expect(r2.resolve('Tiānqí Lǐ Yè').map((h) => [h.supplier.id, h.band])).toEqual([['tianqi', 'MATCH']]);
  });
});

describe('classes exposed by the second part of the public reference', () => {
  it('reads a possessive written in capitals and the plural "High Technologies" as the names they spell', () => {
    const r2 = new SupplierResolver(
      [
        sup('nfc', "China Nonferrous Metal Industry's Foreign Engineering and Construction Co., Ltd."),
        sup('jv', 'Guangdong TDK Rising Rare Earth High Technology Material Co.'),
      ],
      [],
      [],
    );
    expect(
      r2.resolve("CHINA NONFERROUS METAL INDUSTRY'S FOREIGN ENGINEERING AND CONSTRUCTION CO., LTD.")[0],
    ).toMatchObject({ band: 'MATCH', supplier: { id: 'nfc' } });
    expect(r2.resolve('Guangdong TDK Rising Rare Earth High Technologies Material Co.')[0]).toMatchObject({
      band: 'MATCH',
      supplier: { id: 'jv' },
    });
  });

  it('keeps a "… Development" company apart from the group whose word it shares', () => {
    const r2 = new SupplierResolver([sup('minmetals', 'China Minmetals Corporation')], [], []);
    expect(r2.resolve('Minmetals Development Co.').filter((h) => h.band === 'MATCH')).toEqual([]);
    expect(r2.resolve('China Minmetals Corp.')[0]).toMatchObject({ band: 'MATCH' });
  });

  it('never matches a supplier by part of a name that is exactly another public reference company', () => {
    // Chinalco is the short name of the reference company Aluminum Corporation of China; the rules alone would read
    // it as a short form of Chinalco Rare Earth & Metals Co (a different company).
    const sister = sup('cre', 'Chinalco Rare Earth & Metals Co');
    expect(new SupplierResolver([sister], [], []).resolve('Chinalco')[0]).toMatchObject({ band: 'MATCH' });
    const hits = new SupplierResolver([sister]).resolve('Chinalco');
    expect(hits[0]).toMatchObject({ band: 'POSSIBLE', score: 0.84 });
    expect(hits[0]?.features.at(-1)).toMatchObject({ feature: 'the name of another company', detail: 'chinalco' });
    // The company itself still matches by that name.
    expect(
      new SupplierResolver([sup('chinalco', 'Aluminum Corporation of China')]).resolve('Chinalco')[0],
    ).toMatchObject({ band: 'MATCH' });
  });
});

describe('a place alone in brackets in the supplier name', () => {
  it('keeps the group name apart from its local company, and matches the local company by its own name', () => {
    const r2 = new SupplierResolver([sup('jlb', 'JL MAG Rare Earth (Baotou) Co., Ltd.')], [], []);
    expect(r2.resolve('JL MAG Rare-Earth Co., Ltd.').filter((h) => h.band === 'MATCH')).toEqual([]);
    expect(r2.resolve('JL MAG Rare-Earth Co., Ltd.')[0]?.features.map((f) => f.feature)).toContain(
      "place in brackets in the supplier's name only",
    );
    expect(r2.resolve('JL MAG Rare Earth (Baotou) Co., Ltd.')[0]).toMatchObject({ band: 'MATCH' });
    expect(r2.resolve('JL Mag Rare Earth Baotou')[0]).toMatchObject({ band: 'MATCH' });
  });
});
