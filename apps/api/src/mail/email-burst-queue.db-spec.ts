import type { TestingModule } from '@nestjs/testing';
import { AlertEmail } from '@lodestone/email-templates';
import { FakeClock } from '../common/clock.js';
import { PrismaService } from '../database/prisma.service.js';
import { crossTenant } from '../database/tenant-scope.js';
import { NotificationsRepository } from '../modules/notifications/notifications.repository.js';
import { NotificationsService } from '../modules/notifications/notifications.service.js';
import { TenantsService } from '../modules/tenants/tenants.service.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { createTestingModule } from '../testing/test-app.js';
import { DeliveryWorker } from './delivery-worker.js';
import { MAIL_TRANSPORT, MailSendError, type MailTransport, type OutgoingMail } from './mail-transport.js';

const WINDOW_MS = 120_000;

/**
 * Email bursts on the pg-boss delivery queue with two workers (two application instances over one PostgreSQL
 * database, docs/delivery-engine.md "Email on the queue"): a burst message (several alerts of one recipient sharing the
 * oldest row's Message-ID) whose first attempt failed must be resent whole, exactly once, by whichever job of its rows
 * runs first; never as several messages under the same Message-ID (a mail system keeps one message per Message-ID,
 * so the others' alerts would be lost, and the SMTP sink counts their rows as sent twice).
 */
describe('email bursts on the pg-boss queue with two workers (postgres)', () => {
  let testDb: TestDatabase;
  let a: TestingModule;
  let b: TestingModule;
  let prisma: PrismaService;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  /** What the SMTP server was offered (accepted or refused), in order; both instances send through it. */
  const offered: { mail: OutgoingMail; accepted: boolean }[] = [];
  let refuseNext = 0;
  const transport: MailTransport = {
    async send(mail) {
      // A real SMTP exchange takes a moment: lets the other worker's claim interleave.
      await new Promise((r) => setTimeout(r, 20));
      const accepted = refuseNext <= 0;
      if (!accepted) refuseNext--;
      offered.push({ mail, accepted });
      if (!accepted) throw new MailSendError('421 try again later', true, 421);
      return { providerMessageId: `250 ${mail.messageId}` };
    },
    async close() {},
  };
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);
  let tenantId: string;
  let users: { id: string; email: string; name: string }[];
  /** `n` immediate alert emails (HIGH) to `user`, written as the notifications writer does (rows and jobs). */
  const write = async (user: { id: string; email: string; name: string }, n: number, tag: string) => {
    const notifications = a.get(NotificationsService);
    const rows = Array.from({ length: n }, (_, i) => ({
      tenantId,
      userId: user.id,
      recipient: user.email,
      template: 'alert',
      payload: { ...AlertEmail.PreviewProps, recipientName: user.name, tenantName: 'Burst GmbH' } as never,
      messageId: notifications.newMessageId(),
      dedupeKey: `test:${tag}:${user.id}:${i}`,
      nextAttemptAt: clock.now(),
    }));
    expect(await a.get(NotificationsRepository).insertDeliveries(null, rows)).toBe(n);
    return all(() =>
      prisma.db.emailDelivery.findMany({
        where: { tenantId, dedupeKey: { in: rows.map((r) => r.dedupeKey) } },
        orderBy: { id: 'asc' },
      }),
    );
  };
  const rowsOf = (ids: readonly string[]) =>
    all(() => prisma.db.emailDelivery.findMany({ where: { tenantId, id: { in: [...ids] } }, orderBy: { id: 'asc' } }));
  /**
   * Every accepted message id once, and every row in exactly one accepted message: its Message-ID's message listing
   * as many alerts as rows share that id.
   */
  const expectEachRowSentOnce = async (ids: readonly string[]) => {
    const accepted = offered.filter((o) => o.accepted).map((o) => o.mail);
    const acceptedIds = accepted.map((m) => m.messageId);
    expect(acceptedIds).toEqual([...new Set(acceptedIds)]);
    const rows = await rowsOf(ids);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'SENT'));
    const byMessage = new Map<string, number>();
    for (const r of rows) byMessage.set(r.messageId, (byMessage.get(r.messageId) ?? 0) + 1);
    for (const [messageId, count] of byMessage) {
      const mails = accepted.filter((m) => m.messageId === messageId);
      expect(mails).toHaveLength(1);
      expect(Number(mails[0]!.headers?.['X-Lodestone-Alerts'] ?? '1')).toBe(count);
    }
  };
  const env = (url: string) => ({
    DATABASE_URL: url,
    DELIVERY_QUEUE: 'pgboss',
    OUTBOX_RETRY_BASE_SECONDS: '1',
    EMAIL_BURST_WINDOW_SECONDS: String(WINDOW_MS / 1000),
  });

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    a = await createTestingModule(env(testDb.url), clock, [[MAIL_TRANSPORT, transport]]);
    await a.init();
    b = await createTestingModule({ ...env(testDb.url), DB_MIGRATE_ON_BOOT: 'false' }, clock, [
      [MAIL_TRANSPORT, transport],
    ]);
    await b.init();
    prisma = a.get(PrismaService);
    tenantId = (
      await a.get(TenantsService).provision({
        slug: 'burstq',
        name: 'Burst GmbH',
        users: [
          { email: 'mei@burstq.example', name: 'Mei Chen', role: 'BUYER' },
          { email: 'ola@burstq.example', name: 'Ola Nordmann', role: 'BUYER' },
          { email: 'ana@burstq.example', name: 'Ana Silva', role: 'BUYER' },
        ],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [],
      })
    ).id;
    users = await all(() =>
      prisma.db.user.findMany({
        where: { tenantId, role: 'BUYER' },
        orderBy: { email: 'asc' },
        select: { id: true, email: true, name: true },
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await testDb?.drop();
  });

  it('a failed burst message is resent whole and once when its rows’ jobs run on two workers at once', async () => {
    const rows = await write(users[0]!, 3, 'split');
    const ids = rows.map((r) => r.id);
    // The first job sends the three alerts as one message under the oldest row's Message-ID; the server refuses it.
    refuseNext = 1;
    const first = await a.get(DeliveryWorker).deliverQueued([ids[0]!]);
    expect([...first.keys()]).toEqual(ids);
    const waiting = await rowsOf(ids);
    expect(waiting.map((r) => [r.status, r.attempts, r.messageId])).toEqual(
      rows.map(() => ['PENDING', 1, rows[0]!.messageId]),
    );
    expect(offered.map((o) => [o.mail.messageId, o.mail.headers?.['X-Lodestone-Alerts'], o.accepted])).toEqual([
      [rows[0]!.messageId, '3', false],
    ]);
    // Before the group's retry is due (the clock stands still), the jobs of its rows run on both workers at once: a
    // swept row's job on A, the leader's retry and the third row's job on B. One of them sends the group.
    const [onA, onB] = await Promise.all([
      a.get(DeliveryWorker).deliverQueued([ids[1]!]),
      b.get(DeliveryWorker).deliverQueued([ids[0]!, ids[2]!]),
    ]);
    await expectEachRowSentOnce(ids);
    expect(offered.filter((o) => o.accepted).map((o) => o.mail.messageId)).toEqual([rows[0]!.messageId]);
    expect((await rowsOf(ids)).map((r) => r.attempts)).toEqual([2, 2, 2]);
    // The loser's jobs wait for the message (retried), then find their rows SENT: nothing more is sent.
    for (const [id, reason] of [...onA, ...onB]) {
      expect(ids).toContain(id);
      expect(reason).toBe('the row is being sent by another worker');
    }
    expect(await a.get(DeliveryWorker).deliverQueued(ids)).toEqual(new Map());
    expect(await b.get(DeliveryWorker).deliverQueued(ids)).toEqual(new Map());
    expect(offered.filter((o) => o.accepted)).toHaveLength(1);
  }, 30_000);

  it('the other rows’ jobs leave a refused burst message to its retry time; then one of them resends it whole', async () => {
    offered.length = 0;
    const rows = await write(users[1]!, 3, 'backoff');
    const ids = rows.map((r) => r.id);
    refuseNext = 1;
    expect([...(await a.get(DeliveryWorker).deliverQueued([ids[0]!], new Map([[ids[0]!, 0]]))).keys()]).toEqual(ids);
    // The first runs of the other rows' jobs (retryCount 0; their rows were attempted once, in the leader's message)
    // come before the message's retry is due: nothing is claimed or sent, the jobs are retried later.
    const early = await Promise.all([
      a.get(DeliveryWorker).deliverQueued([ids[1]!], new Map([[ids[1]!, 0]])),
      b.get(DeliveryWorker).deliverQueued([ids[2]!], new Map([[ids[2]!, 0]])),
    ]);
    expect(early).toEqual([
      new Map([[ids[1]!, 'the row waits for the retry of its message']]),
      new Map([[ids[2]!, 'the row waits for the retry of its message']]),
    ]);
    expect(offered).toHaveLength(1);
    expect((await rowsOf(ids)).map((r) => [r.status, r.attempts])).toEqual(rows.map(() => ['PENDING', 1]));
    // The leader's own retry (retryCount 1) resends the message whole; refused again, it waits for its next retry.
    refuseNext = 1;
    expect([...(await b.get(DeliveryWorker).deliverQueued([ids[0]!], new Map([[ids[0]!, 1]]))).keys()]).toEqual(ids);
    expect(offered.map((o) => [o.mail.messageId, o.mail.headers?.['X-Lodestone-Alerts'], o.accepted])).toEqual([
      [rows[0]!.messageId, '3', false],
      [rows[0]!.messageId, '3', false],
    ]);
    // Once it is due, a job of another row resends it, whole, once.
    clock.advance(10_000);
    expect(await a.get(DeliveryWorker).deliverQueued([ids[2]!], new Map([[ids[2]!, 1]]))).toEqual(new Map());
    await expectEachRowSentOnce(ids);
    expect((await rowsOf(ids)).map((r) => r.attempts)).toEqual([3, 3, 3]);
    expect(await b.get(DeliveryWorker).deliverQueued(ids, new Map(ids.map((id) => [id, 0])))).toEqual(new Map());
    expect(offered.filter((o) => o.accepted)).toHaveLength(1);
  }, 30_000);

  it('the queue workers of two instances send every burst once, failed ones resent whole under their Message-ID', async () => {
    clock.advance(10 * WINDOW_MS); // no burst window open
    offered.length = 0;
    const written = [
      ...(await write(users[0]!, 3, 'workers')),
      ...(await write(users[1]!, 3, 'workers')),
      ...(await write(users[2]!, 2, 'workers')),
    ];
    const ids = written.map((r) => r.id);
    refuseNext = 2;
    expect(await a.get(DeliveryWorker).startQueueWorkers()).toBe(true);
    expect(await b.get(DeliveryWorker).startQueueWorkers()).toBe(true);
    const deadline = Date.now() + 40_000;
    const unfinished = async () =>
      (await all(() => prisma.db.emailDelivery.count({ where: { id: { in: ids }, status: { not: 'SENT' } } }))) +
      Number(
        (
          await prisma.db.$queryRawUnsafe<{ n: bigint }[]>(
            `SELECT count(*) AS n FROM pgboss.job WHERE name = 'deliver-email' AND state <> 'completed'`,
          )
        )[0]!.n,
      );
    while ((await unfinished()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await unfinished()).toBe(0);
    await expectEachRowSentOnce(ids);
    // Three messages (one per recipient), two of them refused once and resent with the same id.
    expect(offered.filter((o) => o.accepted)).toHaveLength(3);
    expect(offered.filter((o) => !o.accepted)).toHaveLength(2);
    for (const o of offered.filter((o) => !o.accepted))
      expect(offered.filter((x) => x.accepted && x.mail.messageId === o.mail.messageId)).toHaveLength(1);
  }, 60_000);
});
