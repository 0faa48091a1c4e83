import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { SmtpSink } from '../../testing/smtp-sink.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';

const ADMIN = { email: 'root@lodestone.test', password: 'first-admin-password-1' };
const demo = join(import.meta.dirname, '../../../demo');

describe('GET /v1/exposure: a tenant created after the demo events', () => {
  const smtp = new SmtpSink();
  let app: INestApplication;
  let buyer: string;
  let root: string;
  let tenantId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(
      {
        DATABASE_URL: 'pglite://memory',
        SMTP_URL: await smtp.start(),
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        PUBLIC_URL: 'https://lodestone.test',
      },
      new FakeClock(new Date('2026-12-04T09:00:00Z')),
    );
    // The demo's events arrive first (as `npm run demo` ingests them), through the public ingestion API.
    const events = JSON.parse(readFileSync(join(demo, 'events-2025.json'), 'utf8'));
    for (const pc of events.policyChanges) await http().post('/v1/policy-changes').send(pc).expect(201);
    for (const pe of events.permitEvents) await http().post('/v1/permit-events').send(pe).expect(201);
    // Then the demo tenant is provisioned (Dy, Tb, Sm, HS 8505.11 and 2846 watches; JL MAG and Ningbo Yunsheng).
    tenantId = (
      await app.get(TenantsService).provision(JSON.parse(readFileSync(join(demo, 'demo-tenant.json'), 'utf8')))
    ).id;
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await app
      .get(PrismaService)
      .db.user.updateMany({ where: { tenantId, email: 'buyer@demo-magnets.example' }, data: { passwordHash } });
    buyer = (
      await http()
        .post('/v1/auth/login')
        .send({ email: 'buyer@demo-magnets.example', password: 'buyer-password-123' })
        .expect(200)
    ).body.accessToken;
    root = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it("shows No. 18's items for the Dy watch and the licence of the supplier named in a permit event, at once", async () => {
    const res = await http().get('/v1/exposure').auth(buyer, { type: 'bearer' }).expect(200);
    const body = res.body;
    expect(body).toMatchObject({ tenantId, today: '2026-12-04', asOf: '2026-12-04T09:00:00.000Z' });
    const dy = body.watches.find((w: { elementSymbol: string }) => w.elementSymbol === 'Dy');
    const no18 = dy.items.find((i: { measureKey: string }) => i.measureKey === 'MOFCOM-GAC-2025-18');
    expect(no18).toMatchObject({ status: 'IN_FORCE', statusLabel: 'In force', origin: 'BACKFILL' });
    const alert = await http().get(`/v1/alerts/${no18.alertId}`).auth(buyer, { type: 'bearer' }).expect(200);
    expect(no18.alertedAt).toBe(alert.body.createdAt);
    expect(no18.reasons[0]).toMatchObject({ element: 'Dy', subject: { type: 'WATCH', label: 'dysprosium (Dy)' } });
    const jlMag = body.suppliers.find((s: { legalNameEn: string }) => s.legalNameEn === 'JL MAG Rare-Earth Co., Ltd.');
    expect(jlMag.licences).toEqual([
      expect.objectContaining({ status: 'LICENCE_VALID', permitStatus: 'GRANTED', validTo: null, daysToExpiry: null }),
    ]);
    expect(jlMag.licences[0].reasons[0].subject).toMatchObject({ type: 'SUPPLIER', supplierId: jlMag.id });
    // No. 57 and No. 70: the suspension lapsed on 2026-11-10; neither concerns a magnet maker's watches here.
    const measure = body.byMeasure.find((m: { key: string }) => m.key === 'MOFCOM-GAC-2025-18');
    expect(measure).toMatchObject({ known: true, status: 'IN_FORCE' });
    expect(measure.watchIds).toContain(dy.id);
    expect(body.counts).toMatchObject({ watches: 5, suppliers: 2 });
    expect(body.counts.licencesValid).toBeGreaterThanOrEqual(2);

    const element = await http().get('/v1/exposure/elements/Dy').auth(buyer, { type: 'bearer' }).expect(200);
    expect(element.body.element).toMatchObject({ symbol: 'Dy', name: 'dysprosium (Dy)' });
    expect(element.body.measures.map((m: { key: string }) => m.key)).toContain('MOFCOM-GAC-2025-18');
    expect(element.body.watches.map((w: { id: string }) => w.id)).toEqual([dy.id]);
  });

  it('sends one "Your current exposure" email to the buyer instead of an alert email each', async () => {
    await app.get(DeliveryWorker).drain();
    const mails = smtp.messages.filter((m) => m.envelopeTo.includes('buyer@demo-magnets.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(
      /^Your current exposure: \d+ measures and licences apply to Demo Magnets GmbH \(/,
    );
    expect(mails[0]!.text).toContain('dysprosium (Dy)');
    expect(mails[0]!.text).toContain('JL MAG Rare-Earth Co., Ltd.');
    expect(mails[0]!.text).toMatch(/https:\/\/lodestone\.test\/v1\/alerts\/[0-9a-f-]{36}/);
  });

  it('platform admins name the tenant; a bad symbol is a 400 naming it; no token is a 401', async () => {
    await http().get('/v1/exposure').expect(401);
    const bad = await http().get('/v1/exposure').auth(root, { type: 'bearer' }).expect(400);
    expect(bad.body.errors[0].field).toBe('X-Tenant-Id');
    const asRoot = await http().get('/v1/exposure').auth(root, { type: 'bearer' }).set('x-tenant-id', tenantId);
    expect(asRoot.status).toBe(200);
    expect(asRoot.body.tenantId).toBe(tenantId);
    const unknown = await http().get('/v1/exposure/elements/Xx').auth(buyer, { type: 'bearer' }).expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'symbol', messages: ['symbol Xx is not an element Lodestone knows (see GET /v1/elements)'] },
    ]);
  });
});

describe('impact workflow: per (tenant, measure) assessments and per alert applicability', () => {
  let app: INestApplication;
  let buyer: string;
  let tenantId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(
      {
        DATABASE_URL: 'pglite://memory',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      },
      new FakeClock(new Date('2026-12-04T09:00:00Z')),
    );
    const events = JSON.parse(readFileSync(join(demo, 'events-2025.json'), 'utf8'));
    for (const pc of events.policyChanges) await http().post('/v1/policy-changes').send(pc).expect(201);
    tenantId = (
      await app.get(TenantsService).provision(JSON.parse(readFileSync(join(demo, 'demo-tenant.json'), 'utf8')))
    ).id;
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await app
      .get(PrismaService)
      .db.user.updateMany({ where: { tenantId, email: 'buyer@demo-magnets.example' }, data: { passwordHash } });
    buyer = (
      await http()
        .post('/v1/auth/login')
        .send({ email: 'buyer@demo-magnets.example', password: 'buyer-password-123' })
        .expect(200)
    ).body.accessToken;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('records an assessment with owner, note and history; names bad fields; audits; the exposure shows it', async () => {
    const me = (await http().get('/v1/auth/me').auth(buyer, { type: 'bearer' }).expect(200)).body;
    const put = (body: object, key = 'MOFCOM-GAC-2025-18') =>
      http().put(`/v1/exposure/measures/${key}/impact`).auth(buyer, { type: 'bearer' }).send(body);
    const fields = async (body: object) =>
      ((await put(body).expect(400)).body.errors as { field: string }[]).map((e) => e.field);
    expect(await fields({ status: 'CONFIRMED' })).toEqual(['expectedDurationDays']);
    expect(await fields({ status: 'MAYBE' })).toEqual(['status']);
    expect(await fields({ status: 'POTENTIAL', ownerId: '00000000-0000-4000-8000-000000000000' })).toEqual(['ownerId']);
    await put({ status: 'POTENTIAL' }, 'MOFCOM-GAC-2099-1').expect(404);

    await put({ status: 'POTENTIAL', ownerId: me.userId, note: 'checking Dy stock' }).expect(200);
    const confirmed = await put({ status: 'CONFIRMED', expectedDurationDays: 90, note: 'ten weeks of stock' }).expect(
      200,
    );
    expect(confirmed.body).toMatchObject({ tenantId, measureKey: 'MOFCOM-GAC-2025-18', status: 'CONFIRMED' });
    expect(confirmed.body.ownerId).toEqual(expect.any(String)); // kept when not sent

    const one = await http()
      .get('/v1/exposure/measures/MOFCOM-GAC-2025-18/impact')
      .auth(buyer, { type: 'bearer' })
      .expect(200);
    expect(one.body.history.map((h: { after: { status: string } }) => h.after.status)).toEqual([
      'POTENTIAL',
      'CONFIRMED',
    ]);
    expect(one.body.history[1].before).toMatchObject({ status: 'POTENTIAL', note: 'checking Dy stock' });
    const audit = await app
      .get(PrismaService)
      .db.auditLog.findMany({ where: { tenantId, action: 'impact.update' }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => (a.after as { status: string }).status)).toEqual(['POTENTIAL', 'CONFIRMED']);
    expect(audit[1]).toMatchObject({ actorUserId: me.userId, actorRole: 'BUYER' });
    const list = await http().get('/v1/exposure/impacts').auth(buyer, { type: 'bearer' }).expect(200);
    expect(list.body.map((i: { measureKey: string }) => i.measureKey)).toEqual(['MOFCOM-GAC-2025-18']);

    const exposure = (await http().get('/v1/exposure').auth(buyer, { type: 'bearer' }).expect(200)).body;
    expect(exposure.byMeasure.find((m: { key: string }) => m.key === 'MOFCOM-GAC-2025-18').impact).toMatchObject({
      status: 'CONFIRMED',
      expectedDurationDays: 90,
      note: 'ten weeks of stock',
    });
  });

  it('marks an alert as not applying, with a reason, in its history; the exposure shows it', async () => {
    const alerts = (await http().get('/v1/alerts').auth(buyer, { type: 'bearer' }).expect(200)).body.items;
    const no18 = alerts.find((a: { measure: { key: string } | null }) => a.measure?.key === 'MOFCOM-GAC-2025-18');
    expect(no18.origin).toBe('BACKFILL');
    const bad = await http()
      .put(`/v1/alerts/${no18.id}/applicability`)
      .auth(buyer, { type: 'bearer' })
      .send({ applies: 'no' })
      .expect(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['applies', 'reason']);
    const res = await http()
      .put(`/v1/alerts/${no18.id}/applicability`)
      .auth(buyer, { type: 'bearer' })
      .send({ applies: false, reason: 'Our magnets come finished from the EU' })
      .expect(200);
    expect(res.body).toMatchObject({
      id: no18.id,
      applies: false,
      appliesReason: 'Our magnets come finished from the EU',
    });
    expect(res.body.appliesSetAt).toMatch(/Z$/);
    const history = await http().get(`/v1/alerts/${no18.id}/history`).auth(buyer, { type: 'bearer' }).expect(200);
    expect(history.body.at(-1)).toMatchObject({
      kind: 'APPLICABILITY_SET',
      comment: 'Our magnets come finished from the EU',
      after: { applies: false },
    });
    const exposure = (await http().get('/v1/exposure').auth(buyer, { type: 'bearer' }).expect(200)).body;
    const dy = exposure.watches.find((w: { elementSymbol: string }) => w.elementSymbol === 'Dy');
    expect(dy.items.find((i: { alertId: string }) => i.alertId === no18.id)).toMatchObject({
      applies: false,
      appliesReason: 'Our magnets come finished from the EU',
    });
    const audit = await app
      .get(PrismaService)
      .db.auditLog.findMany({ where: { tenantId, action: 'alert.applicability' } });
    expect(audit).toEqual([
      expect.objectContaining({
        targetId: no18.id,
        after: { applies: false, reason: 'Our magnets come finished from the EU' },
      }),
    ]);
    await http()
      .put('/v1/alerts/00000000-0000-4000-8000-000000000000/applicability')
      .auth(buyer, { type: 'bearer' })
      .send({ applies: true, reason: 'x' })
      .expect(404);
  });
});
