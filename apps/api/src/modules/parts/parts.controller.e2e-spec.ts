import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { XLSX_CONTENT_TYPE } from '../../common/content-types.js';
import { PrismaService } from '../../database/prisma.service.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';

/** Parts and products over HTTP, on the production bootstrap (issue 15). */
describe('parts and products API', () => {
  let app: INestApplication;
  let admin: string;
  let buyer: string;
  let other: string;
  let tenantId: string;
  let jlMag: string;
  let otherSupplier: string;
  const http = () => request(app.getHttpServer());
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  async function login(email: string) {
    return (await http().post('/v1/auth/login').send({ email, password: 'password-123456' }).expect(200)).body
      .accessToken as string;
  }

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const tenants = app.get(TenantsService);
    tenantId = (await tenants.provision(magnetMaker('parts'))).id;
    const otherId = (await tenants.provision(magnetMaker('other'))).id;
    const passwordHash = await app.get(PasswordHasher).hash('password-123456');
    const db = app.get(PrismaService).db;
    await db.user.updateMany({ where: { tenantId }, data: { passwordHash } });
    await db.user.updateMany({ where: { tenantId: otherId }, data: { passwordHash } });
    admin = await login('admin@parts.example');
    buyer = await login('buyer@parts.example');
    other = await login('admin@other.example');
    jlMag = (await http().get('/v1/suppliers').set(auth(admin)).expect(200)).body.items[0].id;
    otherSupplier = (await http().get('/v1/suppliers').set(auth(other)).expect(200)).body.items[0].id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates, reads, pages, changes and deletes parts and products; buyers read only', async () => {
    const product = await http()
      .post('/v1/products')
      .set(auth(admin))
      .send({ code: 'EDU-150', name: '150 kW drive unit' })
      .expect(201);
    expect(product.body).toMatchObject({ tenantId, code: 'EDU-150', partCount: 0 });
    await http().post('/v1/products').set(auth(admin)).send({ code: 'EDU-150', name: 'again' }).expect(409);
    const created = await http()
      .post('/v1/parts')
      .set(auth(admin))
      .send({
        partNumber: 'MAG-1',
        description: 'Rotor magnet',
        hsCode: '8505111000',
        sites: ['Leipzig'],
        annualQuantity: 240000,
        annualSpend: '1850000.5',
        currency: 'EUR',
        materials: [
          { materialForm: 'NDFEB_MAGNET', elementSymbol: 'Dy', massPerUnit: 1.2, massUnit: 'G' },
          { materialForm: 'NDFEB_MAGNET', elementSymbol: 'Nd', massPerUnit: 14, massUnit: 'G' },
        ],
        suppliers: [{ supplierId: jlMag, shareOfVolume: 1 }],
        products: [{ productId: product.body.id, quantityPerProduct: 36 }],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      partNumber: 'MAG-1',
      annualSpend: { amount: '1850000.50', currency: 'EUR' },
      annualQuantity: { amount: '240000', unit: 'PCS' },
      materials: [
        { elementSymbol: 'Dy', materialForm: 'NDFEB_MAGNET', massPerUnit: '1.2', massUnit: 'G', massFraction: null },
        { elementSymbol: 'Nd' },
      ],
      suppliers: [{ supplierId: jlMag, name: 'JL MAG Rare-Earth Co., Ltd.', shareOfVolume: '1' }],
      products: [{ productId: product.body.id, code: 'EDU-150', quantityPerProduct: '36' }],
    });
    // Duplicate part number: 409 naming the existing part.
    const dup = await http().post('/v1/parts').set(auth(admin)).send({ partNumber: 'MAG-1' }).expect(409);
    expect(dup.body.existingId).toBe(created.body.id);
    // Buyers read, do not write.
    await http().get(`/v1/parts/${created.body.id}`).set(auth(buyer)).expect(200);
    await http().post('/v1/parts').set(auth(buyer)).send({ partNumber: 'B-1' }).expect(403);
    // Pages.
    await http().post('/v1/parts').set(auth(admin)).send({ partNumber: 'MAG-2' }).expect(201);
    const page1 = await http().get('/v1/parts?limit=1').set(auth(admin)).expect(200);
    expect(page1.body.items.map((p: { partNumber: string }) => p.partNumber)).toEqual(['MAG-1']);
    const page2 = await http().get(`/v1/parts?limit=1&cursor=${page1.body.nextCursor}`).set(auth(admin)).expect(200);
    expect(page2.body.items.map((p: { partNumber: string }) => p.partNumber)).toEqual(['MAG-2']);
    expect(page2.body.nextCursor).toBeNull();
    // PATCH replaces a list given, keeps the others.
    const patched = await http()
      .patch(`/v1/parts/${created.body.id}`)
      .set(auth(admin))
      .send({ materials: [{ elementSymbol: 'Tb', massPerUnit: 300, massUnit: 'MG' }], annualSpend: '2000000' })
      .expect(200);
    expect(patched.body.materials).toEqual([
      { elementSymbol: 'Tb', materialForm: null, massPerUnit: '300', massUnit: 'MG', massFraction: null },
    ]);
    expect(patched.body.suppliers).toHaveLength(1);
    expect(patched.body.annualSpend).toEqual({ amount: '2000000.00', currency: 'EUR' });
    expect((await http().get(`/v1/products/${product.body.id}`).set(auth(admin)).expect(200)).body.partCount).toBe(1);
    // Another tenant sees none of it.
    await http().get(`/v1/parts/${created.body.id}`).set(auth(other)).expect(404);
    await http().delete(`/v1/parts/${created.body.id}`).set(auth(admin)).expect(204);
    await http().get(`/v1/parts/${created.body.id}`).set(auth(admin)).expect(404);
    const audit = (await http().get('/v1/audit-log?limit=200').set(auth(admin)).expect(200)).body.items as {
      action: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['part.create', 'part.update', 'part.delete', 'product.create']),
    );
  });

  it('lists what the parts contain that no watch covers, and a new watch closes its gap; another tenant sees its own', async () => {
    const gaps = async (token: string) =>
      (await http().get('/v1/parts/watch-gaps').set(auth(token)).expect(200)).body as {
        gaps: { kind: string; value: string; label: string; parts: number; examples: string[] }[];
        partsRead: number;
      };
    const make = (partNumber: string, body: object) =>
      http()
        .post('/v1/parts')
        .set(auth(admin))
        .send({ partNumber, ...body })
        .expect(201);
    // Watched: Dy and HS 2846 (magnetMaker). An NdFeB magnet with Dy (Nd and 8505.11 through its form), a GaN die,
    // a Dy oxide under 2846 (covered), a second Ga part.
    const parts = await Promise.all([
      make('GAP-MAG', { hsCode: '8505111000', materials: [{ materialForm: 'NDFEB_MAGNET', elementSymbol: 'Dy' }] }),
      make('GAP-GAN-1', { materials: [{ elementSymbol: 'Ga', massPerUnit: 2, massUnit: 'MG' }] }),
      make('GAP-GAN-2', { materials: [{ elementSymbol: 'Ga' }] }),
      make('GAP-DYOX', { hsCode: '2846901500', materials: [{ elementSymbol: 'Dy' }] }),
    ]);
    const before = await gaps(buyer);
    expect(before.gaps).toEqual([
      { kind: 'ELEMENT', value: 'Ga', label: 'gallium (Ga)', parts: 2, examples: ['GAP-GAN-1', 'GAP-GAN-2'] },
      { kind: 'ELEMENT', value: 'Nd', label: 'neodymium (Nd)', parts: 1, examples: ['GAP-MAG'] },
      {
        kind: 'HS_CODE',
        value: '850511',
        label: expect.stringMatching(/^HS 8505\.11/),
        parts: 1,
        examples: ['GAP-MAG'],
      },
    ]);
    expect(before.partsRead).toBeGreaterThanOrEqual(4);
    // Another tenant's gaps never name these parts.
    expect(JSON.stringify(await gaps(other))).not.toContain('GAP-');
    // Watching Ga and HS 8505 (a heading above 8505.11) closes both gaps.
    await http().post('/v1/watchlist').set(auth(admin)).send({ kind: 'ELEMENT', elementSymbol: 'Ga' }).expect(201);
    const hs = await http()
      .post('/v1/watchlist')
      .set(auth(admin))
      .send({ kind: 'HS_CODE', hsPrefix: '8505' })
      .expect(201);
    expect((await gaps(buyer)).gaps.map((g) => g.value)).toEqual(['Nd']);
    await http().delete(`/v1/watchlist/${hs.body.id}`).set(auth(admin)).expect(204);
    for (const p of parts) await http().delete(`/v1/parts/${p.body.id}`).set(auth(admin)).expect(204);
  });

  it('answers 400 naming each bad field', async () => {
    const bad = await http()
      .post('/v1/parts')
      .set(auth(admin))
      .send({
        partNumber: 'BAD-1',
        annualSpend: '12.5',
        currency: 'EURO',
        hsCode: '85.05',
        materials: [{ elementSymbol: 'Xx' }, { massPerUnit: 3 }, { elementSymbol: 'Dy', massFraction: 0.1 }],
      })
      .expect(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['currency', 'hsCode']));
    const shape = await http()
      .post('/v1/parts')
      .set(auth(admin))
      .send({
        partNumber: 'BAD-2',
        annualSpend: '12.5',
        materials: [{ elementSymbol: 'Xx' }, { massPerUnit: 3 }, { elementSymbol: 'Dy', massFraction: 0.1 }],
        suppliers: [{ supplierId: otherSupplier }],
      })
      .expect(400);
    expect((shape.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
      [
        'currency',
        'materials[0].elementSymbol',
        'materials[1]',
        'materials[1].massUnit',
        'materials[2].massFraction',
        'suppliers[0].supplierId',
      ].sort(),
    );
  });

  it('imports parts from CSV: dry run, per-row errors, then all of them; and from XLSX', async () => {
    await http().post('/v1/products').set(auth(admin)).send({ code: 'ACT-1', name: 'Actuator' }).expect(201);
    const header = 'partNumber,hsCode,annualQuantity,annualSpend,currency,materials,suppliers,products';
    const good = [
      `${header}`,
      'IMP-1,8505111000,1000,25000.00,EUR,NDFEB_MAGNET:Dy=4.5g;NDFEB_MAGNET:Nd=60g,"JL MAG Rare-Earth Co., Ltd.=1",ACT-1=2',
      'IMP-2,,500,1200,USD,SMCO_MAGNET:Sm=20g,,',
    ];
    const csv = (body: string, q: string) =>
      http().post(`/v1/parts/import${q}`).set(auth(admin)).set('content-type', 'text/csv').send(body);
    const badFile = [
      ...good,
      'IMP-3,,x,,,,,',
      'IMP-4,,,,,,Nobody Ltd=1,',
      'IMP-5,,,,,,,NOPE=1',
      'IMP-6,,,,,Q=1kg,,',
      'IMP-7,,,,,NOT A TOKEN,,',
      'IMP-1,,,,,,,',
    ].join('\n');
    const rejected = await csv(badFile, '').expect(422);
    expect(rejected.body.imported).toBe(0);
    const fields = (rejected.body.errors as { line: number; field: string }[]).map((e) => `${e.line}:${e.field}`);
    expect([...new Set(fields)]).toEqual([
      '4:annualQuantity',
      '5:suppliers',
      '6:products',
      '7:materials[0].elementSymbol',
      '8:materials[0]',
      '9:partNumber', // a repeat of line 2, skipped
    ]);
    const dry = await csv(good.join('\n'), '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, valid: 2, imported: 0, errorCount: 0 });
    const done = await csv(good.join('\n'), '').expect(200);
    expect(done.body).toMatchObject({ rows: 2, imported: 2 });
    const job = await http().get(`/v1/imports/${done.body.importId}`).set(auth(admin)).expect(200);
    expect(job.body).toMatchObject({ kind: 'PARTS', status: 'SUCCEEDED', processed: 2, created: 2 });
    const parts = (await http().get('/v1/parts?limit=500').set(auth(admin)).expect(200)).body.items as {
      partNumber: string;
      materials: unknown[];
      suppliers: { name: string }[];
      products: { code: string; quantityPerProduct: string }[];
    }[];
    const imp1 = parts.find((p) => p.partNumber === 'IMP-1')!;
    expect(imp1.materials).toHaveLength(2);
    expect(imp1.suppliers[0]!.name).toBe('JL MAG Rare-Earth Co., Ltd.');
    expect(imp1.products).toEqual([expect.objectContaining({ code: 'ACT-1', quantityPerProduct: '2' })]);
    // Again: every row repeats a stored part number and is skipped.
    const again = await csv(good.join('\n'), '').expect(200);
    expect(again.body).toMatchObject({ imported: 0, skipped: 2 });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Parts');
    ws.addRow(['partNumber', 'annualQuantity', 'annualSpend', 'currency', 'unitMass', 'unitMassUnit', 'materials']);
    ws.addRow(['XL-1', 100, '990', 'JPY', 0.05, 'kg', 'Ga=0.7%']);
    ws.addRow(['XL-2', 'many', '', '', '', '', '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const post = (q: string) =>
      http().post(`/v1/parts/import${q}`).set(auth(admin)).set('content-type', XLSX_CONTENT_TYPE).send(xlsx);
    const xlBad = await post('').expect(422);
    expect(new Set(xlBad.body.errors.map((e: { line: number; field: string }) => `${e.line}:${e.field}`))).toEqual(
      new Set(['3:annualQuantity']),
    );
    const partial = await post('?partial=true').expect(200);
    expect(partial.body).toMatchObject({ rows: 2, imported: 1 });
    const xl1 = (await http().get('/v1/parts?limit=500').set(auth(admin)).expect(200)).body.items.find(
      (p: { partNumber: string }) => p.partNumber === 'XL-1',
    );
    expect(xl1).toMatchObject({
      annualSpend: { amount: '990', currency: 'JPY' }, // JPY has no minor unit
      unitMass: '0.05',
      unitMassUnit: 'KG',
      materials: [{ elementSymbol: 'Ga', massFraction: '0.007' }],
    });
    await http()
      .post('/v1/parts/import')
      .set(auth(admin))
      .set('content-type', 'application/json')
      .send({ partNumber: 'x' })
      .expect(415);
  });
});
