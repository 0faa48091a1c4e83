import { jest } from '@jest/globals';
import { Logger, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { PrismaService } from '../../database/prisma.service.js';
import { jlMagLicence, magnetMaker, no18 } from '../../testing/fixtures.js';
import { SmtpSink } from '../../testing/smtp-sink.js';
import { eventually } from '../../testing/eventually.js';
import { createTestApp } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { PermitEventDto } from './dto/permit-event.dto.js';
import type { PolicyChangeDto } from './dto/policy-change.dto.js';
import { reasonText } from '../../testing/reason-text.js';

describe('ingestion over HTTP, delivered over SMTP', () => {
  const smtp = new SmtpSink();
  let app: INestApplication;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    // Schedules on, as in production: ingestion kicks the delivery worker.
    app = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      SMTP_URL: smtpUrl,
      SCHEDULES_ENABLED: 'true',
      MAIL_FROM: 'Lodestone <alerts@lodestone.test>',
    });
    await app.get(TenantsService).provision(magnetMaker('gamma', 'mei.chen@gamma.example'));
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('POST /v1/policy-changes with MOFCOM/GAC No. 18 emails the buyer why it matched', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send(no18 satisfies PolicyChangeDto)
      .expect(201);
    expect(res.body).toMatchObject({ created: true, alerts: 1, emailsQueued: 1 });

    await smtp.waitFor(1);
    const mail = smtp.messages[0]!;
    expect(mail.envelopeTo).toEqual(['mei.chen@gamma.example']);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : null).toMatchObject({
      address: 'mei.chen@gamma.example',
      name: 'Mei Chen',
    });
    expect(mail.from?.value[0]?.address).toBe('alerts@lodestone.test');
    expect(mail.subject).toMatch(/^\[HIGH\] /);
    expect(mail.subject).toContain('MOFCOM/GAC Announcement 2025 No. 18');
    expect(mail.subject).toContain('Dy');
    const reason = reasonText.watch(
      'dysprosium (Dy)',
      'control-list entry 1C905',
      'MOFCOM/GAC Announcement 2025 No. 18',
    );
    expect(mail.text).toContain(reason);
    expect(mail.text).toContain(no18.sourceUrl);
    expect(mail.html).toContain(reason);
    expect(mail.html).toContain(`href="${no18.sourceUrl}"`);
    expect(mail.messageId).toMatch(/@lodestone\.test>$/);

    // The server's 250 comes before the queue worker records SENT.
    const tenant = await app.get(PrismaService).db.tenant.findUniqueOrThrow({ where: { slug: 'gamma' } });
    const delivery = () => app.get(PrismaService).db.emailDelivery.findFirstOrThrow({ where: { tenantId: tenant.id } });
    await eventually('SENT', async () => (await delivery()).status === 'SENT');
    expect((await delivery()).messageId).toBe(mail.messageId);
  });

  it('the same event again is 200, creates nothing and sends nothing', async () => {
    const res = await request(app.getHttpServer()).post('/v1/policy-changes').send(no18).expect(200);
    expect(res.body).toMatchObject({ created: false, alerts: 1, emailsQueued: 0, differs: [] });
    await app.get(DeliveryWorker).drain();
    expect(smtp.messages).toHaveLength(1);
  });

  it('a repeat with other content says which fields differ, logs a warning and keeps the stored event', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const res = await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .send({ ...no18, title: 'Export licences lifted', action: 'LIFTED', jurisdiction: 'US' })
        .expect(200);
      expect(res.body).toMatchObject({ created: false, alerts: 1, emailsQueued: 0 });
      expect([...res.body.differs].sort()).toEqual(['action', 'jurisdiction', 'title']);
      expect(warn.mock.calls.map(([message]) => String(message))).toContainEqual(
        expect.stringContaining('mofcom/MOFCOM-GAC-2025-18 sent again with other jurisdiction, title, action: ignored'),
      );
      const stored = await app.get(PrismaService).db.policyChange.findUniqueOrThrow({
        where: { source_externalId: { source: 'mofcom', externalId: no18.externalId } },
      });
      expect([stored.title, stored.action, stored.jurisdiction]).toEqual([no18.title, 'IMPOSED', 'CN']);

      // Formatting only (list order, dots in customs codes, the default of an omitted field) is not a difference.
      const same = await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .send({
          ...no18,
          elements: [...no18.elements].reverse(),
          hsCodes: ['2805.30.19.10', '3824999922', '2846901940'],
          official: true,
        })
        .expect(200);
      expect(same.body.differs).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('POST /v1/permit-events matches the exporter to a supplier by its Chinese legal name', async () => {
    await request(app.getHttpServer())
      .post('/v1/permit-events')
      .send(jlMagLicence satisfies PermitEventDto)
      .expect(201);
    await smtp.waitFor(2);
    const mail = smtp.messages[1]!;
    expect(mail.subject).toMatch(/^\[MEDIUM\] /);
    // A permit alert's subject names the tenant's supplier, and says nothing the tenant does not watch.
    expect(mail.subject).toContain('matches JL MAG Rare-Earth Co., Ltd.');
    expect(mail.text).toContain(
      reasonText.supplier(
        'JL MAG Rare-Earth Co., Ltd.',
        'exporter',
        '江西金力永磁科技股份有限公司',
        'its Chinese legal name',
      ),
    );
  });

  it('a bad body is a 400 naming each bad field, and nothing is stored', async () => {
    const prisma = app.get(PrismaService);
    const before = await prisma.db.policyChange.count();
    const res = await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send({
        ...no18,
        externalId: 'bad',
        action: 'BANNED',
        effectiveDate: '4 April 2025',
        hsCodes: ['28x6'],
        colour: 'red',
      })
      .expect(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['action', 'colour', 'effectiveDate', 'hsCodes']);
    expect(res.body.message).toContain('action');
    expect(await prisma.db.policyChange.count()).toBe(before);

    const nested = await request(app.getHttpServer())
      .post('/v1/permit-events')
      .send({
        ...jlMagLicence,
        externalId: 'bad-2',
        items: [{ description: 'magnets', hsCode: 'abc' }],
        quantity: { value: -1, unit: 'kg' },
      })
      .expect(400);
    expect((nested.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'items[0].hsCode',
      'quantity.value',
    ]);
  });

  it('unknown element symbols are reported in the same 400 as the other bad fields', async () => {
    const permit = await request(app.getHttpServer())
      .post('/v1/permit-events')
      .send({
        ...jlMagLicence,
        externalId: 'bad-3',
        items: [{ description: 'magnets', elements: ['Zz'], controlEntry: 'foo' }],
      })
      .expect(400);
    expect((permit.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'items[0].controlEntry',
      'items[0].elements[0]',
    ]);
    const policy = await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'bad-4', elements: ['Dy', 'Qq', 'dy'], action: 'BANNED' })
      .expect(400);
    expect((policy.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'action',
      'elements',
      'elements[1]',
    ]);
    expect(policy.body.errors).toContainEqual({
      field: 'elements[1]',
      messages: ['unknown element symbol "Qq" (see GET /v1/elements)'],
    });
  });

  it('dates out of order are a 400 naming the later field, and nothing is stored', async () => {
    const prisma = app.get(PrismaService);
    const [policies, permits] = [await prisma.db.policyChange.count(), await prisma.db.permitEvent.count()];
    const policy = await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'ends-before-start', effectiveDate: '2025-04-04', endDate: '2025-04-03' })
      .expect(400);
    expect(policy.body.errors).toEqual([{ field: 'endDate', messages: ['endDate must not be before effectiveDate'] }]);
    const permit = await request(app.getHttpServer())
      .post('/v1/permit-events')
      .send({ ...jlMagLicence, externalId: 'valid-to-before-from', validFrom: '2025-12-02', validTo: '2025-12-01' })
      .expect(400);
    expect(permit.body.errors).toEqual([{ field: 'validTo', messages: ['validTo must not be before validFrom'] }]);
    expect([await prisma.db.policyChange.count(), await prisma.db.permitEvent.count()]).toEqual([policies, permits]);
    // The same day is fine (a one-day measure or licence).
    await request(app.getHttpServer())
      .post('/v1/permit-events')
      .send({ ...jlMagLicence, externalId: 'one-day', validFrom: '2025-12-02', validTo: '2025-12-02' })
      .expect(201);
  });

  it('an event whose affects lists its own externalId is a 400 naming affects', async () => {
    const prisma = app.get(PrismaService);
    const before = await prisma.db.policyChange.count();
    const res = await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'SELF-1', action: 'SUSPENDED', affects: ['MOFCOM-GAC-2025-18', 'SELF-1'] })
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'affects', messages: ['affects must not list the event\'s own externalId "SELF-1"'] },
    ]);
    expect(await prisma.db.policyChange.count()).toBe(before);
  });

  it('a quantity over the Decimal(20,6) column is a 400 naming quantity.value (not a 500); the largest one is stored', async () => {
    const post = (externalId: string, value: number) =>
      request(app.getHttpServer())
        .post('/v1/permit-events')
        .send({ ...jlMagLicence, externalId, quantity: { value, unit: 'kg' } });
    for (const value of [1e14, 1e21]) {
      const res = await post(`huge-${value}`, value).expect(400);
      expect(res.body.errors).toEqual([
        { field: 'quantity.value', messages: ['quantity.value must be at most 99999999999999'] },
      ]);
    }
    await post('largest', 99_999_999_999_999).expect(201);
  });

  it('a quantity too small for the column, or not an object, and an item that is not an object, are 400s (not 500s)', async () => {
    const post = (externalId: string, extra: object) =>
      request(app.getHttpServer())
        .post('/v1/permit-events')
        .send({ ...jlMagLicence, externalId, ...extra });
    for (const value of [1e-7, 5e-324]) {
      const res = await post(`tiny-${value}`, { quantity: { value, unit: 'kg' } }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['quantity.value']);
    }
    await post('smallest', { quantity: { value: 0.000001, unit: 'kg' } }).expect(201);
    for (const quantity of [[], [{ value: 1, unit: 'kg' }], [[[[]]]]]) {
      const res = await post('quantity-array', { quantity }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('quantity');
    }
    const items = await post('item-array', { items: [[]] }).expect(400);
    expect(items.body.errors.map((e: { field: string }) => e.field)).toContain('items');
  });

  it('a body nested thousands of levels deep is a 400, with or without an Idempotency-Key (no stack overflow)', async () => {
    const deep = '['.repeat(4000) + ']'.repeat(4000);
    for (const key of [undefined, 'deep-1']) {
      const req = request(app.getHttpServer()).post('/v1/policy-changes').set('content-type', 'application/json');
      if (key) req.set('Idempotency-Key', key);
      const res = await req.send(`{"source":"x","externalId":"deep","items":${deep}}`).expect(400);
      expect(res.body.errors[0].messages[0]).toMatch(/deeper than 32 levels/);
    }
  });

  it('refuses text PostgreSQL cannot store (NUL, a lone surrogate) with 400 naming the field, not a 500', async () => {
    const prisma = app.get(PrismaService);
    const before = await prisma.db.policyChange.count();
    // Raw JSON: "\u0000" and "\ud800" as a client would send them.
    const body = JSON.stringify({ ...no18, externalId: 'nul', title: 'x' }).replace(
      '"title":"x"',
      '"title":"a\\u0000b","body":"\\ud800"',
    );
    const res = await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .set('content-type', 'application/json')
      .send(body)
      .expect(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['body', 'title']);
    expect(await prisma.db.policyChange.count()).toBe(before);
  });

  it('takes a 200,000-character Chinese body (600 KB) and rejects a body over the size limit with 413', async () => {
    await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'long-chinese-body', body: '稀土'.repeat(100_000) })
      .expect(201);
    await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send({ ...no18, summary: 'x'.repeat(1100 * 1024) })
      .expect(413);
  });

  it('serves /health and the OpenAPI document', async () => {
    const health = await request(app.getHttpServer()).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', info: { database: { status: 'up', kind: 'pglite' } } });
    const docs = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/v1/policy-changes', '/v1/permit-events', '/health']),
    );
    // The ingestion bodies are validated in the handler (to report unknown elements with the other bad fields) and still documented.
    const bodyRef = (path: string) => docs.body.paths[path].post.requestBody.content['application/json'].schema.$ref;
    expect([bodyRef('/v1/policy-changes'), bodyRef('/v1/permit-events')]).toEqual([
      '#/components/schemas/PolicyChangeDto',
      '#/components/schemas/PermitEventDto',
    ]);
    expect(docs.body.components.schemas.IngestResultDto.properties.differs).toMatchObject({
      type: 'array',
      items: { type: 'string' },
    });
    // Nullable fields keep their real type in the schema (a `boolean | null` property used to come out as "object").
    const props = docs.body.components.schemas.UpdatePreferencesDto.properties;
    expect(Object.entries(props).filter(([, p]) => (p as { type?: string }).type === 'object')).toEqual([]);
    expect([props.immediateEnabled.type, props.quietHoursStart.type, props.digestWeekday.type]).toEqual([
      'boolean',
      'string',
      'integer',
    ]);
  });
});
