import type { SupplierSpec } from '../types.js';
import { nameKey } from './name.js';
import { SupplierResolver } from './resolver.js';

const jl = (tenantId: string, extra: Partial<SupplierSpec> = {}): SupplierSpec => ({
  id: `jl-${tenantId}`,
  tenantId,
  legalNameEn: 'JL MAG Rare-Earth Co., Ltd.',
  legalNameZh: '江西金力永磁科技股份有限公司',
  aliases: [],
  tickers: ['6680.HK'],
  ...extra,
});
const neo: SupplierSpec = {
  id: 'neo-t1',
  tenantId: 't1',
  legalNameEn: 'Neo Performance Materials Inc.',
  aliases: [],
  tickers: ['TSX:NEO'],
};

describe('SupplierResolver', () => {
  it('resolves a name for every tenant that has the supplier, with how it matched and the score', () => {
    const r = new SupplierResolver([jl('t2'), jl('t1'), neo]);
    const hits = r.resolve('江西金力永磁科技股份有限公司');
    expect(hits.map((h) => [h.supplier.tenantId, h.band, h.score, h.matchedName.kind])).toEqual([
      ['t1', 'MATCH', 0.98, 'Chinese legal name'],
      ['t2', 'MATCH', 0.98, 'Chinese legal name'],
    ]);
  });

  it('resolves tickers in any form, also inside a name, with score 1', () => {
    const r = new SupplierResolver([jl('t1'), neo]);
    for (const name of ['HKEX:06680', '6680.HK (HKEX)', 'XHKG:6680', 'Some Magnet Maker (6680.HK)']) {
      expect(r.resolve(name).map((h) => [h.supplier.id, h.score, h.matchedName.kind])).toEqual([
        ['jl-t1', 1, 'ticker'],
      ]);
    }
  });

  it('matches by USCC and LEI, and a different USCC is a different entity whatever the name', () => {
    const r = new SupplierResolver([jl('t1', { uscc: '914403001922038216', lei: '529900T8BM49AURSDO55' })]);
    expect(r.resolve('914403001922038216')[0]).toMatchObject({
      band: 'MATCH',
      score: 1,
      matchedName: { kind: 'USCC' },
    });
    expect(r.resolve('LEI 529900T8BM49AURSDO55')[0]).toMatchObject({ band: 'MATCH', matchedName: { kind: 'LEI' } });
    expect(r.resolve('JL MAG Rare-Earth Co., Ltd. (USCC 91350100M000100Y43)')).toEqual([]);
  });

  it('puts a partial name in the possible band, and remembers a buyer’s decision for that tenant, supplier and name', () => {
    const first = new SupplierResolver([neo]).resolve('Neo Materials');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ band: 'POSSIBLE', nameKey: nameKey('Neo Materials') });
    expect(first[0]!.features.map((f) => f.feature)).toContain('distinctive words in common');

    const confirmed = new SupplierResolver(
      [neo],
      [{ tenantId: 't1', supplierId: 'neo-t1', nameKey: first[0]!.nameKey, decision: 'CONFIRMED' }],
    );
    expect(confirmed.resolve('NEO materials')[0]).toMatchObject({
      band: 'MATCH',
      confirmed: true,
      score: first[0]!.score,
    });

    const rejected = new SupplierResolver(
      [neo],
      [{ tenantId: 't1', supplierId: 'neo-t1', nameKey: first[0]!.nameKey, decision: 'REJECTED' }],
    );
    expect(rejected.resolve('Neo Materials')).toEqual([]);
    // Another name is not covered by the decision; neither is another tenant.
    expect(rejected.resolve('Neo Performance Materials')).toHaveLength(1);
    const otherTenant = new SupplierResolver(
      [neo],
      [{ tenantId: 't2', supplierId: 'neo-t1', nameKey: first[0]!.nameKey, decision: 'REJECTED' }],
    );
    expect(otherTenant.resolve('Neo Materials')).toHaveLength(1);
  });

  it('does not resolve related entities or generic names', () => {
    const r = new SupplierResolver([
      {
        id: 'creg',
        tenantId: 't1',
        legalNameEn: 'China Rare Earth Group Co., Ltd.',
        legalNameZh: '中国稀土集团有限公司',
        aliases: [],
      },
      {
        id: 'shenghe',
        tenantId: 't1',
        legalNameEn: 'Shenghe Resources Holding Co., Ltd.',
        legalNameZh: '盛和资源控股股份有限公司',
        aliases: [],
      },
    ]);
    for (const name of [
      'China Southern Rare Earth Group',
      'China Minmetals Corporation',
      'Rare Earth Group',
      '稀土集团',
      'Company',
      'Leshan Shenghe Rare Earth Co., Ltd.',
      '乐山盛和稀土有限公司',
      'China Northern Rare Earth (Group) High-Tech Co.,Ltd',
    ]) {
      expect(r.resolve(name).filter((h) => h.band === 'MATCH')).toEqual([]);
    }
    expect(r.resolve('中国稀土集团')[0]).toMatchObject({ supplier: { id: 'creg' }, band: 'MATCH' });
  });

  it('answers exactly as a scan of every supplier', () => {
    const syllables = ['jin', 'li', 'yun', 'sheng', 'he', 'xin', 'hua', 'da', 'tong', 'feng'];
    const hanzi = '金力韵升盛和新华大通丰';
    const generic = ['Rare Earth', 'Magnet', 'Materials', 'Resources Holding', 'High-Tech'];
    const places = ['', 'Ningbo ', 'Baotou ', 'Ganzhou '];
    const suppliers: SupplierSpec[] = [];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const brand = syllables[rnd(10)]! + syllables[rnd(10)]!;
      suppliers.push({
        id: `s${i}`,
        tenantId: `t${rnd(20)}`,
        legalNameEn: `${places[rnd(4)]}${brand[0]!.toUpperCase()}${brand.slice(1)} ${generic[rnd(5)]} Co., Ltd.`,
        legalNameZh: `${hanzi[rnd(11)]}${hanzi[rnd(11)]}稀土有限公司`,
        aliases: [],
      });
    }
    const queries = suppliers.flatMap((s) => [
      s.legalNameEn.split(' ').slice(0, 2).join(' '),
      s.legalNameZh!.slice(0, 2),
      s.legalNameEn.toUpperCase(),
    ]);
    const resolver = new SupplierResolver(suppliers);
    let nonEmpty = 0;
    for (const q of queries) {
      const hits = resolver.resolve(q);
      if (hits.length) nonEmpty++;
      expect(hits).toEqual(resolver.resolveByScan(q));
    }
    expect(nonEmpty).toBeGreaterThan(queries.length / 2);
  });
});
