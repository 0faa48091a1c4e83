import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { jlMagLicence, magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { EventsService } from '../events/events.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { DecideSupplierNameDto } from './dto/supplier-decision.dto.js';

describe('POST/GET /v1/supplier-name-decisions', () => {
  let app: INestApplication;
  let token: string;
  let neo: string;
  let otherTenantsSupplier: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const tenants = app.get(TenantsService);
    const prisma = app.get(PrismaService);
    const setup = magnetMaker('alpha');
    setup.suppliers.push({ legalNameEn: 'Neo Performance Materials Inc.' });
    const alpha = (await tenants.provision(setup)).id;
    const beta = (await tenants.provision(magnetMaker('beta'))).id;
    neo = (await prisma.db.supplier.findFirst({
      where: { tenantId: alpha, legalNameEn: 'Neo Performance Materials Inc.' },
    }))!.id;
    otherTenantsSupplier = (await prisma.db.supplier.findFirst({ where: { tenantId: beta } }))!.id;
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await prisma.db.user.updateMany({
      where: { tenantId: alpha, email: 'buyer@alpha.example' },
      data: { passwordHash },
    });
    token = (
      await http()
        .post('/v1/auth/login')
        .send({ email: 'buyer@alpha.example', password: 'buyer-password-123' })
        .expect(200)
    ).body.accessToken;
  });
  afterAll(async () => {
    await app?.close();
  });

  const decide = (body: DecideSupplierNameDto) =>
    http().post('/v1/supplier-name-decisions').auth(token, { type: 'bearer' }).send(body);

  it('needs a signed-in user', async () => {
    await http()
      .post('/v1/supplier-name-decisions')
      .send({ supplierId: neo, name: 'Neo Materials', decision: 'CONFIRMED' })
      .expect(401);
    await http().get('/v1/supplier-name-decisions').expect(401);
  });

  it('lets a buyer confirm a possible match, which later events then match', async () => {
    const events = app.get(EventsService);
    const permit = (externalId: string) =>
      events.ingestPermitEvent({ ...jlMagLicence, externalId, status: 'REVOKED', exporterName: 'Neo Materials' });
    const alertOf = async (id: string) =>
      crossTenant('test assertions', () => app.get(PrismaService).db.alert.findFirst({ where: { permitEventId: id } }));
    const before = await alertOf((await permit('e2e-decision-1')).id);
    expect(before).toMatchObject({ severity: 'LOW', reasons: [{ via: 'SUPPLIER_POSSIBLE' }] });

    const res = await decide({ supplierId: neo, name: 'Neo Materials', decision: 'CONFIRMED' }).expect(201);
    expect(res.body).toMatchObject({
      supplierId: neo,
      name: 'Neo Materials',
      nameKey: 'neo material',
      decision: 'CONFIRMED',
    });
    expect(res.body.decidedBy).toMatch(/^[0-9a-f-]{36}$/);
    const after = await alertOf((await permit('e2e-decision-2')).id);
    expect(after).toMatchObject({ severity: 'CRITICAL', reasons: [{ via: 'SUPPLIER_EXPORTER' }] });

    const list = await http().get('/v1/supplier-name-decisions').auth(token, { type: 'bearer' }).expect(200);
    expect(list.body.map((d: { decision: string }) => d.decision)).toEqual(['CONFIRMED']);
  });

  it('names bad fields (400) and refuses another tenant’s supplier (404)', async () => {
    const bad = await http()
      .post('/v1/supplier-name-decisions')
      .auth(token, { type: 'bearer' })
      .send({ supplierId: 'x', name: '', decision: 'MAYBE' })
      .expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'decision',
      'name',
      'supplierId',
    ]);
    const legalFormOnly = await decide({ supplierId: neo, name: 'Co., Ltd.', decision: 'REJECTED' }).expect(400);
    expect((legalFormOnly.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['name']);
    await decide({ supplierId: otherTenantsSupplier, name: 'Neo Materials', decision: 'REJECTED' }).expect(404);
  });
});
