import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Webhook } from 'standardwebhooks';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { ChannelReceivers } from '../../testing/channel-receivers.js';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.js';
import { no18 } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { ChannelWorker } from './channel-worker.js';
import type { CreateEndpointDto } from './channels.dto.js';

/**
 * Channels end to end through the production bootstrap, with real receivers on 127.0.0.1 (testing/channel-receivers.ts):
 * a Standard Webhooks receiver verifying signatures with the `standardwebhooks` library, Slack- and Teams-shaped
 * receivers checking the payload, and faulty ones (500 then 200, 500 for ever, too slow, connection closed).
 */
describe('channels: signed webhooks, Slack, Teams, retries, disabling, acknowledgement links', () => {
  let testDb: TestDatabase;
  let app: INestApplication;
  const receivers = new ChannelReceivers();
  // The receivers verify webhook-timestamp against the real time (5 minutes' tolerance): start the fake clock now.
  const clock = new FakeClock(new Date());
  let tenantId: string;
  let token: string;
  const ids: Record<string, string> = {};
  const http = () => request(app.getHttpServer());
  const worker = () => app.get(ChannelWorker);
  const as = (r: request.Test) => r.auth(token, { type: 'bearer' });

  beforeAll(async () => {
    const base = await receivers.start();
    testDb = await createTestDatabase('postgres');
    app = await createTestApp(
      {
        DATABASE_URL: testDb.url,
        PUBLIC_URL: 'http://lodestone.test',
        ADMIN_EMAIL: 'root@lodestone.test',
        ADMIN_PASSWORD: 'first-admin-password-1',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        CHANNEL_HTTP_TIMEOUT_SECONDS: '1',
      },
      clock,
    );
    tenantId = (
      await app.get(TenantsService).provision({
        slug: 'hooks',
        name: 'Hooks Magnetics GmbH',
        users: [
          { email: 'admin@hooks.example', name: 'Hanna Admin', role: 'TENANT_ADMIN' },
          { email: 'buyer@hooks.example', name: 'Bo Buyer', role: 'BUYER' },
        ],
        watches: [{ kind: 'ELEMENT', elementSymbol: 'Dy' }],
        suppliers: [],
      })
    ).id;
    const root = (
      await http().post('/v1/auth/login').send({ email: 'root@lodestone.test', password: 'first-admin-password-1' })
    ).body.accessToken as string;
    token = (
      await http()
        .post('/v1/api-tokens')
        .auth(root, { type: 'bearer' })
        .set('X-Tenant-Id', tenantId)
        .send({ name: 'ops', role: 'TENANT_ADMIN' })
        .expect(201)
    ).body.token;
    const create = async (name: string, body: CreateEndpointDto) => {
      const res = await as(http().post('/v1/webhooks')).send(body).expect(201);
      ids[name] = res.body.id;
      return res.body;
    };
    const main = await create('main', { name: 'ERP', url: `${base}/hook/main` });
    expect(main.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    receivers.setSecret('main', main.secret);
    await create('flaky', { name: 'Flaky', url: `${base}/flaky` });
    await create('slow', { name: 'Slow', url: `${base}/slow` });
    await create('close', { name: 'Closer', url: `${base}/close` });
    await create('down', { name: 'Down', url: `${base}/down` });
    expect((await create('slack', { kind: 'SLACK', name: '#sourcing', url: `${base}/slack` })).secret).toBeNull();
    await create('teams', { kind: 'TEAMS', name: 'Sourcing team', url: `${base}/teams` });
    await create('picky', { name: 'Critical only', url: `${base}/hook/picky`, minSeverity: 'CRITICAL' });
    // The event is stored with its alert and, in the same transaction, one channel row per subscribed endpoint.
    const ingested = await http().post('/v1/policy-changes').send(no18).expect(201);
    expect(ingested.body.alerts).toBe(1);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await receivers.stop();
    await testDb?.drop();
  });

  const log = async (name: string) =>
    (await as(http().get(`/v1/webhooks/${ids[name]}/deliveries`)).expect(200)).body.items as {
      attempt: number;
      statusCode: number | null;
      latencyMs: number;
      error: string | null;
      responseExcerpt: string | null;
      messageId: string;
      deliveryStatus: string;
      eventType: string;
    }[];

  it('signs webhooks (Standard Webhooks, verified by the standardwebhooks library) and a tampered body fails', async () => {
    const report = await worker().drain();
    expect(report.sent).toBe(3); // main, slack, teams
    const [got] = receivers.to('/hook/main');
    expect(got).toMatchObject({ status: 204, problem: null });
    expect(got!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(got!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    const body = JSON.parse(got!.body);
    expect(body.type).toBe('alert.created');
    expect(body.data.alert.severity).toMatch(/HIGH|CRITICAL|MEDIUM/);
    expect(body.data.alert.reasons[0].text).toMatch(/dysprosium \(Dy\)/);
    expect(body.data.alert.matched).toEqual(['Dy']);
    expect(body.data.links.console).toBe(`http://lodestone.test/alerts?alert=${body.data.alert.id}`);
    expect(body.data.links.acknowledge).toMatch(/^http:\/\/lodestone\.test\/v1\/alert-actions\/acknowledge\?token=/);
    // The same request with one character of the body changed is refused by the library, and by the receiver.
    const wh = new Webhook(receivers.secretOf('main'));
    const headers = got!.headers as Record<string, string>;
    expect(() => wh.verify(got!.body, headers)).not.toThrow();
    const tampered = got!.body.replace('"alert.created"', '"alert.createe"');
    expect(() => wh.verify(tampered, headers)).toThrow(/signature/i);
    const replay = await fetch(`${receivers.base}/hook/main`, {
      method: 'POST',
      headers: {
        'webhook-id': headers['webhook-id']!,
        'webhook-timestamp': headers['webhook-timestamp']!,
        'webhook-signature': headers['webhook-signature']!,
      },
      body: tampered,
    });
    expect(replay.status).toBe(401);
    // Below its minimum severity an endpoint gets nothing.
    expect(receivers.to('/hook/picky').length).toBe(body.data.alert.severity === 'CRITICAL' ? 1 : 0);
    const [attempt] = await log('main');
    expect(attempt).toMatchObject({ attempt: 1, statusCode: 204, error: null, deliveryStatus: 'SENT' });
    expect(attempt!.latencyMs).toBeGreaterThanOrEqual(0);
  }, 30_000);

  it('posts a Block Kit message to Slack and an Adaptive Card to Teams, accepted by shape-checking receivers', () => {
    const [slack] = receivers.to('/slack');
    const [teams] = receivers.to('/teams');
    expect(slack).toMatchObject({ status: 200, problem: null });
    expect(teams).toMatchObject({ status: 202, problem: null });
    const s = JSON.parse(slack!.body);
    expect(s.blocks[0].text.text).toMatch(/^(HIGH|CRITICAL|MEDIUM): Export licences required/);
    expect(JSON.stringify(s.blocks)).toContain('Why it matched');
    expect(JSON.stringify(s.blocks)).toMatch(/dysprosium \(Dy\)/);
    expect(s.blocks.at(-1).elements.map((e: { text: { text: string } }) => e.text.text)).toEqual([
      'Open in Lodestone',
      'Acknowledge',
    ]);
    const card = JSON.parse(teams!.body).attachments[0].content;
    expect(card.actions.map((a: { title: string }) => a.title)).toEqual(['Open in Lodestone', 'Acknowledge']);
    expect(JSON.stringify(card.body)).toMatch(/dysprosium \(Dy\)/);
    // Neither is signed: their URL is the credential.
    expect(slack!.headers['webhook-signature']).toBeUndefined();
  });

  it('acknowledges the alert through the signed link (confirmation page, POST, audit log); a forged token is 403', async () => {
    const s = JSON.parse(receivers.to('/slack')[0]!.body);
    const ack = new URL(s.blocks.at(-1).elements[1].url);
    const path = `${ack.pathname}${ack.search}`;
    const page = await http().get(path).expect(200);
    expect(page.text).toContain('Acknowledge this alert?');
    const alertId = JSON.parse(receivers.to('/hook/main')[0]!.body).data.alert.id as string;
    const prisma = app.get(PrismaService);
    expect((await prisma.db.alert.findFirstOrThrow({ where: { tenantId, id: alertId } })).status).toBe('OPEN');
    await http().post(path).expect(200);
    expect((await prisma.db.alert.findFirstOrThrow({ where: { tenantId, id: alertId } })).status).toBe('ACKNOWLEDGED');
    const audit = await as(http().get('/v1/audit-log')).expect(200);
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'alert.acknowledge-link');
    expect(entry).toMatchObject({
      targetId: alertId,
      after: { status: 'ACKNOWLEDGED', via: 'signed-link', endpointId: ids.slack },
    });
    const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const denied = await http().post(forged).expect(403);
    expect(denied.body.errors[0].field).toBe('token');
    // Expired after CHANNEL_ACK_LINK_TTL_SECONDS (7 days).
    clock.advance(7 * 86_400_000 + 1000);
    await http().get(path).expect(403);
    clock.set(new Date());
  });

  it('retries a receiver answering 500 then 200 with the same webhook-id; records timeouts and closed connections', async () => {
    expect((await log('flaky')).map((a) => [a.attempt, a.statusCode, a.deliveryStatus])).toEqual([[1, 500, 'PENDING']]);
    const slow = await log('slow');
    expect(slow[0]).toMatchObject({ attempt: 1, statusCode: null, deliveryStatus: 'PENDING' });
    expect(slow[0]!.error).toMatch(/timeout: no answer within 1000 ms/);
    expect(slow[0]!.latencyMs).toBeGreaterThanOrEqual(900);
    const closed = await log('close');
    expect(closed[0]).toMatchObject({ attempt: 1, statusCode: null, deliveryStatus: 'PENDING' });
    expect(closed[0]!.error).toMatch(/^network: /);
    // Not due before the backoff (30 s ± 20 %), due after.
    clock.advance(10_000);
    await as(http().delete(`/v1/webhooks/${ids.slow}`)).expect(204);
    await as(http().delete(`/v1/webhooks/${ids.close}`)).expect(204);
    expect((await worker().drain()).sent).toBe(0);
    clock.advance(30_000);
    await worker().drain();
    const flaky = receivers.to('/flaky');
    expect(flaky.map((r) => r.status)).toEqual([500, 200]);
    expect(flaky[1]!.headers['webhook-id']).toBe(flaky[0]!.headers['webhook-id']);
    expect(Number(flaky[1]!.headers['webhook-timestamp'])).toBeGreaterThan(
      Number(flaky[0]!.headers['webhook-timestamp']),
    );
    expect((await log('flaky')).map((a) => [a.attempt, a.statusCode, a.deliveryStatus])).toEqual([
      [2, 200, 'SENT'],
      [1, 500, 'SENT'],
    ]);
    await as(http().get(`/v1/webhooks/${ids.slow}/deliveries`)).expect(404);
  }, 30_000);

  it('disables an endpoint failing for 24 hours and queues an email to the tenant admins', async () => {
    let hours = 0;
    while (hours < 30) {
      await worker().drain();
      const endpoint = (await as(http().get(`/v1/webhooks/${ids.down}`)).expect(200)).body;
      if (!endpoint.enabled) break;
      clock.advance(3 * 3_600_000);
      hours += 3;
    }
    const endpoint = (await as(http().get(`/v1/webhooks/${ids.down}`)).expect(200)).body;
    expect(endpoint).toMatchObject({ enabled: false });
    expect(endpoint.disabledReason).toMatch(/every delivery failed for 24 h; last: HTTP 500/);
    expect(hours).toBeGreaterThanOrEqual(24);
    const attempts = await log('down');
    expect(attempts.length).toBeGreaterThan(5);
    expect(attempts.every((a) => a.statusCode === 500)).toBe(true);
    const prisma = app.get(PrismaService);
    const emails = await prisma.db.emailDelivery.findMany({ where: { tenantId, template: 'channel-disabled' } });
    expect(emails.map((e) => [e.recipient, (e.payload as { endpointName: string }).endpointName])).toEqual([
      ['admin@hooks.example', 'Down'],
    ]);
    // Re-enabling clears the state.
    const enabled = await as(http().patch(`/v1/webhooks/${ids.down}`))
      .send({ enabled: true })
      .expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, failingSince: null });
    clock.set(new Date());
  }, 60_000);

  it('rotates a secret with an overlap window (both sign), and sends a test message', async () => {
    const rotated = await as(http().post(`/v1/webhooks/${ids.main}/rotate-secret`)).expect(200);
    const old = receivers.secretOf('main');
    expect(rotated.body.secret).not.toBe(old);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime()).toBe(clock.now().getTime() + 24 * 3_600_000);
    const test = await as(http().post(`/v1/webhooks/${ids.main}/test`)).expect(202);
    await worker().drain();
    const got = receivers.to('/hook/main').at(-1)!;
    expect(got.headers['webhook-id']).toBe(test.body.messageId);
    expect(JSON.parse(got.body).type).toBe('webhook.test');
    expect(String(got.headers['webhook-signature']).split(' ')).toHaveLength(2);
    const headers = got.headers as Record<string, string>;
    expect(() => new Webhook(old).verify(got.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(got.body, headers)).not.toThrow();
    await as(http().post(`/v1/webhooks/${ids.slack}/rotate-secret`)).expect(409);
    // Both secrets are stored sealed (AES-256-GCM), never as the receiver knows them.
    const stored = await app
      .get(PrismaService)
      .db.channelEndpoint.findFirstOrThrow({ where: { id: ids.main, tenantId } });
    expect(stored.secret).toMatch(/^enc:v1:/);
    expect(stored.previousSecret).toMatch(/^enc:v1:/);
    expect(`${stored.secret} ${stored.previousSecret}`).not.toContain(rotated.body.secret.slice(6));
    expect(`${stored.secret} ${stored.previousSecret}`).not.toContain(old.slice(6));
    // After the window only the new secret signs.
    clock.advance(24 * 3_600_000 + 1000);
    await as(http().post(`/v1/webhooks/${ids.main}/test`)).expect(202);
    await worker().drain();
    const later = receivers.to('/hook/main').at(-1)!;
    expect(String(later.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(() => new Webhook(old).verify(later.body, later.headers as Record<string, string>)).toThrow();
    clock.set(new Date());
  }, 30_000);

  it('groups a burst: Slack and Teams get one message for alerts raised within 2 minutes of the last one; webhooks get each', async () => {
    clock.set(new Date());
    const slackBefore = receivers.to('/slack').length;
    const teamsBefore = receivers.to('/teams').length;
    const hookBefore = receivers.to('/hook/main').length;
    // The first message of this window went out when the test suite started (the No. 18 alert); three more alerts now.
    for (const n of [1, 2, 3])
      await http()
        .post('/v1/policy-changes')
        .send({ ...no18, externalId: `burst-${n}`, title: `Burst event ${n} on dysprosium` })
        .expect(201);
    await worker().drain();
    expect(receivers.to('/hook/main').length - hookBefore).toBe(3); // machines get one event per alert
    expect(receivers.to('/slack').length).toBe(slackBefore); // held until the window ends
    clock.advance(2 * 60_000 + 1000);
    await worker().drain();
    const slack = receivers.to('/slack').slice(slackBefore);
    const teams = receivers.to('/teams').slice(teamsBefore);
    expect(slack.map((r) => [r.status, r.problem])).toEqual([[200, null]]);
    expect(teams.map((r) => [r.status, r.problem])).toEqual([[202, null]]);
    const s = JSON.parse(slack[0]!.body);
    expect(s.blocks[0].text.text).toBe('3 alerts in the last 2 minutes');
    expect(JSON.stringify(s.blocks)).toMatch(/Burst event 1.*Burst event 2.*Burst event 3/s);
    expect(s.blocks.filter((b: { accessory?: unknown }) => b.accessory)).toHaveLength(3); // an Acknowledge button each
    const card = JSON.parse(teams[0]!.body).attachments[0].content;
    expect(card.body.filter((b: { type: string }) => b.type === 'Container')).toHaveLength(3);
    // Each alert's row is SENT, and the log shows the one attempt on each.
    const log = await as(http().get(`/v1/webhooks/${ids.slack}/deliveries`)).expect(200);
    expect(log.body.items.slice(0, 3).map((a: { statusCode: number }) => a.statusCode)).toEqual([200, 200, 200]);
    clock.set(new Date());
  }, 30_000);

  it('validates endpoints: 400 naming url and eventTypes, 404 for unknown ids, no secret in lists', async () => {
    const bad = await as(http().post('/v1/webhooks')).send({ name: 'x', url: 'ftp://example.com/x' }).expect(400);
    expect(bad.body.errors[0].field).toBe('url');
    const creds = await as(http().post('/v1/webhooks'))
      .send({ name: 'x', url: 'https://u:p@example.com/x' })
      .expect(400);
    expect(creds.body.errors[0].field).toBe('url');
    const types = await as(http().post('/v1/webhooks'))
      .send({ name: 'x', url: `${receivers.base}/hook/x`, eventTypes: ['alert.deleted'] })
      .expect(400);
    expect(types.body.errors[0].field).toBe('eventTypes');
    await as(http().get('/v1/webhooks/0190f0e8-0000-7000-8000-000000000000')).expect(404);
    const list = await as(http().get('/v1/webhooks')).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
  });

  it("routes per user: a buyer's personal Slack endpoint gets alerts at or above its own severity, apart from the tenant's", async () => {
    const prisma = app.get(PrismaService);
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await prisma.db.user.updateMany({ where: { tenantId, email: 'buyer@hooks.example' }, data: { passwordHash } });
    const buyer = (
      await http()
        .post('/v1/auth/login')
        .send({ email: 'buyer@hooks.example', password: 'buyer-password-123' })
        .expect(200)
    ).body.accessToken as string;
    const mine = (r: request.Test) => r.auth(buyer, { type: 'bearer' });
    const high = await mine(http().post('/v1/me/webhooks'))
      .send({
        kind: 'SLACK',
        name: 'my DMs',
        url: `${receivers.base}/slack/bo`,
        minSeverity: 'HIGH',
      } satisfies CreateEndpointDto)
      .expect(201);
    const critical = await mine(http().post('/v1/me/webhooks'))
      .send({ kind: 'TEAMS', name: 'my Teams', url: `${receivers.base}/teams/bo`, minSeverity: 'CRITICAL' })
      .expect(201);
    expect(high.body).toMatchObject({ userId: expect.any(String), minSeverity: 'HIGH' });
    // The buyer sees only their own endpoints; the tenant's admin API neither lists nor serves them.
    expect((await mine(http().get('/v1/me/webhooks')).expect(200)).body.map((e: { id: string }) => e.id)).toEqual([
      high.body.id,
      critical.body.id,
    ]);
    await mine(http().get('/v1/webhooks')).expect(403);
    expect(JSON.stringify((await as(http().get('/v1/webhooks')).expect(200)).body)).not.toContain(high.body.id);
    await as(http().get(`/v1/webhooks/${high.body.id}`)).expect(404);
    await mine(http().patch(`/v1/me/webhooks/${ids.main}`))
      .send({ name: 'hijack' })
      .expect(404);
    await as(http().get('/v1/me/webhooks')).expect(404); // an API token has no personal endpoints
    // The audit log keeps a Slack or Teams URL's host only: the path is the credential.
    const audit = (await as(http().get('/v1/audit-log?limit=50')).expect(200)).body.items as {
      action: string;
      targetId: string;
      after: { url: string };
    }[];
    const created = audit.find((e) => e.action === 'webhook.create' && e.targetId === high.body.id)!;
    expect(created.after.url).toBe(`${receivers.base}/…`);
    expect(JSON.stringify(audit)).not.toContain('/slack/bo');
    // A HIGH alert reaches the HIGH endpoint, not the CRITICAL one.
    clock.set(new Date());
    await http()
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'personal-1', title: 'Personal routing event on dysprosium' })
      .expect(201);
    await worker().drain();
    expect(receivers.to('/slack/bo').map((r) => [r.status, r.problem])).toEqual([[200, null]]);
    expect(JSON.parse(receivers.to('/slack/bo')[0]!.body).blocks[0].text.text).toBe(
      'HIGH: Personal routing event on dysprosium',
    );
    expect(receivers.to('/teams/bo')).toEqual([]);
    const log = await mine(http().get(`/v1/me/webhooks/${high.body.id}/deliveries`)).expect(200);
    expect(log.body.items.map((a: { statusCode: number }) => a.statusCode)).toEqual([200]);
    await mine(http().post(`/v1/me/webhooks/${critical.body.id}/test`)).expect(202);
    await mine(http().delete(`/v1/me/webhooks/${critical.body.id}`)).expect(204);
    await mine(http().get(`/v1/me/webhooks/${critical.body.id}/deliveries`)).expect(404);
  }, 30_000);
});
