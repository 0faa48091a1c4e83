import type { TestingModule } from '@nestjs/testing';
import { FakeClock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { shardOf } from '../../matching/shard.js';
import { DELIVERY_QUEUE, type DeliveryQueue } from '../../outbox/delivery-queue.js';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.js';
import { eventually } from '../../testing/eventually.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { EventsService } from '../events/events.service.js';
import { MatchJobsService } from '../events/match-jobs.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { newWebhookMessageId } from './channel-outbox.js';
import { ChannelWorker } from './channel-worker.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { CHANNEL_HTTP_CLIENT, type ChannelHttpClient } from './http-client.js';
import { CHANNEL_MESSAGE_VERSION } from './messages.js';

const TENANTS = 4;
const SHARDS = 4;
const WINDOW_SECONDS = 8;
const ROOT = {
  kind: 'user',
  userId: null,
  tokenId: null,
  sessionId: null,
  tenantId: null,
  role: 'PLATFORM_ADMIN',
} as const;

interface Job {
  id: string;
  name: string;
  state: string;
  groupId: string | null;
  data: { rowId: string; shard: number; shards: number };
}

/**
 * DELIVERY_QUEUE=pgboss on PostgreSQL (docs/delivery-engine.md): Slack and Teams rows get a `deliver-chat` job in the
 * transaction that writes them (a rollback leaves neither), carrying the tenant's shard; the outbox claim leaves them
 * to the queue; the queue's workers send them, a burst as one message (the first job of the group takes the
 * endpoint's other rows due with it; their jobs complete without sending), and a failed group attempt is retried as
 * one message with the same delivery id. Matching is sharded (MATCH_SHARDS=4) so that the shard key varies.
 */
describe('Slack and Teams on the pg-boss delivery queue (postgres)', () => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  const clock = new FakeClock(new Date());
  const posts: { url: string; delivery: string; alerts: string[]; status: number }[] = [];
  let failGroupOf: string | null = null; // the URL whose first group message answers 500
  const http: ChannelHttpClient = {
    async post(url, body, headers) {
      const alerts = [...new Set([...body.matchAll(/alerts\?alert=([0-9a-f-]{36})/g)].map((m) => m[1]!))];
      const status = url === failGroupOf && alerts.length > 1 ? 500 : 200;
      if (status === 500) failGroupOf = null;
      posts.push({ url, delivery: headers['x-lodestone-delivery']!, alerts, status });
      return { status, excerpt: status === 200 ? 'ok' : 'busy', latencyMs: 1 };
    },
  };
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);
  const prisma = () => moduleRef.get(PrismaService);
  const jobs = (name: string) =>
    prisma().db.$queryRawUnsafe<Job[]>(
      `SELECT id::text AS id, name, state::text AS state, group_id AS "groupId", data FROM pgboss.job WHERE name = $1`,
      name,
    );
  const ingest = async (externalId: string) => {
    await moduleRef.get(EventsService).ingestPolicyChange({ ...no18, externalId });
    await moduleRef.get(MatchJobsService).drain(); // raises the alerts and writes the outbox rows, per shard
  };
  const chatRows = () =>
    all(() =>
      prisma().db.channelDelivery.findMany({
        where: { endpoint: { kind: { in: ['SLACK', 'TEAMS'] } } },
        select: {
          id: true,
          tenantId: true,
          endpointId: true,
          alertId: true,
          messageId: true,
          burst: true,
          status: true,
          attempts: true,
          nextAttemptAt: true,
          endpoint: { select: { url: true } },
        },
        orderBy: { id: 'asc' },
      }),
    );

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    moduleRef = await createTestingModule(
      {
        DATABASE_URL: testDb.url,
        WEBHOOK_ALLOW_PRIVATE: 'true',
        DELIVERY_QUEUE: 'pgboss',
        CHANNEL_RETRY_BASE_SECONDS: '1',
        CHANNEL_BURST_WINDOW_SECONDS: String(WINDOW_SECONDS),
        MATCH_SHARDS: String(SHARDS),
      },
      clock,
      [[CHANNEL_HTTP_CLIENT, http]],
    );
    await moduleRef.init();
    const tenants = moduleRef.get(TenantsService);
    const channels = moduleRef.get(ChannelsService);
    for (let i = 0; i < TENANTS; i++) {
      const { id } = await tenants.provision({
        slug: `chat${i}`,
        name: `Chat ${i}`,
        users: [],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [],
      });
      const actor = { ...ROOT, tenantId: id };
      await channels.create(actor, id, { kind: 'SLACK', name: 'slack', url: `http://127.0.0.1:9/s${i}` });
      await channels.create(actor, id, { kind: 'TEAMS', name: 'teams', url: `http://127.0.0.1:9/t${i}` });
      if (i === 0) await channels.create(actor, id, { name: 'hook', url: 'http://127.0.0.1:9/w0' });
    }
  }, 120_000);
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('puts Slack and Teams on pg-boss: a rollback of the writing transaction leaves no row and no job', async () => {
    const queue = moduleRef.get<DeliveryQueue>(DELIVERY_QUEUE);
    expect(queue.handles('deliver-chat')).toBe(true);
    const [tenant] = await all(() => prisma().db.tenant.findMany({ where: { slug: 'chat1' } }));
    const endpoints = (await moduleRef.get(ChannelsService).list(tenant!.id, null)).filter((e) => e.kind !== 'WEBHOOK');
    expect(endpoints.map((e) => e.kind).sort()).toEqual(['SLACK', 'TEAMS']);
    let insideTx: Job[] = [];
    await expect(
      prisma().db.$transaction(async (tx) => {
        const written = await moduleRef.get(ChannelsRepository).insertDeliveries(
          tx,
          endpoints.map((e) => ({
            tenantId: tenant!.id,
            endpointId: e.id,
            alertId: null,
            eventType: 'webhook.test',
            messageId: newWebhookMessageId(),
            payload: {
              v: CHANNEL_MESSAGE_VERSION,
              type: 'webhook.test',
              timestamp: clock.now().toISOString(),
              tenant: { id: tenant!.id, name: 'Chat 1' },
              alert: {
                id: '00000000-0000-7000-8000-0000000000bb',
                severity: 'HIGH',
                title: 'Rolled back',
                matched: ['Dy'],
                reasons: [{ text: 'a test reason', via: 'ELEMENT_NAMED' }],
                reasonsTotal: 1,
              },
              event: {
                type: 'POLICY_CHANGE',
                title: 'Rolled back',
                summary: 'never sent',
                jurisdiction: 'CN',
                issuer: null,
                actionLabel: 'Test',
                effectiveDate: null,
                sourceUrl: null,
                reference: null,
              },
            },
            dedupeKey: `rollback:${e.id}`,
            nextAttemptAt: clock.now(),
          })),
        );
        expect(written).toBe(2);
        insideTx = await tx.$queryRawUnsafe<Job[]>(
          `SELECT id::text AS id, data FROM pgboss.job WHERE name = 'deliver-chat'`,
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(insideTx).toHaveLength(2); // both jobs were there, in the transaction
    expect(insideTx.map((j) => j.data.shard)).toEqual([shardOf(tenant!.id, SHARDS), shardOf(tenant!.id, SHARDS)]);
    expect(await jobs('deliver-chat')).toEqual([]);
    expect(await all(() => prisma().db.channelDelivery.count())).toBe(0);
  }, 30_000);

  it('gives each chat row a job with its tenant shard, burst rows their endpoint group; the outbox leaves them', async () => {
    clock.set(new Date());
    await ingest('chat-1');
    const rows = await chatRows();
    expect(rows).toHaveLength(2 * TENANTS);
    expect(rows.every((r) => r.burst)).toBe(true); // not CRITICAL: may be grouped
    const chat = await jobs('deliver-chat');
    expect(chat.map((j) => j.id).sort()).toEqual(rows.map((r) => r.id).sort());
    for (const r of rows) {
      const job = chat.find((j) => j.id === r.id)!;
      expect(job.data).toEqual({ rowId: r.id, shard: shardOf(r.tenantId, SHARDS), shards: SHARDS });
      expect(job.groupId).toBe(r.endpointId);
    }
    // The shard key varies with the tenant (4 tenants over 4 shards: at least two shards used).
    expect(new Set(chat.map((j) => j.data.shard)).size).toBeGreaterThan(1);
    // Signed webhooks carry the shard too.
    const hooks = await jobs('deliver-webhook');
    expect(hooks).toHaveLength(1);
    const hookRow = await all(() => prisma().db.channelDelivery.findUniqueOrThrow({ where: { id: hooks[0]!.id } }));
    expect(hooks[0]!.data).toEqual({ rowId: hookRow.id, shard: shardOf(hookRow.tenantId, SHARDS), shards: SHARDS });
    expect(hooks[0]!.groupId).toBeNull();

    // The outbox claim leaves every channel row to the queues (drain() would work their due jobs: the CLIs).
    expect(await moduleRef.get(ChannelsRepository).claimDue(clock.now(), 100, 300_000)).toEqual([]);
    expect(posts).toEqual([]);
  }, 60_000);

  it('sends through the queue workers: a burst as one message, a failed group attempt resent whole with the same id', async () => {
    // Three more alerts within the window after the first: one group per endpoint, due at the first's time + window.
    const first = (await chatRows())[0]!;
    clock.set(new Date(first.nextAttemptAt.getTime() + 1000));
    for (let n = 2; n <= 4; n++) await ingest(`chat-${n}`);
    const rows = await chatRows();
    expect(rows).toHaveLength(4 * 2 * TENANTS);
    const groupDue = first.nextAttemptAt.getTime() + WINDOW_SECONDS * 1000;
    const later = rows.filter((r) => r.nextAttemptAt.getTime() === groupDue);
    expect(later).toHaveLength(3 * 2 * TENANTS);
    const messageIds = new Map(rows.map((r) => [r.id, r.messageId]));
    failGroupOf = 'http://127.0.0.1:9/s0';

    expect(await moduleRef.get(ChannelWorker).startQueueWorkers()).toBe(true);
    const total = rows.length + 1; // and the webhook
    await eventually(
      'every row SENT',
      async () => {
        const sent = await all(() => prisma().db.channelDelivery.count({ where: { status: 'SENT' } }));
        return sent === total;
      },
      40_000,
    );
    await eventually(
      'every job completed',
      async () => {
        const chat = await jobs('deliver-chat');
        return chat.length === rows.length && chat.every((j) => j.state === 'completed');
      },
      40_000,
    );

    // Each chat endpoint got two messages: the first alert at once, then one message listing the other three.
    const chatPosts = posts.filter((p) => !p.url.endsWith('/w0'));
    const byUrl = new Map<string, typeof chatPosts>();
    for (const p of chatPosts) byUrl.set(p.url, [...(byUrl.get(p.url) ?? []), p]);
    expect(byUrl.size).toBe(2 * TENANTS);
    const alertOf = new Map(rows.map((r) => [r.id, r.alertId]));
    for (const [url, list] of byUrl) {
      const endpointRows = rows.filter((r) => r.endpoint.url === url);
      const [single, ...grouped] = endpointRows; // ids are UUIDv7: oldest first
      const groupAlerts = grouped.map((r) => r.alertId).sort();
      const expected = url === 'http://127.0.0.1:9/s0' ? 3 : 2;
      expect(list).toHaveLength(expected);
      expect(list[0]).toMatchObject({ delivery: single!.id, alerts: [single!.alertId], status: 200 });
      for (const p of list.slice(1)) {
        expect(p.delivery).toBe(grouped[0]!.id); // the group's id is its oldest row's, on every attempt
        expect([...p.alerts].sort()).toEqual(groupAlerts);
      }
      if (expected === 3) expect(list.map((p) => p.status)).toEqual([200, 500, 200]);
      expect(list.every((p) => alertOf.get(p.delivery) === p.alerts[0])).toBe(true);
    }

    // Rows kept their message ids; the retried group's rows took two attempts, every other row one.
    const after = await chatRows();
    expect(after.every((r) => r.status === 'SENT' && r.messageId === messageIds.get(r.id))).toBe(true);
    for (const r of after) {
      const retried =
        r.endpoint.url === 'http://127.0.0.1:9/s0' && r.nextAttemptAt.getTime() !== first.nextAttemptAt.getTime();
      expect({ id: r.id, attempts: r.attempts }).toEqual({ id: r.id, attempts: retried ? 2 : 1 });
    }
  }, 90_000);

  it('takes a SENDING row over only once its claim timed out (its worker died), with the same id', async () => {
    const [row] = (await chatRows()).filter((r) => r.endpoint.url === 'http://127.0.0.1:9/t1');
    const claimTimeoutMs = moduleRef.get<AppConfig>(APP_CONFIG).outbox.claimTimeoutMs;
    const worker = moduleRef.get(ChannelWorker);
    const sending = (claimedAt: Date) =>
      all(() => prisma().db.channelDelivery.update({ where: { id: row!.id }, data: { status: 'SENDING', claimedAt } }));
    const before = posts.length;
    // A fresh claim: another job (a burst group) is sending it; the job fails and is tried later.
    await sending(clock.now());
    await expect(worker.deliverQueued({ rowId: row!.id, retryCount: 1 })).rejects.toThrow('under another claim');
    expect(posts).toHaveLength(before);
    // A claim older than the claim timeout: its worker died; the job sends it again with its id.
    await sending(new Date(clock.now().getTime() - claimTimeoutMs - 1000));
    await worker.deliverQueued({ rowId: row!.id, retryCount: 1 });
    expect(posts.slice(before)).toEqual([
      { url: row!.endpoint.url, delivery: row!.id, alerts: [row!.alertId], status: 200 },
    ]);
    const after = await all(() => prisma().db.channelDelivery.findUniqueOrThrow({ where: { id: row!.id } }));
    expect(after).toMatchObject({ status: 'SENT', attempts: row!.attempts + 1, messageId: row!.messageId });
    // A SENT row: nothing to do.
    await worker.deliverQueued({ rowId: row!.id, retryCount: 2 });
    expect(posts).toHaveLength(before + 1);
  }, 30_000);
});
