import type { TestingModule } from '@nestjs/testing';
import { FakeClock } from '../common/clock.js';
import { LINK_SIGNER, type LinkSigner } from '../common/signed-links.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { PrismaService } from '../database/prisma.service.js';
import { crossTenant } from '../database/tenant-scope.js';
import { EventsService } from '../modules/events/events.service.js';
import { MetricsService } from '../modules/metrics/metrics.service.js';
import { TenantsService } from '../modules/tenants/tenants.service.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../testing/databases.js';
import { jlMagLicence, no18 } from '../testing/fixtures.js';
import { createTestingModule } from '../testing/test-app.js';
import { DeliveryWorker } from './delivery-worker.js';
import { MAIL_TRANSPORT, type MailTransport, type OutgoingMail } from './mail-transport.js';
import { OutboxRepository } from './outbox.repository.js';

const WINDOW_MS = 120_000;

/**
 * Email bursts on PGlite and PostgreSQL (docs/notifications.md): the immediate alerts of one recipient due together go
 * as one `alert-burst` message listing each; a recipient who just got one waits for the window's end; CRITICAL goes
 * alone at once; two buyers get separate messages; a group resent after its worker died has the same Message-ID and
 * the same alerts, and each row is SENT once.
 */
describe.each(ENGINES)('email bursts on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  let events: EventsService;
  let tenantId: string;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  const mails: OutgoingMail[] = [];
  const transport: MailTransport = {
    async send(mail) {
      mails.push(mail);
      return { providerMessageId: `250 ${mail.messageId}` };
    },
    async close() {},
  };
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);
  const worker = () => moduleRef.get(DeliveryWorker);
  const rows = () => all(() => prisma.db.emailDelivery.findMany({ where: { tenantId }, orderBy: [{ id: 'asc' }] }));
  let n = 0;
  /** Ingests `count` events on Dy (HIGH for the fixture tenant), one alert per buyer each. */
  const ingest = async (count: number) => {
    for (let i = 0; i < count; i++)
      await events.ingestPolicyChange({ ...no18, externalId: `burst-${++n}`, title: `Dy measure ${n}` });
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule(
      { DATABASE_URL: testDb.url, EMAIL_BURST_WINDOW_SECONDS: String(WINDOW_MS / 1000) },
      clock,
      [[MAIL_TRANSPORT, transport]],
    );
    await moduleRef.init();
    prisma = moduleRef.get(PrismaService);
    events = moduleRef.get(EventsService);
    tenantId = (
      await moduleRef.get(TenantsService).provision({
        slug: 'bursts',
        name: 'Bursts GmbH',
        users: [
          { email: 'mei@bursts.example', name: 'Mei Chen', role: 'BUYER' },
          { email: 'ola@bursts.example', name: 'Ola Nordmann', role: 'BUYER' },
        ],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [{ legalNameEn: 'JL MAG Rare-Earth Co., Ltd.', legalNameZh: '江西金力永磁科技股份有限公司' }],
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });
  beforeEach(async () => {
    mails.length = 0;
    clock.advance(10 * WINDOW_MS); // no window left open by the previous test
    await all(() => prisma.db.emailDelivery.deleteMany({}));
  });

  it('sends N alerts of one buyer as one message listing N, one per buyer, each row SENT once under its Message-ID', async () => {
    await ingest(5);
    const report = await worker().drain();
    expect(report).toMatchObject({ sent: 10, messages: 2, held: 0, retried: 0, failed: 0 });
    expect(mails.map((m) => m.to.address).sort()).toEqual(['mei@bursts.example', 'ola@bursts.example']);
    const stored = await rows();
    expect(stored.every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
    for (const mail of mails) {
      const mine = stored.filter((r) => r.recipient === mail.to.address);
      expect(mine).toHaveLength(5);
      expect(mail.subject).toBe('[HIGH] 5 alerts in the last 2 minutes — matches Dy');
      expect(new Set(mine.map((r) => r.messageId))).toEqual(new Set([mail.messageId]));
      expect(mine[0]!.messageId).toBe(mail.messageId); // the oldest row's id
      for (const r of mine) expect(mail.text).toContain(`Alert ID: ${r.alertId}`);
      expect(mail.text).toContain('HIGH Dy measure 1');
      expect(mail.text).toContain('Why: ');
      expect(mail.html).toContain(`/v1/alerts/${mine[0]!.alertId}`);
      expect(mail.headers?.['X-Lodestone-Alerts']).toBe('5');
      // Unsubscribe stays: the RFC 8058 header and the footer link.
      expect(mail.listUnsubscribeUrl).toMatch(/\/v1\/email\/unsubscribe\?token=/);
      expect(mail.html).toContain('Unsubscribe');
    }
    expect(mails[0]!.messageId).not.toBe(mails[1]!.messageId);
  }, 60_000);

  it('holds alerts raised within the window after a message until its end; CRITICAL goes alone at once', async () => {
    await ingest(1);
    expect(await worker().drain()).toMatchObject({ messages: 2 }); // the first goes at once, alone
    expect(mails.map((m) => m.subject.startsWith('[HIGH] MOFCOM/GAC Announcement 2025 No. 18'))).toEqual([true, true]);
    const sentAt = clock.now().getTime();
    mails.length = 0;
    clock.advance(30_000);
    await ingest(3);
    expect(await worker().drain()).toMatchObject({ messages: 0, held: 6 });
    const held = (await rows()).filter((r) => r.status === 'PENDING');
    expect(held).toHaveLength(6);
    expect(held.every((r) => r.attempts === 0 && r.nextAttemptAt.getTime() === sentAt + WINDOW_MS)).toBe(true);
    // A licence of their supplier revoked: CRITICAL, not held, not grouped.
    clock.advance(30_000);
    await events.ingestPermitEvent({ ...jlMagLicence, externalId: 'revoked-1', status: 'REVOKED', title: 'Revoked' });
    expect(await worker().drain()).toMatchObject({ messages: 2, sent: 2, held: 0 });
    expect(mails.map((m) => m.subject.slice(0, 10))).toEqual(['[CRITICAL]', '[CRITICAL]']);
    mails.length = 0;
    clock.advance(30_000); // 90 s after the first message: still inside the window
    expect(await worker().drain()).toMatchObject({ messages: 0, held: 0 });
    clock.advance(30_000); // the window's end
    expect(await worker().drain()).toMatchObject({ messages: 2, sent: 6 });
    expect(mails.map((m) => m.subject).sort()).toEqual([
      '[HIGH] 3 alerts in the last 2 minutes — matches Dy',
      '[HIGH] 3 alerts in the last 2 minutes — matches Dy',
    ]);
    expect((await rows()).filter((r) => r.status !== 'SENT')).toEqual([]);
  }, 60_000);

  it('resends a group whose worker died after the send with the same Message-ID and the same alerts', async () => {
    await ingest(3);
    const config = moduleRef.get<AppConfig>(APP_CONFIG);
    // A worker whose transport takes the message and never returns: it dies between the server's 250 and its commit.
    const taken: OutgoingMail[] = [];
    const dying = new DeliveryWorker(
      moduleRef.get(OutboxRepository),
      {
        send: (mail) => {
          taken.push(mail);
          return new Promise(() => {});
        },
        close: async () => {},
      },
      clock,
      { ...config, outbox: { ...config.outbox, concurrency: 1 } },
      moduleRef.get<LinkSigner>(LINK_SIGNER),
      moduleRef.get(MetricsService),
    );
    void dying.drain();
    for (let i = 0; i < 200 && taken.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(taken).toHaveLength(1);
    const first = taken[0]!;
    // A new alert arrives meanwhile; it is not part of the crashed message.
    await ingest(1);
    clock.advance(config.outbox.claimTimeoutMs + 1);
    await worker().drain();
    const resent = mails.filter((m) => m.to.address === first.to.address);
    expect(resent[0]!.messageId).toBe(first.messageId);
    expect(resent[0]!.text).toBe(first.text);
    const stored = (await rows()).filter((r) => r.recipient === first.to.address);
    expect(stored.filter((r) => r.messageId === first.messageId)).toHaveLength(3);
    expect(stored.every((r) => r.status === 'SENT')).toBe(true);
    // The new alert went as its own message (the crashed group never recorded a send, so no window held it).
    expect(resent).toHaveLength(2);
    expect(resent[1]!.messageId).not.toBe(first.messageId);
  }, 60_000);
});
