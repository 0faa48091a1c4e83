import type { TestingModule } from '@nestjs/testing';
import { AlertEmail } from '@lodestone/email-templates';
import { FakeClock } from '../common/clock.js';
import { PrismaService } from '../database/prisma.service.js';
import { crossTenant } from '../database/tenant-scope.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { shardOf } from '../matching/shard.js';
import { NotificationsRepository } from '../modules/notifications/notifications.repository.js';
import { NotificationsService } from '../modules/notifications/notifications.service.js';
import { TenantsService } from '../modules/tenants/tenants.service.js';
import type { IngestAcceptedDto } from '../modules/events/dto/match-job.dto.js';
import { EventsService } from '../modules/events/events.service.js';
import { FanoutService } from '../modules/events/fanout.service.js';
import { MatchJobsService } from '../modules/events/match-jobs.service.js';
import { no18 } from '../testing/fixtures.js';
import { DELIVERY_QUEUE, type DeliveryQueue } from '../outbox/delivery-queue.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { createTestingModule } from '../testing/test-app.js';
import { DeliveryWorker } from './delivery-worker.js';
import { MAIL_TRANSPORT, MailSendError, type MailTransport, type OutgoingMail } from './mail-transport.js';

const WINDOW_MS = 120_000;
const SHARDS = 4;

/**
 * Email on the pg-boss delivery queue (DELIVERY_QUEUE=pgboss, PostgreSQL only; docs/delivery-engine.md): every
 * EmailDelivery row gets a `deliver-email` job (id = row id, data `{ rowId, shard, shards }`) in the transaction that writes it
 * (a rollback leaves neither), the outbox claims leave the rows to the queue (an explicit drain() works the due jobs in
 * the caller), the queue's workers send each row with
 * its Message-ID (a failed attempt is retried by the queue with the same one), and email bursts keep working: the first
 * job of a recipient's group sends the group, the other jobs complete as no-ops, a recipient who just got a message
 * has new rows held with a follow-up job at the window's end.
 */
describe('email on the pg-boss delivery queue (postgres)', () => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let prisma: PrismaService;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  const mails: OutgoingMail[] = [];
  let failNext = 0;
  const transport: MailTransport = {
    async send(mail) {
      mails.push(mail);
      if (failNext > 0) {
        failNext--;
        throw new MailSendError('421 try again later', true, 421);
      }
      return { providerMessageId: `250 ${mail.messageId}` };
    },
    async close() {},
  };
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);
  type Job = { id: string; state: string; data: { rowId: string; shard: number; shards: number }; startAfter: Date };
  const jobs = (db: Pick<PrismaService['db'], '$queryRawUnsafe'> = prisma.db) =>
    db.$queryRawUnsafe<Job[]>(
      `SELECT id::text AS id, state::text AS state, data, start_after AS "startAfter"
       FROM pgboss.job WHERE name = 'deliver-email' ORDER BY created_on, id`,
    );
  let tenantId: string;
  let users: { id: string; email: string; name: string }[];
  /** `n` immediate alert emails (HIGH) to `user`, written as the notifications writer does (own transaction). */
  const write = async (user: { id: string; email: string; name: string }, n: number, tag: string, extra = {}) => {
    const notifications = moduleRef.get(NotificationsService);
    const rows = Array.from({ length: n }, (_, i) => ({
      tenantId,
      userId: user.id,
      recipient: user.email,
      template: 'alert',
      payload: { ...AlertEmail.PreviewProps, recipientName: user.name, tenantName: 'Queue GmbH', ...extra } as never,
      messageId: notifications.newMessageId(),
      dedupeKey: `test:${tag}:${user.id}:${i}`,
      nextAttemptAt: clock.now(),
    }));
    expect(await moduleRef.get(NotificationsRepository).insertDeliveries(null, rows)).toBe(n);
    return all(() =>
      prisma.db.emailDelivery.findMany({
        where: { tenantId, dedupeKey: { in: rows.map((r) => r.dedupeKey) } },
        orderBy: { id: 'asc' },
      }),
    );
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    moduleRef = await createTestingModule(
      {
        DATABASE_URL: testDb.url,
        DELIVERY_QUEUE: 'pgboss',
        OUTBOX_RETRY_BASE_SECONDS: '1',
        EMAIL_BURST_WINDOW_SECONDS: String(WINDOW_MS / 1000),
        MATCH_SHARDS: String(SHARDS),
      },
      clock,
      [[MAIL_TRANSPORT, transport]],
    );
    await moduleRef.init();
    prisma = moduleRef.get(PrismaService);
    tenantId = (
      await moduleRef.get(TenantsService).provision({
        slug: 'mailq',
        name: 'Queue GmbH',
        users: [
          { email: 'mei@mailq.example', name: 'Mei Chen', role: 'BUYER' },
          { email: 'ola@mailq.example', name: 'Ola Nordmann', role: 'BUYER' },
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
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('uses pg-boss for email when configured; drain() (the CLIs) works the due jobs in the caller, not the later ones', async () => {
    const queue = moduleRef.get<DeliveryQueue>(DELIVERY_QUEUE);
    expect(queue.kind).toBe('pgboss');
    expect(queue.handles('deliver-email')).toBe(true);
    const [row] = await write(users[0]!, 1, 'drain');
    // A row due in an hour (real time: pg-boss's clock): its job is not due, so drain() leaves it to the workers.
    const later = { ...(await write(users[1]!, 1, 'drain-later'))[0]! };
    const inAnHour = new Date(Date.now() + 3_600_000);
    await all(() => prisma.db.emailDelivery.update({ where: { id: later.id }, data: { nextAttemptAt: inAnHour } }));
    await prisma.db.$executeRawUnsafe(`UPDATE pgboss.job SET start_after = $1 WHERE id = $2::uuid`, inAnHour, later.id);
    expect(await moduleRef.get(DeliveryWorker).drain()).toMatchObject({ sent: 1, messages: 1, retried: 0, failed: 0 });
    expect(mails.map((m) => m.messageId)).toEqual([row!.messageId]);
    const status = async (id: string) =>
      (await all(() => prisma.db.emailDelivery.findFirst({ where: { id, tenantId } })))?.status;
    expect(await status(row!.id)).toBe('SENT');
    expect(await status(later.id)).toBe('PENDING');
    const states = new Map((await jobs()).map((j) => [j.id, j.state]));
    expect(states.get(row!.id)).toBe('completed');
    expect(states.get(later.id)).toBe('created');
    // Nothing more is due: a second drain sends nothing.
    expect(await moduleRef.get(DeliveryWorker).drain()).toMatchObject({ sent: 0, messages: 0 });
    expect(mails).toHaveLength(1);
    mails.length = 0;
    await all(() => prisma.db.emailDelivery.deleteMany({ where: { tenantId } }));
    await prisma.db.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = 'deliver-email'`);
  });

  it('enqueues in the writing transaction (the fan-out writer): a rollback leaves no row and no job', async () => {
    const repo = moduleRef.get(NotificationsRepository);
    let inside: Job[] = [];
    await expect(
      moduleRef.get(TransactionRunner).run(async (tx) => {
        const written = await repo.insertDeliveryBatch(
          tx,
          users.map((u, i) => ({
            tenantId,
            userId: u.id,
            alertId: null,
            recipient: u.email,
            template: 'alert',
            payload: { ...AlertEmail.PreviewProps, recipientName: u.name, tenantName: 'Queue GmbH' },
            messageId: `<rolled-back-${i}@mailq.example>`,
            dedupeKey: `test:rollback:${i}`,
            nextAttemptAt: clock.now(),
          })) as never,
        );
        expect(written).toBe(2);
        inside = await jobs(tx);
        const rows = await tx.emailDelivery.findMany({ where: { tenantId }, select: { id: true } });
        expect(inside.map((j) => j.id).sort()).toEqual(rows.map((r) => r.id).sort());
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(inside).toHaveLength(2);
    // The job's data: the row and the tenant's shard (the shard function of match and fan-out jobs).
    for (const j of inside) expect(j.data).toEqual({ rowId: j.id, shard: shardOf(tenantId, SHARDS), shards: SHARDS });
    expect(await jobs()).toEqual([]);
    expect(await all(() => prisma.db.emailDelivery.count({ where: { tenantId } }))).toBe(0);
  }, 30_000);

  it('the first job of a burst group sends the group under the oldest row’s Message-ID; the others are no-ops', async () => {
    const [mei, ola] = users;
    const meis = await write(mei!, 3, 'burst');
    const olas = await write(ola!, 1, 'burst');
    // Each row has its job, committed with it; the job's data carries the shard.
    const queued = await jobs();
    expect(queued.map((j) => j.id).sort()).toEqual([...meis, ...olas].map((r) => r.id).sort());
    for (const j of queued) expect(j.data).toEqual({ rowId: j.id, shard: shardOf(tenantId, SHARDS), shards: SHARDS });
    expect(shardOf(tenantId, SHARDS)).toBeGreaterThanOrEqual(0);

    const worker = moduleRef.get(DeliveryWorker);
    expect(await worker.deliverQueued([meis[0]!.id])).toEqual(new Map());
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to.address).toBe(mei!.email);
    expect(mails[0]!.messageId).toBe(meis[0]!.messageId);
    expect(mails[0]!.headers?.['X-Lodestone-Alerts']).toBe('3');
    const after = await all(() =>
      prisma.db.emailDelivery.findMany({ where: { tenantId, userId: mei!.id }, orderBy: { id: 'asc' } }),
    );
    expect(after.map((r) => [r.status, r.messageId, r.attempts])).toEqual(
      meis.map(() => ['SENT', meis[0]!.messageId, 1]),
    );
    // The jobs of the rows swept into the message are completed with it; run anyway, they find their rows SENT:
    // nothing to do, nothing to retry.
    const stateOf = async (id: string) => (await jobs()).find((j) => j.id === id)?.state;
    expect([await stateOf(meis[1]!.id), await stateOf(meis[2]!.id)]).toEqual(['completed', 'completed']);
    expect(await stateOf(meis[0]!.id)).toBe('created'); // run by hand here, not by a queue worker
    expect(await worker.deliverQueued([meis[1]!.id, meis[2]!.id])).toEqual(new Map());
    expect(mails).toHaveLength(1);

    // Within the window a new alert of Mei is held until its end, with a follow-up job then.
    clock.advance(30_000);
    const [late] = await write(mei!, 1, 'late');
    expect(await worker.deliverQueued([late!.id])).toEqual(new Map());
    expect(mails).toHaveLength(1);
    const held = await all(() => prisma.db.emailDelivery.findFirstOrThrow({ where: { id: late!.id, tenantId } }));
    const until = after[0]!.sentAt!.getTime() + WINDOW_MS;
    expect([held.status, held.attempts, held.nextAttemptAt.getTime()]).toEqual(['PENDING', 0, until]);
    const followUps = (await jobs()).filter((j) => j.data.rowId === late!.id && j.id !== late!.id);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.startAfter.getTime()).toBe(until);
  }, 30_000);

  it('marks a row FAILED after its last attempt; its job then completes (no retry)', async () => {
    // CRITICAL: not held by Mei's open burst window, sent alone.
    const [row] = await write(users[0]!, 1, 'last', { severity: 'CRITICAL' });
    await all(() => prisma.db.emailDelivery.updateMany({ where: { id: row!.id, tenantId }, data: { attempts: 7 } }));
    failNext = 1;
    const before = mails.length;
    expect(await moduleRef.get(DeliveryWorker).deliverQueued([row!.id])).toEqual(new Map());
    expect(mails.slice(before).map((m) => m.messageId)).toEqual([row!.messageId]);
    const failed = await all(() => prisma.db.emailDelivery.findFirstOrThrow({ where: { id: row!.id, tenantId } }));
    expect([failed.status, failed.attempts, failed.lastError]).toEqual(['FAILED', 8, '421 try again later']);
    // A temporary failure with attempts left is handed back to the queue for a retry instead.
    const [again] = await write(users[0]!, 1, 'retry', { severity: 'CRITICAL' });
    failNext = 1;
    const retry = await moduleRef.get(DeliveryWorker).deliverQueued([again!.id]);
    expect(retry).toEqual(new Map([[again!.id, '421 try again later']]));
    const waiting = await all(() => prisma.db.emailDelivery.findFirstOrThrow({ where: { id: again!.id, tenantId } }));
    expect([waiting.status, waiting.attempts, waiting.lastError]).toEqual(['PENDING', 1, '421 try again later']);
    // Out of the way of the next test (their jobs find no row: no-ops).
    await all(() => prisma.db.emailDelivery.deleteMany({ where: { tenantId, id: { in: [row!.id, again!.id] } } }));
  });

  it('the queue workers send every row with its Message-ID, retry a failed attempt with the same one, and complete every job', async () => {
    clock.advance(10 * WINDOW_MS); // Mei's window is over: the held row goes
    const ola = users[1]!;
    const olaRow = await all(() => prisma.db.emailDelivery.findFirstOrThrow({ where: { tenantId, userId: ola.id } }));
    const pending = await all(() => prisma.db.emailDelivery.findMany({ where: { tenantId, status: 'PENDING' } }));
    expect(pending).toHaveLength(2); // Ola's row and Mei's held one
    mails.length = 0;
    failNext = 1;
    expect(await moduleRef.get(DeliveryWorker).startQueueWorkers()).toBe(true);
    const deadline = Date.now() + 30_000;
    const unsettled = async () =>
      (await all(() => prisma.db.emailDelivery.count({ where: { tenantId, status: { not: 'SENT' } } }))) +
      (await jobs()).filter((j) => j.state !== 'completed').length;
    while ((await unsettled()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await unsettled()).toBe(0);

    // Each pending row went once, plus one resend of the failed first attempt, with the same Message-ID.
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set(pending.map((r) => r.messageId)));
    const failed = mails[0]!;
    expect(mails.filter((m) => m.messageId === failed.messageId)).toHaveLength(2);
    const rows = await all(() =>
      prisma.db.emailDelivery.findMany({ where: { tenantId, id: { in: pending.map((r) => r.id) } } }),
    );
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 2]);
    expect(rows.find((r) => r.messageId === failed.messageId)?.lastError).toBeNull();
    expect(olaRow.messageId).toBe(mails.find((m) => m.to.address === ola.email)!.messageId);
  }, 60_000);

  it('an ingestion (sharded matching) writes its alert emails with their jobs, and the running workers send them', async () => {
    clock.advance(10 * WINDOW_MS); // no burst window open
    mails.length = 0;
    const result = (await moduleRef.get(EventsService).ingestPolicyChange(no18)) as IngestAcceptedDto;
    expect(result.matchJobs).toHaveLength(SHARDS);
    await moduleRef.get(MatchJobsService).drain();
    await moduleRef.get(FanoutService).drain();
    const written = await all(() =>
      prisma.db.emailDelivery.findMany({ where: { tenantId, alert: { policyChangeId: result.id } } }),
    );
    expect(written.map((r) => r.recipient).sort()).toEqual(users.map((u) => u.email));
    const byId = new Map((await jobs()).map((j) => [j.id, j]));
    for (const r of written)
      expect(byId.get(r.id)?.data).toEqual({ rowId: r.id, shard: shardOf(tenantId, SHARDS), shards: SHARDS });
    const deadline = Date.now() + 30_000;
    const sent = () =>
      all(() => prisma.db.emailDelivery.count({ where: { id: { in: written.map((r) => r.id) }, status: 'SENT' } }));
    while ((await sent()) < written.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await sent()).toBe(written.length);
    expect(mails.map((m) => m.messageId).sort()).toEqual(written.map((r) => r.messageId).sort());
  }, 60_000);
});
