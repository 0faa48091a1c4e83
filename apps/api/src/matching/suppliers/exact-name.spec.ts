/**
 * Issue 10 point 1: a name identical (after normalisation) to a supplier's registered legal name or alias is that
 * supplier at full score, even when all its words are industry or place words; the industry/place rule only lowers
 * partial matches. Through the whole matcher: a DENIED/REVOKED permit event for such an exporter is CRITICAL.
 */
import { seedReferenceIndex } from '../../testing/reference.js';
import { TenantIndex } from '../matcher.js';
import type { EventFacts, SupplierSpec } from '../types.js';
import { SupplierResolver } from './resolver.js';

const xtc: SupplierSpec = {
  id: 'xtc',
  tenantId: 't1',
  legalNameEn: 'Xiamen Tungsten Co., Ltd.',
  legalNameZh: '厦门钨业股份有限公司',
  aliases: [],
};
const registeredTraditional: SupplierSpec = {
  id: 'xtc-tw',
  tenantId: 't2',
  legalNameEn: 'Xiamen Tungsten Co., Ltd.',
  legalNameZh: '廈門鎢業股份有限公司',
  aliases: [],
};

describe('a name identical to a registered name is the supplier (issue 10.1)', () => {
  const r = new SupplierResolver([xtc, registeredTraditional]);

  it.each(['Xiamen Tungsten Co., Ltd.', 'XIAMEN TUNGSTEN CO LTD', '厦门钨业股份有限公司', '廈門鎢業股份有限公司'])(
    '%s matches both registrations (simplified and traditional) at 0.98',
    (name) => {
      const hits = r.resolve(name);
      expect(hits.map((h) => [h.supplier.id, h.band, h.score])).toEqual([
        ['xtc', 'MATCH', 0.98],
        ['xtc-tw', 'MATCH', 0.98],
      ]);
      expect(hits[0]!.features.map((f) => f.feature)).toEqual(['same name']);
      expect(r.resolveByScan(name)).toEqual(hits);
    },
  );

  it('still keeps partial industry-and-place names apart', () => {
    expect(r.resolve('Xiamen Tungsten Industry Group').filter((h) => h.band === 'MATCH')).toEqual([]);
    expect(r.resolve('Tungsten Co., Ltd.')).toEqual([]);
    expect(r.resolve('厦门钨业集团').filter((h) => h.band === 'MATCH')).toEqual([]);
  });

  it('rates a DENIED or REVOKED permit for that exporter CRITICAL, EXPIRING HIGH, in either script', () => {
    const index = new TenantIndex(seedReferenceIndex(), [], [xtc]);
    const permit: EventFacts = {
      type: 'PERMIT_EVENT',
      jurisdiction: 'CN',
      reference: null,
      permitStatus: 'DENIED',
      elements: [],
      hsCodes: [],
      controlEntries: [],
    };
    for (const exporterName of ['Xiamen Tungsten Co., Ltd.', '厦门钨业股份有限公司', '廈門鎢業股份有限公司']) {
      for (const [permitStatus, severity] of [
        ['DENIED', 'CRITICAL'],
        ['REVOKED', 'CRITICAL'],
        ['EXPIRING', 'HIGH'],
      ] as const) {
        const [m] = index.match({ ...permit, permitStatus, exporterName });
        expect(m).toMatchObject({ tenantId: 't1', severity, reasons: [{ via: 'SUPPLIER_EXPORTER', score: 0.98 }] });
      }
    }
    // The other direction: the exporter is named in English, the supplier registered in Chinese only (and back).
    const zhOnly = new TenantIndex(
      seedReferenceIndex(),
      [],
      [{ ...xtc, legalNameEn: '廈門鎢業股份有限公司', legalNameZh: null }],
    );
    expect(zhOnly.match({ ...permit, exporterName: '厦门钨业股份有限公司' })[0]).toMatchObject({
      severity: 'CRITICAL',
    });
  });
});
