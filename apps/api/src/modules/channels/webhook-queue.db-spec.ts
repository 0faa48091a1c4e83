import { CHANNEL_MESSAGE_VERSION } from './messages.js';
import type { TestingModule } from '@nestjs/testing';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { DELIVERY_QUEUE, type DeliveryQueue } from '../../outbox/delivery-queue.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { EventsService } from '../events/events.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { channelDedupeKey, newWebhookMessageId } from './channel-outbox.js';
import { ChannelWorker } from './channel-worker.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { CHANNEL_HTTP_CLIENT, type ChannelHttpClient } from './http-client.js';

const TENANTS = 3;
const ROOT = {
  kind: 'user',
  userId: null,
  tokenId: null,
  sessionId: null,
  tenantId: null,
  role: 'PLATFORM_ADMIN',
} as const;

/**
 * DELIVERY_QUEUE=pgboss (docs/delivery-engine.md), on PostgreSQL and on the embedded PGlite (pg-boss in process on the
 * application's PGlite instance): signed-webhook rows get a pg-boss job in the transaction that writes them (a rollback
 * leaves neither), the outbox claim leaves them to the queue, and the queue's workers send each row with its own
 * webhook-id, retrying a failed attempt with the same id. Slack rows are on their own queue (`deliver-chat`,
 * channel-queue.db-spec.ts).
 */
describe.each(ENGINES)('signed webhooks on the pg-boss delivery queue (%s)', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  const posts: { url: string; id: string | undefined }[] = [];
  let failNext = 1; // the first webhook attempt answers 500
  // When set, the next webhook request waits for `release()` (after calling `arrived()`).
  let hold: { arrived: () => void; released: Promise<void> } | null = null;
  const http: ChannelHttpClient = {
    async post(url, _body, headers) {
      posts.push({ url, id: headers['webhook-id'] });
      const held = headers['webhook-id'] ? hold : null;
      if (held) {
        hold = null;
        held.arrived();
        await held.released;
      }
      if (headers['webhook-id'] && failNext > 0) {
        failNext--;
        return { status: 500, excerpt: 'busy', latencyMs: 1 };
      }
      return { status: 200, excerpt: 'ok', latencyMs: 1 };
    },
  };
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);
  /** A signed-webhook row (a "send test"-like payload) for `insertDeliveries`. */
  const testRow = (tenantId: string, endpointId: string, alertId: string, nextAttemptAt: Date) => ({
    tenantId,
    endpointId,
    alertId: null,
    eventType: 'webhook.test',
    messageId: newWebhookMessageId(),
    payload: {
      v: CHANNEL_MESSAGE_VERSION,
      type: 'webhook.test',
      timestamp: clock.now().toISOString(),
      tenant: { id: tenantId, name: 'Test' },
      alert: {
        id: alertId,
        severity: 'HIGH',
        title: 'Queued test',
        matched: ['Dy'],
        reasons: [{ text: 'a test reason', via: 'ELEMENT_NAMED' }],
        reasonsTotal: 1,
      },
      event: {
        type: 'POLICY_CHANGE',
        title: 'Queued test',
        summary: 'a test delivery',
        jurisdiction: 'CN',
        issuer: null,
        actionLabel: 'Test',
        effectiveDate: null,
        sourceUrl: null,
        reference: null,
      },
    },
    dedupeKey: channelDedupeKey(alertId, endpointId),
    nextAttemptAt,
  });
  const jobs = async (ids?: string[]) => {
    const rows = await moduleRef
      .get(PrismaService)
      .db.$queryRawUnsafe<{ id: string; state: string; data: unknown }[]>(
        `SELECT id::text AS id, state::text AS state, data FROM pgboss.job WHERE name = 'deliver-webhook'${
          ids ? ' AND id = ANY($1::uuid[])' : ''
        }`,
        ...(ids ? [ids] : []),
      );
    return rows;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule(
      {
        DATABASE_URL: testDb.url,
        WEBHOOK_ALLOW_PRIVATE: 'true',
        DELIVERY_QUEUE: 'pgboss',
        CHANNEL_RETRY_BASE_SECONDS: '1',
      },
      clock,
      [[CHANNEL_HTTP_CLIENT, http]],
    );
    await moduleRef.init();
    const tenants = moduleRef.get(TenantsService);
    const channels = moduleRef.get(ChannelsService);
    for (let i = 0; i < TENANTS; i++) {
      const { id } = await tenants.provision({
        slug: `q${i}`,
        name: `Queue ${i}`,
        users: [],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [],
      });
      await channels.create({ ...ROOT, tenantId: id }, id, { name: 'hook', url: `http://127.0.0.1:9/w${i}` });
      await channels.create({ ...ROOT, tenantId: id }, id, {
        kind: 'SLACK',
        name: 'slack',
        url: `http://127.0.0.1:9/s${i}`,
      });
    }
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('uses pg-boss for webhooks when configured', () => {
    const queue = moduleRef.get<DeliveryQueue>(DELIVERY_QUEUE);
    expect(queue.kind).toBe('pgboss');
    expect(queue.handles('deliver-webhook')).toBe(true);
  });

  it('enqueues in the writing transaction: a rollback leaves no row and no job', async () => {
    const prisma = moduleRef.get(PrismaService);
    const repo = moduleRef.get(ChannelsRepository);
    const [tenant] = await all(() => prisma.db.tenant.findMany({ take: 1, orderBy: { slug: 'asc' } }));
    const [hook] = (await moduleRef.get(ChannelsService).list(tenant!.id, null)).filter((e) => e.kind === 'WEBHOOK');
    const alertId = '00000000-0000-7000-8000-0000000000aa';
    let insideTx: { id: string }[] = [];
    await expect(
      prisma.db.$transaction(async (tx) => {
        const written = await repo.insertDeliveries(tx, [testRow(tenant!.id, hook!.id, alertId, clock.now())]);
        expect(written).toBe(1);
        insideTx = await tx.$queryRawUnsafe<{ id: string }[]>(
          `SELECT id::text AS id FROM pgboss.job WHERE name = 'deliver-webhook'`,
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(insideTx).toHaveLength(1); // the job was there, in the transaction
    expect(await jobs()).toEqual([]);
    expect(
      await all(() => prisma.db.channelDelivery.count({ where: { dedupeKey: channelDedupeKey(alertId, hook!.id) } })),
    ).toBe(0);
  }, 30_000);

  it('gives each webhook row of an ingestion a job with its shard; the outbox claims none, drain() and the queue workers send webhooks with their id', async () => {
    const prisma = moduleRef.get(PrismaService);
    const result = await moduleRef.get(EventsService).ingestPolicyChange(no18);
    expect(result.alerts).toBe(TENANTS);
    const rows = await all(() =>
      prisma.db.channelDelivery.findMany({
        select: { id: true, messageId: true, endpoint: { select: { kind: true } } },
      }),
    );
    const hooks = rows.filter((r) => r.endpoint.kind === 'WEBHOOK');
    const slack = rows.filter((r) => r.endpoint.kind === 'SLACK');
    expect(hooks).toHaveLength(TENANTS);
    expect(slack).toHaveLength(TENANTS);
    // One job per webhook row, the job id being the row id, with the tenant's shard (MATCH_SHARDS=1: 0 of 1); Slack
    // rows are on deliver-chat.
    expect((await jobs()).map((j) => j.id).sort()).toEqual(hooks.map((h) => h.id).sort());
    for (const j of await jobs()) expect(j.data).toEqual({ rowId: j.id, shard: 0, shards: 1 });

    // The outbox claim leaves every channel row to the queues.
    expect(await moduleRef.get(ChannelsRepository).claimDue(clock.now(), 100, 300_000)).toEqual([]);
    expect(posts).toEqual([]);
    // drain() (the CLIs) works the due jobs in the caller: every row but the webhook whose first attempt failed, whose
    // job waits for the queue's retry (backoff) and is left to the workers.
    const worker = moduleRef.get(ChannelWorker);
    const drained = await worker.drain();
    expect(drained).toMatchObject({ sent: 2 * TENANTS - 1, retried: 1, failed: 0 });
    expect(posts).toHaveLength(2 * TENANTS);
    expect((await jobs(hooks.map((h) => h.id))).map((j) => j.state).sort()).toEqual([
      'completed',
      'completed',
      'retry',
    ]);

    expect(await worker.startQueueWorkers()).toBe(true);
    const deadline = Date.now() + 30_000;
    const sent = () => all(() => prisma.db.channelDelivery.count({ where: { status: 'SENT' } }));
    while ((await sent()) < 2 * TENANTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await sent()).toBe(2 * TENANTS);

    // Every webhook went with its row's webhook-id; the one that failed first was resent with the same id.
    const hookPosts = posts.filter((p) => p.id !== undefined);
    expect(hookPosts).toHaveLength(TENANTS + 1);
    expect(new Set(hookPosts.map((p) => p.id))).toEqual(new Set(hooks.map((h) => h.messageId)));
    const attempts = await all(() =>
      prisma.db.channelDelivery.findMany({ where: { id: { in: hooks.map((h) => h.id) } }, select: { attempts: true } }),
    );
    expect(attempts.map((a) => a.attempts).sort()).toEqual([1, 1, 2]);
    const done = await jobs(hooks.map((h) => h.id));
    expect(done.map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
  }, 60_000);

  it("keeps the queue's statements out of an application transaction (PGlite: one shared connection)", async () => {
    const prisma = moduleRef.get(PrismaService);
    const repo = moduleRef.get(ChannelsRepository);
    const [tenant] = await all(() => prisma.db.tenant.findMany({ take: 1, orderBy: { slug: 'asc' } }));
    const [hook] = (await moduleRef.get(ChannelsService).list(tenant!.id, null)).filter((e) => e.kind === 'WEBHOOK');
    const alertId = '00000000-0000-7000-8000-0000000000bb';
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => {
      hold = { arrived: resolve, released: new Promise<void>((r) => (release = r)) };
    });
    await prisma.db.$transaction((tx) =>
      repo.insertDeliveries(tx, [testRow(tenant!.id, hook!.id, alertId, clock.now())]),
    );
    const [row] = await all(() =>
      prisma.db.channelDelivery.findMany({ where: { dedupeKey: channelDedupeKey(alertId, hook!.id) } }),
    );
    await arrived; // a queue worker is sending the row (claimed, job active)

    // While a transaction of ours is open, the worker finishes the request and records the outcome (row SENT, job
    // completed). On PGlite those statements wait for our transaction; either way our rollback must not undo them.
    let statusInside = '';
    await expect(
      prisma.db.$transaction(async (tx) => {
        release();
        await new Promise((r) => setTimeout(r, 1_500));
        statusInside = (await all(() => tx.channelDelivery.findUniqueOrThrow({ where: { id: row!.id } }))).status;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    if (engine === 'pglite') expect(statusInside).toBe('SENDING'); // the worker's writes queued behind ours

    const deadline = Date.now() + 20_000;
    const state = async () => (await jobs([row!.id]))[0]?.state;
    while ((await state()) !== 'completed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await state()).toBe('completed');
    const after = await all(() => prisma.db.channelDelivery.findUniqueOrThrow({ where: { id: row!.id } }));
    expect(after).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(posts.filter((p) => p.id === row!.messageId)).toHaveLength(1);
  }, 40_000);
});
