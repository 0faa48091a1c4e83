/**
 * Public reference companies (reference-companies.ts): a tenant's supplier that is one of them inherits its names and
 * identifiers, the reason says so with the source; a buyer's rejection still wins; parents and listed arms that share
 * their words stay apart by legal form.
 */
import type { SupplierSpec } from '../types.js';
import { supplierReason } from './explain.js';
import { nameKey } from './name.js';
import { REFERENCE_COMPANIES } from './reference-companies.js';
import { SupplierResolver } from './resolver.js';

const xtc: SupplierSpec = { id: 's-xtc', tenantId: 't1', legalNameEn: 'Xiamen Tungsten Co., Ltd.', aliases: [] };
const chalco: SupplierSpec = {
  id: 's-chalco',
  tenantId: 't1',
  legalNameEn: 'Aluminum Corporation of China Limited',
  aliases: [],
};

describe('public reference companies', () => {
  it('has a source for every fact it states', () => {
    for (const c of REFERENCE_COMPANIES) {
      for (const field of Object.keys(c) as (keyof typeof c)[]) {
        if (field === 'key' || field === 'sources' || field === 'unverified') continue;
        expect([c.key, field, (c.sources[field]?.length ?? 0) > 0]).toEqual([c.key, field, true]);
      }
    }
    expect(new Set(REFERENCE_COMPANIES.map((c) => c.key)).size).toBe(REFERENCE_COMPANIES.length);
  });

  it('marks only fields it states as unverified', () => {
    for (const c of REFERENCE_COMPANIES)
      for (const field of c.unverified ?? [])
        expect([c.key, field, c[field] !== undefined]).toEqual([c.key, field, true]);
  });

  it('lets a supplier inherit the short names and tickers of the reference company it is, saying so', () => {
    const r = new SupplierResolver([xtc]);
    const [hit] = r.resolve('XTC');
    expect(hit).toMatchObject({ band: 'MATCH', matchedName: { kind: 'short name', value: 'XTC' } });
    expect(supplierReason(hit!, 'exporterName', 'XTC').text).toBe(
      'Your supplier Xiamen Tungsten Co., Ltd. matched exporter XTC by the short name "XTC" of your supplier (public reference: https://www.minmetals.com/english/News/202101/t20210108_278204.html ("hereinafter referred to as XTC")) (score 0.98)',
    );
    expect(r.resolve('厦门钨业')[0]).toMatchObject({ band: 'MATCH', supplier: { id: 's-xtc' } });
    expect(r.resolve('600549.SS')[0]).toMatchObject({ band: 'MATCH', score: 1, matchedName: { kind: 'ticker' } });
    // Without the reference, XTC is only a possible match (three-letter initials).
    expect(new SupplierResolver([xtc], [], []).resolve('XTC')[0]).toMatchObject({ band: 'POSSIBLE' });
  });

  it("keeps the tenant's own decisions first", () => {
    const rejected = new SupplierResolver(
      [xtc],
      [{ tenantId: 't1', supplierId: 's-xtc', nameKey: nameKey('XTC'), decision: 'REJECTED' }],
    );
    expect(rejected.resolve('XTC')).toEqual([]);
  });

  it('keeps a parent apart from its listed arm when only the legal form differs', () => {
    const r = new SupplierResolver([chalco]);
    expect(r.resolve('Aluminum Corporation of China Limited')[0]).toMatchObject({ band: 'MATCH' });
    expect(r.resolve('中国铝业股份有限公司')[0]).toMatchObject({ band: 'MATCH' });
    expect(r.resolve('Chalco')[0]).toMatchObject({ band: 'MATCH' });
    for (const parent of ['Aluminum Corporation of China', '中国铝业公司', 'Chinalco'])
      expect([parent, r.resolve(parent).filter((h) => h.band === 'MATCH')]).toEqual([parent, []]);
  });

  it('never lets a subsidiary, parent or joint venture inherit a match', () => {
    const r = new SupplierResolver([xtc]);
    for (const n of [
      'Fujian Golden Dragon Rare-Earth Co., Ltd.',
      'Luoyang Yulu Mining Co. Ltd.',
      'China Minmetals Corporation',
    ])
      expect([n, r.resolve(n).filter((h) => h.band === 'MATCH')]).toEqual([n, []]);
  });

  it('matches Japanese legal names and their published romanised (English) names through the reference', () => {
    const jp = (id: string, legalNameEn: string): SupplierSpec => ({ id, tenantId: 't1', legalNameEn, aliases: [] });
    const r = new SupplierResolver([
      jp('tdk', 'TDK Corporation'),
      jp('daido', 'Daido Steel Co., Ltd.'),
      jp('proterial', 'Proterial, Ltd.'),
    ]);
    for (const [name, id] of [
      ['TDK株式会社', 'tdk'],
      ['ティーディーケイ株式会社', 'tdk'],
      ['東京電気化学工業株式会社', 'tdk'],
      ['大同特殊鋼株式会社', 'daido'],
      ['大同特殊鋼', 'daido'],
      ['株式会社プロテリアル', 'proterial'],
    ])
      expect([
        name,
        r
          .resolve(name)
          .filter((h) => h.band === 'MATCH')
          .map((h) => h.supplier.id),
      ]).toEqual([name, [id]]);
    // No kana is romanised: a Hepburn reading of a katakana name is not the name the company publishes.
    expect(r.resolve('Puroteriaru')).toEqual([]);
    // The subsidiary's Japanese short name stays apart from the parent.
    expect(r.resolve('ダイドー電子').filter((h) => h.band === 'MATCH')).toEqual([]);
  });
});
