import type { TestingModule } from '@nestjs/testing';
import { FakeClock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { DELIVERY_QUEUE, type DeliveryQueue } from '../../outbox/delivery-queue.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { EventsService } from '../events/events.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { ACK_LINK_SIGNER, type AckLinkSigner } from './ack-links.js';
import { ChannelWorker } from './channel-worker.js';
import { ChannelsRepository } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { CHANNEL_HTTP_CLIENT, type ChannelHttpClient } from './http-client.js';

const TENANTS = 12;
const ROOT = {
  kind: 'user',
  userId: null,
  tokenId: null,
  sessionId: null,
  tenantId: null,
  role: 'PLATFORM_ADMIN',
} as const;

/**
 * The channel outbox on PGlite and PostgreSQL: rows are written in the ingestion transaction (one per subscribed
 * endpoint), claimed with SKIP LOCKED so that two workers never send the same row, and a claim whose worker died is
 * taken over after the claim timeout with the same webhook-id.
 */
describe.each(ENGINES)('channel outbox on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  const posts: { url: string; id: string | undefined; body: string }[] = [];
  const http: ChannelHttpClient = {
    async post(url, body, headers) {
      posts.push({ url, id: headers['webhook-id'], body });
      await new Promise((r) => setTimeout(r, 1)); // a round trip, so the other worker runs between claim and mark
      return { status: 200, excerpt: 'ok', latencyMs: 1 };
    },
  };
  const all = <T>(fn: () => PromiseLike<T>) => crossTenant('test assertions', fn);

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url, WEBHOOK_ALLOW_PRIVATE: 'true' }, clock, [
      [CHANNEL_HTTP_CLIENT, http],
    ]);
    await moduleRef.init();
    const tenants = moduleRef.get(TenantsService);
    const channels = moduleRef.get(ChannelsService);
    for (let i = 0; i < TENANTS; i++) {
      const { id } = await tenants.provision({
        slug: `t${i}`,
        name: `Tenant ${i}`,
        users: [],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [],
      });
      await channels.create({ ...ROOT, tenantId: id }, id, { name: 'hook', url: `http://127.0.0.1:9/t${i}` });
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

  it('writes one row per subscribed endpoint with the alerts, and two workers send each exactly once', async () => {
    const result = await moduleRef.get(EventsService).ingestPolicyChange(no18);
    expect(result.alerts).toBe(TENANTS);
    const prisma = moduleRef.get(PrismaService);
    expect(await all(() => prisma.db.channelDelivery.count())).toBe(TENANTS * 2);
    // A second worker with its own state (as in a second process), on the same database.
    const other = new ChannelWorker(
      moduleRef.get(ChannelsRepository),
      http,
      moduleRef.get<AckLinkSigner>(ACK_LINK_SIGNER),
      clock,
      moduleRef.get<AppConfig>(APP_CONFIG),
      moduleRef.get(MetricsService),
      moduleRef.get<DeliveryQueue>(DELIVERY_QUEUE),
    );
    const [a, b] = await Promise.all([moduleRef.get(ChannelWorker).drain(), other.drain()]);
    expect(a.sent + b.sent).toBe(TENANTS * 2);
    if (engine === 'postgres') expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0); // both took a share
    expect(new Set(posts.map((p) => p.url)).size).toBe(TENANTS * 2);
    expect(posts).toHaveLength(TENANTS * 2);
    expect(await all(() => prisma.db.channelDelivery.count({ where: { status: { not: 'SENT' } } }))).toBe(0);
  }, 120_000);

  it('takes over a claim whose worker died after the claim timeout, with the same webhook-id', async () => {
    const repo = moduleRef.get(ChannelsRepository);
    const config = moduleRef.get<AppConfig>(APP_CONFIG);
    const [tenant] = await all(() =>
      moduleRef.get(PrismaService).db.tenant.findMany({ take: 1, orderBy: { slug: 'asc' } }),
    );
    const [endpoint] = await moduleRef.get(ChannelsService).list(tenant!.id, null);
    const sent = await moduleRef
      .get(ChannelsService)
      .sendTest({ ...ROOT, tenantId: tenant!.id }, tenant!.id, endpoint!.id);
    const first = await repo.claimDue(clock.now(), 10, config.outbox.claimTimeoutMs); // the worker that dies
    expect(first.map((r) => [r.id, r.attempts])).toEqual([[sent.deliveryId, 1]]);
    clock.advance(60_000);
    expect(await repo.claimDue(clock.now(), 10, config.outbox.claimTimeoutMs)).toEqual([]);
    clock.advance(config.outbox.claimTimeoutMs);
    posts.length = 0;
    const report = await moduleRef.get(ChannelWorker).drain();
    expect(report.sent).toBe(1);
    expect(posts.map(({ url, id }) => ({ url, id }))).toEqual([{ url: endpoint!.url, id: sent.messageId }]);
  }, 60_000);

  it('fails a pending row written by a newer build (message version 99) with the reason, and delivers a version-1 row', async () => {
    const prisma = moduleRef.get(PrismaService);
    const [tenant] = await all(() => prisma.db.tenant.findMany({ take: 1, orderBy: { slug: 'asc' } }));
    const [endpoint] = await moduleRef.get(ChannelsService).list(tenant!.id, null);
    const principal = { ...ROOT, tenantId: tenant!.id };
    const current = await moduleRef.get(ChannelsService).sendTest(principal, tenant!.id, endpoint!.id);
    const newer = await moduleRef.get(ChannelsService).sendTest(principal, tenant!.id, endpoint!.id);
    const rows = () =>
      all(() =>
        prisma.db.channelDelivery.findMany({
          where: { id: { in: [current.deliveryId, newer.deliveryId] } },
          select: { id: true, payloadVersion: true, status: true, lastError: true },
        }),
      );
    expect((await rows()).map((r) => r.payloadVersion)).toEqual([1, 1]); // stamped by the writer
    await all(() =>
      prisma.db.channelDelivery.update({ where: { id: newer.deliveryId }, data: { payloadVersion: 99 } }),
    );
    posts.length = 0;
    const report = await moduleRef.get(ChannelWorker).drain();
    expect(report).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    expect(posts.map((p) => p.id)).toEqual([current.messageId]);
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    expect(byId.get(current.deliveryId)).toMatchObject({ status: 'SENT', lastError: null });
    expect(byId.get(newer.deliveryId)).toMatchObject({
      status: 'FAILED',
      lastError: 'channel message: version 99 was written by a newer Lodestone; this one sends up to version 1',
    });
    // Not retried: nothing left to claim later, and no attempt in the endpoint's log.
    clock.advance(24 * 3_600_000);
    expect((await moduleRef.get(ChannelWorker).drain()).sent).toBe(0);
    expect(await all(() => prisma.db.channelAttempt.count({ where: { deliveryId: newer.deliveryId } }))).toBe(0);
  }, 60_000);

  it('stores signing secrets sealed, and seals a secret stored in clear before encryption existed', async () => {
    const repo = moduleRef.get(ChannelsRepository);
    const prisma = moduleRef.get(PrismaService);
    const [tenant] = await all(() => prisma.db.tenant.findMany({ take: 1, orderBy: { slug: 'asc' } }));
    const [hook] = (await moduleRef.get(ChannelsService).list(tenant!.id, null)).filter((e) => e.kind === 'WEBHOOK');
    const stored = await all(() => prisma.db.channelEndpoint.findUniqueOrThrow({ where: { id: hook!.id } }));
    expect(stored.secret).toMatch(/^enc:v1:/);
    const opened = (await repo.findForSend(tenant!.id, hook!.id))!.secret!;
    expect(opened).toMatch(/^whsec_/);
    // A row as an older version wrote it: the secret in clear. Reads still work; the boot pass seals it.
    await all(() =>
      prisma.db.channelEndpoint.update({
        where: { id: hook!.id },
        data: { secret: 'whsec_bGVnYWN5LXNlY3JldC1vZi0zMi1ieXRlcy0xMjM0' },
      }),
    );
    expect((await repo.findForSend(tenant!.id, hook!.id))!.secret).toBe(
      'whsec_bGVnYWN5LXNlY3JldC1vZi0zMi1ieXRlcy0xMjM0',
    );
    expect(await all(() => repo.sealLegacySecrets())).toBe(1);
    const resealed = await all(() => prisma.db.channelEndpoint.findUniqueOrThrow({ where: { id: hook!.id } }));
    expect(resealed.secret).toMatch(/^enc:v1:/);
    expect((await repo.findForSend(tenant!.id, hook!.id))!.secret).toBe(
      'whsec_bGVnYWN5LXNlY3JldC1vZi0zMi1ieXRlcy0xMjM0',
    );
    expect(await all(() => repo.sealLegacySecrets())).toBe(0);
  }, 60_000);

  it('sends a Slack burst whole even when it is larger than one batch claim (20 alerts due together)', async () => {
    const events = moduleRef.get(EventsService);
    // The first of 21 alerts goes at once (the earlier tests' window is over); the other 20 per Slack endpoint wait for
    // the window's end, together: 240 rows due at one instant, claimed 20 at a time.
    for (let i = 0; i < 21; i++) await events.ingestPolicyChange({ ...no18, externalId: `burst-${i}` });
    await moduleRef.get(ChannelWorker).drain(); // the webhooks and the first Slack message (due now)
    posts.length = 0;
    clock.advance(moduleRef.get<AppConfig>(APP_CONFIG).channels.burstWindowMs);
    const report = await moduleRef.get(ChannelWorker).drain();
    expect(report.sent).toBe(TENANTS * 20);
    const slack = posts.filter((p) => p.url.includes('/s'));
    expect(slack).toHaveLength(TENANTS); // one message per endpoint, not one per batch it spanned
    for (const p of slack) expect(p.body).toContain('20 alerts in the last 2 minutes');
  }, 120_000);
});
