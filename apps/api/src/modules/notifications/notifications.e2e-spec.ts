import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { DeliveriesRepository } from '../../mail/outbox.repository.js';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.js';
import { no18 } from '../../testing/fixtures.js';
import { SmtpSink } from '../../testing/smtp-sink.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';

describe('email delivery over SMTP: retries, permanent failures, RFC 8058, signed links', () => {
  let testDb: TestDatabase;
  let app: INestApplication;
  let sink: SmtpSink;
  let tenantId: string;
  const clock = new FakeClock(new Date('2026-02-02T10:00:00Z'));

  beforeAll(async () => {
    // The first two DATA commands get "421 try again later"; bounce@… is refused with 550 at RCPT TO.
    sink = new SmtpSink({ failFirst: 2, failCode: 421, rejectRecipients: { 'bounce@zh.example': 550 } });
    const smtpUrl = await sink.start();
    testDb = await createTestDatabase('postgres');
    app = await createTestApp(
      {
        DATABASE_URL: testDb.url,
        SMTP_URL: smtpUrl,
        MAIL_FROM: '稀土预警 Lodestone <alerts@lodestone.example>',
        PUBLIC_URL: 'https://lodestone.example',
        ADMIN_EMAIL: 'root@lodestone.test',
        ADMIN_PASSWORD: 'first-admin-password-1',
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      },
      clock,
    );
    tenantId = (
      await app.get(TenantsService).provision({
        slug: 'zh',
        name: '华东磁材有限公司',
        users: [
          { email: 'mei@zh.example', name: '陈美', role: 'BUYER', timeZone: 'Asia/Shanghai' },
          { email: 'bounce@zh.example', name: 'Bounce', role: 'BUYER' },
        ],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [],
      })
    ).id;
  });
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
    await testDb?.drop();
  });

  const worker = () => app.get(DeliveryWorker);
  const http = () => request(app.getHttpServer());

  it('retries 421 with backoff, marks 550 FAILED and lists it, and sends once with encoded names and one-click headers', async () => {
    const res = await http()
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'zh-1', reference: undefined, title: '出口管制：镝 (Dy) 及其化合物' })
      .expect(201);
    expect(res.body.emailsQueued).toBe(2);

    const first = await worker().drain();
    expect(first).toMatchObject({ sent: 0, retried: 1, failed: 1 });
    clock.advance(60 * 60_000);
    expect(await worker().drain()).toMatchObject({ sent: 0, retried: 1 });
    clock.advance(60 * 60_000);
    expect(await worker().drain()).toMatchObject({ sent: 1 });
    expect(await worker().drain()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(sink.dataAttempts).toBe(3);
    expect(sink.messages).toHaveLength(1);

    const deliveries = app.get(DeliveriesRepository);
    const failed = await deliveries.list(tenantId, 'FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ recipient: 'bounce@zh.example', attempts: 1 });
    expect(failed[0]!.lastError).toMatch(/550/);
    const [sent] = await deliveries.list(tenantId, 'SENT');
    expect(sent).toMatchObject({ recipient: 'mei@zh.example', attempts: 3 });

    const mail = sink.messages[0]!;
    expect(mail.messageId).toBe(sent!.messageId);
    const raw = Object.fromEntries(mail.headerLines.map((h) => [h.key, h.line]));
    // Display names are RFC 2047 encoded words; the address stays outside them.
    expect(raw.to).toMatch(/^To: =\?UTF-8\?[BQ]\?[^?]+\?= <mei@zh\.example>$/);
    expect(raw.from).toMatch(/^From: =\?UTF-8\?[BQ]\?[^<]+\?= <alerts@lodestone\.example>$/);
    expect(mail.to && 'value' in mail.to ? mail.to.value[0] : null).toEqual({
      name: '陈美',
      address: 'mei@zh.example',
    });
    expect(mail.from?.value[0]).toEqual({ name: '稀土预警 Lodestone', address: 'alerts@lodestone.example' });
    expect(raw.subject).toMatch(/^Subject: =\?UTF-8\?/);
    expect(mail.subject).toBe('[HIGH] 出口管制：镝 (Dy) 及其化合物: export control imposed — matches Dy');
    expect(raw['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mail.text).toContain('Why you are receiving this');
    expect(mail.html).toContain('Email preferences');
  });

  it('unsubscribes in one click with the List-Unsubscribe URL (RFC 8058 POST) and sends nothing more to that user', async () => {
    const header = sink.messages[0]!.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const url = new URL(/<([^>]+)>/.exec(header)![1]!);
    expect(url.origin).toBe('https://lodestone.example');
    const path = `${url.pathname}${url.search}`;
    await http()
      .get(path)
      .expect(200)
      .expect(/Unsubscribe mei@zh\.example/);
    await http()
      .post(path)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200, { unsubscribed: true, email: 'mei@zh.example' });
    await http()
      .post(path.replace(/token=[^.]+/, 'token=eyJwIjoidW5zdWJzY3JpYmUifQ'))
      .expect(403);
    const res = await http()
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'zh-2' })
      .expect(201);
    expect(res.body.emailsQueued).toBe(1); // only bounce@, mei@ unsubscribed
  });

  it('reads and edits preferences through the signed link in the email, naming bad fields', async () => {
    const html = sink.messages[0]!.html as string;
    // The emailed link opens the console's page, which reads and edits through the API with the same signed token.
    const link = /href="(https:\/\/lodestone\.example\/email-preferences\?token=[^"]+)"/
      .exec(html)![1]!
      .replace(/&amp;/g, '&');
    const path = `/v1/email/preferences${new URL(link).search}`;
    const view = await http().get(path).expect(200);
    expect(view.body).toMatchObject({
      email: 'mei@zh.example',
      timeZone: 'Asia/Shanghai',
      effective: { unsubscribed: true },
    });
    const bad = await http()
      .patch(path)
      .send({ digestLocalTime: '25:00', timeZone: 'Mars/Base', colour: 'red' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'colour',
      'digestLocalTime',
      'timeZone',
    ]);
    const ok = await http()
      .patch(path)
      .send({
        unsubscribed: false,
        digestFrequency: 'WEEKLY',
        digestLocalTime: '08:30',
        digestWeekday: 5,
        timeZone: 'Europe/Berlin',
      })
      .expect(200);
    expect(ok.body.effective).toMatchObject({
      unsubscribed: false,
      digest: { frequency: 'WEEKLY', localTime: '08:30', weekday: 5, timeZone: 'Europe/Berlin' },
    });
    await http().get(path.replace('preferences', 'unsubscribe')).expect(403); // a preferences token cannot unsubscribe
    const prisma = app.get(PrismaService);
    expect((await prisma.db.user.findFirstOrThrow({ where: { tenantId, email: 'mei@zh.example' } })).timeZone).toBe(
      'Europe/Berlin',
    );
  });

  it('shows failed deliveries to tenant admins (authenticated) and lets a signed-in buyer edit their preferences', async () => {
    const login = async (email: string, password: string) =>
      (await http().post('/v1/auth/login').send({ email, password }).expect(200)).body.accessToken as string;
    await http().get('/v1/deliveries').expect(401);
    const admin = await login('root@lodestone.test', 'first-admin-password-1');
    const failed = await http()
      .get('/v1/deliveries?status=FAILED')
      .auth(admin, { type: 'bearer' })
      .set('X-Tenant-Id', tenantId)
      .expect(200);
    expect(failed.body.map((d: { recipient: string; status: string }) => [d.recipient, d.status])).toEqual([
      ['bounce@zh.example', 'FAILED'],
    ]);
    expect(failed.body[0].lastError).toMatch(/550/);
    const bad = await http()
      .get('/v1/deliveries?status=LOST')
      .auth(admin, { type: 'bearer' })
      .set('X-Tenant-Id', tenantId)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('status');

    const prisma = app.get(PrismaService);
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await prisma.db.user.updateMany({ where: { tenantId, email: 'mei@zh.example' }, data: { passwordHash } });
    const buyer = await login('mei@zh.example', 'buyer-password-123');
    await http().get('/v1/deliveries').auth(buyer, { type: 'bearer' }).expect(403);
    const updated = await http()
      .patch('/v1/me/notification-preferences')
      .auth(buyer, { type: 'bearer' })
      .send({ immediateMinSeverity: 'CRITICAL', mutedElements: ['Ga'] })
      .expect(200);
    expect(updated.body.effective).toMatchObject({
      immediate: { enabled: true, minSeverity: 'CRITICAL' },
      mutedElements: ['Ga'],
    });
    const mine = await http().get('/v1/me/notification-preferences').auth(buyer, { type: 'bearer' }).expect(200);
    expect(mine.body.email).toBe('mei@zh.example');
    // Mutes must name an element of the reference data and a supplier of this tenant; nothing changes otherwise.
    const refused = await http()
      .patch('/v1/me/notification-preferences')
      .auth(buyer, { type: 'bearer' })
      .send({ mutedElements: ['Ga', 'Xx'], mutedSupplierIds: ['00000000-0000-4000-8000-000000000000'] })
      .expect(400);
    expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'mutedElements[1]',
      'mutedSupplierIds[0]',
    ]);
    const unchanged = await http().get('/v1/me/notification-preferences').auth(buyer, { type: 'bearer' }).expect(200);
    expect(unchanged.body.effective.mutedSupplierIds).toEqual([]);
  });
});
