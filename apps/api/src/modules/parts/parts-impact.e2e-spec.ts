import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';

/**
 * The impact of alerts on a bill of materials over HTTP (issue 15): a Dy control reaches the NdFeB magnets through
 * Dy, an 8505.11 code reaches every rare-earth magnet, a licence denied to JL MAG reaches what JL MAG supplies; spend
 * per currency, products, element mass and sourcing classes.
 */
describe('impact on parts: GET /v1/alerts/:id and GET /v1/exposure[/parts]', () => {
  let app: INestApplication;
  let admin: string;
  let tenantId: string;
  const ids: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const auth = () => ({ authorization: `Bearer ${admin}` });
  const alertOf = async (title: string) => {
    const items = (await http().get('/v1/alerts?limit=100').set(auth()).expect(200)).body.items as {
      id: string;
      title: string;
    }[];
    const a = items.find((i) => i.title.includes(title));
    if (!a) throw new Error(`no alert ${title}: ${items.map((i) => i.title).join(' | ')}`);
    return (await http().get(`/v1/alerts/${a.id}`).set(auth()).expect(200)).body;
  };

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    // magnetMaker: watches Dy and HS 2846; supplier JL MAG (English and Chinese legal names).
    tenantId = (await app.get(TenantsService).provision(magnetMaker('bom'))).id;
    const passwordHash = await app.get(PasswordHasher).hash('password-123456');
    await app.get(PrismaService).db.user.updateMany({ where: { tenantId }, data: { passwordHash } });
    admin = (
      await http().post('/v1/auth/login').send({ email: 'admin@bom.example', password: 'password-123456' }).expect(200)
    ).body.accessToken;
    ids.jl = (await http().get('/v1/suppliers').set(auth()).expect(200)).body.items[0].id;
    ids.other = (
      await http()
        .post('/v1/suppliers')
        .set(auth())
        .send({ legalNameEn: 'Neo Performance Materials Inc.', country: 'CA' })
    ).body.id;
    for (const [key, code] of [
      ['drive', 'EDU-150'],
      ['seat', 'SEAT-ACT'],
    ] as const)
      ids[key] = (await http().post('/v1/products').set(auth()).send({ code, name: code }).expect(201)).body.id;
    const part = async (body: object) => (await http().post('/v1/parts').set(auth()).send(body).expect(201)).body.id;
    // Sole-sourced from JL MAG, EUR: 1.2 g Dy and 14 g Nd per magnet, 240,000 a year.
    ids.rotor = await part({
      partNumber: 'MAG-ROTOR',
      annualQuantity: 240000,
      annualSpend: '3600000.00',
      currency: 'EUR',
      materials: [
        { materialForm: 'NDFEB_MAGNET', elementSymbol: 'Dy', massPerUnit: 1.2, massUnit: 'G' },
        { materialForm: 'NDFEB_MAGNET', elementSymbol: 'Nd', massPerUnit: 14, massUnit: 'G' },
      ],
      suppliers: [{ supplierId: ids.jl, shareOfVolume: 1 }],
      products: [{ productId: ids.drive, quantityPerProduct: 48 }],
    });
    // Dual-sourced, USD, Dy as a fraction of a 50 g magnet (no quantity: mass unknown).
    ids.sensor = await part({
      partNumber: 'MAG-SENSOR',
      unitMass: 50,
      unitMassUnit: 'G',
      annualSpend: '600000.00',
      currency: 'USD',
      materials: [{ materialForm: 'NDFEB_MAGNET', elementSymbol: 'Dy', massFraction: 0.02 }],
      suppliers: [
        { supplierId: ids.jl, shareOfVolume: 0.6 },
        { supplierId: ids.other, shareOfVolume: 0.4 },
      ],
      products: [
        { productId: ids.drive, quantityPerProduct: 2 },
        { productId: ids.seat, quantityPerProduct: 1 },
      ],
    });
    // SmCo actuator magnet, single-sourced from the other supplier; reached by 8505.11, not by Dy.
    ids.smco = await part({
      partNumber: 'MAG-SMCO',
      annualQuantity: 1000,
      annualSpend: '80000',
      currency: 'EUR',
      materials: [{ materialForm: 'SMCO_MAGNET' }],
      suppliers: [{ supplierId: ids.other }],
    });
    // Gallium power device: reached by nothing here.
    ids.gan = await part({
      partNumber: 'PWR-GAN',
      materials: [{ elementSymbol: 'Ga' }],
      suppliers: [{ supplierId: ids.jl }],
    });

    await http()
      .post('/v1/policy-changes')
      .send({
        source: 'test',
        externalId: 'dy-control',
        jurisdiction: 'CN',
        issuer: 'MOFCOM/GAC',
        action: 'IMPOSED',
        title: 'Export licences for dysprosium items',
        reference: 'MOFCOM/GAC Announcement 2025 No. 18',
        elements: ['Dy'],
        controlEntries: ['1C905'],
        hsCodes: ['850511'],
        effectiveDate: '2025-04-04',
      })
      .expect(201);
    await http()
      .post('/v1/permit-events')
      .send({
        source: 'test',
        externalId: 'jl-denied',
        jurisdiction: 'CN',
        issuer: 'MOFCOM',
        status: 'DENIED',
        title: 'Export licence denied to JL MAG',
        exporterName: '江西金力永磁科技股份有限公司',
        occurredAt: '2025-10-01T00:00:00+08:00',
      })
      .expect(201);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('a Dy control with an 8505.11 code: both NdFeB magnets and the SmCo magnet, spend per currency, Dy mass', async () => {
    const alert = await alertOf('dysprosium');
    const impact = alert.impact;
    expect(impact.affectedParts.map((p: { partNumber: string }) => p.partNumber)).toEqual([
      'MAG-ROTOR',
      'MAG-SENSOR',
      'MAG-SMCO',
    ]);
    expect(impact).toMatchObject({
      parts: 3,
      products: 2,
      annualSpend: [
        { amount: '3680000.00', currency: 'EUR' },
        { amount: '600000.00', currency: 'USD' },
      ],
      partsWithoutSpend: 0,
      annualQuantity: [{ amount: '241000', unit: 'PCS' }],
      // 1.2 g × 240,000 = 288 kg; the sensor's Dy is unknown (no annual quantity).
      elementMass: [
        { symbol: 'Dy', kgPerYear: '288.000', parts: 2, partsWithUnknownMass: 1 },
        { symbol: 'Nd', kgPerYear: '3360.000', parts: 1, partsWithUnknownMass: 0 },
      ],
      // The event names no supplier: no supplier is affected.
      sourcing: { SOLE_SOURCED_FROM_AFFECTED: 0, DUAL_SOURCED_WITH_UNAFFECTED: 1, SINGLE_SOURCED: 2 },
      headline: '3 parts in 2 products, EUR 3.7 M + USD 600 k annual spend',
    });
    const rotor = impact.affectedParts[0];
    expect(rotor.reasons.map((r: { via: string }) => r.via)).toEqual(expect.arrayContaining(['MATERIAL']));
    expect(rotor.reasons[0].text).toMatch(/^Part MAG-ROTOR \(contains dysprosium \(Dy\)\) matched/);
    expect(rotor.elementMass).toEqual([
      { symbol: 'Dy', kgPerYear: '288.000' },
      { symbol: 'Nd', kgPerYear: '3360.000' },
    ]);
    const smco = impact.affectedParts[2];
    expect(smco.reasons[0].text).toContain('falls under 8505.11.1000');
  });

  it('a licence denied to JL MAG: its parts, sole-sourced or dual-sourced with an unaffected supplier', async () => {
    const impact = (await alertOf('denied to JL MAG')).impact;
    expect(
      impact.affectedParts.map((p: { partNumber: string; sourcing: string }) => [p.partNumber, p.sourcing]),
    ).toEqual([
      ['MAG-ROTOR', 'SOLE_SOURCED_FROM_AFFECTED'],
      ['MAG-SENSOR', 'DUAL_SOURCED_WITH_UNAFFECTED'],
      ['PWR-GAN', 'SOLE_SOURCED_FROM_AFFECTED'],
    ]);
    expect(impact.soleSourcedFrom).toEqual([{ supplierId: ids.jl, name: 'JL MAG Rare-Earth Co., Ltd.', parts: 2 }]);
    expect(impact.affectedParts[1].unaffectedShare).toBe('0.4000');
    expect(impact.partsWithoutSpend).toBe(1);
    expect(impact.headline).toBe(
      '3 parts in 2 products, EUR 3.6 M + USD 600 k annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd.',
    );
    expect(impact.affectedParts[0].reasons[0]).toMatchObject({
      via: 'SUPPLIER',
      text: 'Part MAG-ROTOR is supplied by JL MAG Rare-Earth Co., Ltd. (100% of its volume), which this alert names',
    });
  });

  it('the alert emails queued at ingestion carry the impact the email leads with', async () => {
    const rows = await app
      .get(PrismaService)
      .db.emailDelivery.findMany({ where: { tenantId, template: 'alert' }, select: { payload: true } });
    const headlines = rows.map((r) => (r.payload as { impact?: { headline: string } }).impact?.headline).sort();
    expect(headlines).toEqual([
      '3 parts in 2 products, EUR 3.6 M + USD 600 k annual spend, 2 parts sole-sourced from JL MAG Rare-Earth Co., Ltd.',
      '3 parts in 2 products, EUR 3.7 M + USD 600 k annual spend',
    ]);
  });

  it('alternatives for Dy: own suppliers outside CN supplying it, then reference producers with their sources', async () => {
    const alt = (await http().get('/v1/exposure/alternatives?element=Dy').set(auth()).expect(200)).body;
    expect(alt.ownSuppliers).toEqual([
      {
        supplierId: ids.other,
        name: 'Neo Performance Materials Inc.',
        country: 'CA',
        supplies: [{ partId: ids.sensor, partNumber: 'MAG-SENSOR', shareOfVolume: '0.4' }],
        evidence: [
          'Your supplier record gives its country as CA, outside CN',
          'It supplies your part MAG-SENSOR (40% of its volume), which contains dysprosium (Dy)',
        ],
      },
    ]);
    expect(alt.producers.length).toBeGreaterThan(3);
    expect(alt.producers.every((p: { country: string }) => p.country !== 'CN')).toBe(true);
    // A producer whose published role names dysprosium comes first, with the sources of its role.
    expect(alt.producers[0]).toMatchObject({ key: 'northern-minerals', match: 'NAMES_ELEMENT', country: 'AU' });
    expect(alt.producers[0].sources.role.length).toBeGreaterThan(0);
    expect(alt.producers[0].screening).toMatchObject({ listed: false });
    for (const p of alt.producers) expect(p.sources.role.length + p.sources.country.length).toBeGreaterThan(0);
    const bad = await http().get('/v1/exposure/alternatives?element=Xx').set(auth()).expect(400);
    expect(bad.body.errors[0].field).toBe('element');
    await http().get('/v1/exposure/alternatives').set(auth()).expect(400);
  });

  it('the exposure counts each part once over its alerts; /v1/exposure/parts lists them with their alerts', async () => {
    const exposure = (await http().get('/v1/exposure').set(auth()).expect(200)).body;
    expect(exposure.impact).toMatchObject({ parts: 4, products: 2 });
    expect(exposure.impact.affectedParts).toBeUndefined();
    const parts = (await http().get('/v1/exposure/parts').set(auth()).expect(200)).body;
    expect(parts.impact.parts).toBe(4);
    const byPart = new Map(
      (parts.alertsByPart as { partId: string; alertIds: string[] }[]).map((p) => [p.partId, p.alertIds.length]),
    );
    expect(byPart.get(ids.rotor)).toBe(2);
    expect(byPart.get(ids.smco)).toBe(1);
    expect(byPart.get(ids.gan)).toBe(1);
    // A part changed is seen at once (the tenant's part index is rebuilt on its next read).
    await http().delete(`/v1/parts/${ids.gan}`).set(auth()).expect(204);
    expect((await http().get('/v1/exposure').set(auth()).expect(200)).body.impact.parts).toBe(3);
  });

  it('a licence granted to a supplier puts none of its parts at risk in the exposure roll-up (its alert shows them)', async () => {
    await http()
      .post('/v1/permit-events')
      .send({
        source: 'test',
        externalId: 'neo-granted',
        jurisdiction: 'CN',
        issuer: 'MOFCOM',
        status: 'GRANTED',
        title: 'Export licence granted to Neo Performance Materials',
        exporterName: 'Neo Performance Materials Inc.',
        occurredAt: '2025-11-01T00:00:00+08:00',
      })
      .expect(201);
    const grant = await alertOf('granted to Neo');
    expect(grant.impact.parts).toBeGreaterThan(0); // the parts that depend on that supplier
    const exposure = (await http().get('/v1/exposure').set(auth()).expect(200)).body;
    const sole = (exposure.impact.soleSourcedFrom as { supplierId: string }[]).map((s) => s.supplierId);
    expect(sole).toContain(ids.jl); // denied
    expect(sole).not.toContain(ids.other); // granted
  });
});
