import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeClock } from '../common/clock.js';
import { PrismaService } from '../database/prisma.service.js';
import { PreferencesService } from '../modules/notifications/preferences.service.js';
import { TenantsService } from '../modules/tenants/tenants.service.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { jlMagLicence, no18 } from '../testing/fixtures.js';
import { SmtpSink } from '../testing/smtp-sink.js';
import { createTestApp } from '../testing/test-app.js';
import { DeliveryWorker } from './delivery-worker.js';

/**
 * Email bursts end to end (production bootstrap, PostgreSQL, a real SMTP server): events posted over HTTP, the
 * worker's messages read back from the SMTP sink. Quiet hours, CRITICAL and one-click unsubscribe keep working.
 */
describe('email bursts over SMTP', () => {
  let testDb: TestDatabase;
  let app: INestApplication;
  let sink: SmtpSink;
  let buyerId: string;
  let tenantId: string;
  // 10:00 in Berlin (UTC+1 in February).
  const clock = new FakeClock(new Date('2026-02-02T09:00:00Z'));
  let n = 0;
  const http = () => request(app.getHttpServer());
  const post = async (count: number) => {
    for (let i = 0; i < count; i++)
      await http()
        .post('/v1/policy-changes')
        .send({ ...no18, externalId: `e2e-burst-${++n}`, title: `Dy measure ${n}` })
        .expect(201);
  };
  const drain = () => app.get(DeliveryWorker).drain();

  beforeAll(async () => {
    sink = new SmtpSink({});
    const smtpUrl = await sink.start();
    testDb = await createTestDatabase('postgres');
    app = await createTestApp(
      {
        DATABASE_URL: testDb.url,
        SMTP_URL: smtpUrl,
        MAIL_FROM: 'Lodestone <alerts@lodestone.example>',
        PUBLIC_URL: 'https://lodestone.example',
        EMAIL_BURST_WINDOW_SECONDS: '120',
      },
      clock,
    );
    tenantId = (
      await app.get(TenantsService).provision({
        slug: 'e2e-bursts',
        name: 'Burst Magnetics GmbH',
        users: [{ email: 'anna@bursts.example', name: 'Anna Keller', role: 'BUYER', timeZone: 'Europe/Berlin' }],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [{ legalNameEn: 'JL MAG Rare-Earth Co., Ltd.', legalNameZh: '江西金力永磁科技股份有限公司' }],
      })
    ).id;
    buyerId = (await app.get(PrismaService).db.user.findFirstOrThrow({ where: { tenantId } })).id;
  });
  afterAll(async () => {
    await app?.close();
    await sink?.stop();
    await testDb?.drop();
  });

  it('sends 4 alerts posted together as one message with one-click unsubscribe, and a CRITICAL alone at once', async () => {
    await post(4);
    expect(await drain()).toMatchObject({ sent: 4, messages: 1 });
    expect(sink.messages).toHaveLength(1);
    const mail = sink.messages[0]!;
    expect(mail.subject).toBe('[HIGH] 4 alerts in the last 2 minutes — matches Dy');
    for (let i = 1; i <= 4; i++) expect(mail.text).toContain(`HIGH Dy measure ${i}`);
    const raw = Object.fromEntries(mail.headerLines.map((h) => [h.key, h.line]));
    expect(raw['list-unsubscribe']).toMatch(
      /^List-Unsubscribe:\s+<https:\/\/lodestone\.example\/v1\/email\/unsubscribe\?token=/,
    );
    expect(raw['list-unsubscribe-post']).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const rows = await app.get(PrismaService).db.emailDelivery.findMany({ where: { tenantId } });
    expect(rows.map((r) => r.messageId)).toEqual(Array(4).fill(mail.messageId));

    // 30 s later: a HIGH alert waits for the window; a revoked licence of the supplier (CRITICAL) goes at once.
    clock.advance(30_000);
    await post(1);
    await http()
      .post('/v1/permit-events')
      .send({ ...jlMagLicence, externalId: 'e2e-revoked', status: 'REVOKED', title: 'Licence revoked' })
      .expect(201);
    expect(await drain()).toMatchObject({ sent: 1, messages: 1, held: 1 });
    expect(sink.messages[1]!.subject).toMatch(/^\[CRITICAL\]/);
    clock.advance(90_000);
    expect(await drain()).toMatchObject({ sent: 1, messages: 1 });
    expect(sink.messages[2]!.subject).toMatch(/^\[HIGH\] MOFCOM\/GAC Announcement 2025 No\. 18/);
  });

  it('holds alerts during quiet hours and sends them as one message when they end; none after unsubscribing', async () => {
    await app.get(PreferencesService).update(buyerId, tenantId, { quietHoursStart: '22:00', quietHoursEnd: '07:00' });
    clock.set(new Date('2026-02-02T22:00:00Z')); // 23:00 in Berlin
    const before = sink.messages.length;
    await post(3);
    expect(await drain()).toMatchObject({ sent: 0, messages: 0 });
    clock.set(new Date('2026-02-03T06:00:00Z')); // 07:00 in Berlin
    expect(await drain()).toMatchObject({ sent: 3, messages: 1 });
    const mail = sink.messages[before]!;
    expect(mail.subject).toBe('[HIGH] 3 alerts in the last 2 minutes — matches Dy');
    const header = mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const url = new URL(/<([^>]+)>/.exec(header)![1]!);
    await http().post(`${url.pathname}${url.search}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    clock.advance(10 * 60_000);
    await post(2);
    expect(await drain()).toMatchObject({ sent: 0, messages: 0 });
    expect(sink.messages).toHaveLength(before + 1);
  });
});
