import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { magnetMaker, no18 } from '../../testing/fixtures.js';
import { SmtpSink } from '../../testing/smtp-sink.js';
import { createTestApp } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { PolicyChangeDto } from './dto/policy-change.dto.js';
import { FanoutService } from './fanout.service.js';

const ADMIN = { email: 'root@lodestone.test', password: 'first-admin-password-1' };
const INGEST_TOKEN = 'ingest-token-0123456789';
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The value of one series in a Prometheus text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Fan-out progress end to end (production bootstrap, a real SMTP server): an event alerting more tenants than
 * FANOUT_INLINE_MAX_ALERTS answers with `fanout.href`, and GET /v1/fanouts/:id follows its job from queued to done and
 * its emails from pending to sent; the pending-jobs gauges; who may read it (the ingestion token or a platform admin).
 */
describe('fan-out progress over HTTP', () => {
  const smtp = new SmtpSink();
  let app: INestApplication;
  let admin: string;
  let tenantToken: string;
  const http = () => request(app.getHttpServer());
  const ingest = (path: string) => http().get(path).set('authorization', `Bearer ${INGEST_TOKEN}`);

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    // Schedules off: the test runs the fan-out and delivery workers itself, one step at a time.
    app = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      SMTP_URL: smtpUrl,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      INGEST_API_TOKEN: INGEST_TOKEN,
      FANOUT_INLINE_MAX_ALERTS: '2',
      METRICS_ENABLED: 'true',
    });
    const tenants = app.get(TenantsService);
    const ids: string[] = [];
    for (const slug of ['fan-a', 'fan-b', 'fan-c']) ids.push((await tenants.provision(magnetMaker(slug))).id);
    admin = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;
    tenantToken = (
      await http()
        .post('/v1/api-tokens')
        .set('authorization', `Bearer ${admin}`)
        .set('x-tenant-id', ids[0]!)
        .send({ name: 'ERP', role: 'TENANT_ADMIN' })
        .expect(201)
    ).body.token;
  });
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  let eventId: string;
  let href: string;

  it('a deferred event answers with its job, queued, and the job shows nothing done yet', async () => {
    const res = await http()
      .post('/v1/policy-changes')
      .set('authorization', `Bearer ${INGEST_TOKEN}`)
      .send(no18 satisfies PolicyChangeDto)
      .expect(201);
    expect(res.body).toMatchObject({ created: true, alerts: 3, emailsQueued: 0 });
    const { id, status } = res.body.fanout;
    expect(res.body.fanout).toEqual({ id, status: 'queued', href: `/v1/fanouts/${id}` });
    expect(status).toBe('queued');
    eventId = res.body.id;
    href = res.body.fanout.href;

    const progress = (await ingest(href).expect(200)).body;
    expect(progress).toEqual({
      id,
      eventType: 'POLICY_CHANGE',
      eventId,
      status: 'queued',
      alertsTotal: 3,
      alertsExpanded: 0,
      emailsQueued: 0,
      channelDeliveriesQueued: 0,
      partsImpacts: 0,
      attempts: 0,
      lastError: null,
      nextAttemptAt: expect.stringMatching(ISO_UTC),
      createdAt: expect.stringMatching(ISO_UTC),
      startedAt: null,
      finishedAt: null,
      emails: { sent: 0, failed: 0, pending: 0 },
    });
    // The repeat creates no job: no `fanout` in its answer.
    const again = await http()
      .post('/v1/policy-changes')
      .set('authorization', `Bearer ${INGEST_TOKEN}`)
      .send(no18)
      .expect(200);
    expect(again.body.fanout).toBeUndefined();
  });

  it('the gauges count the job pending until it is done', async () => {
    const before = (await http().get('/metrics').expect(200)).text;
    expect(sample(before, 'lodestone_fanout_jobs_pending')).toBe(1);
    expect(sample(before, 'lodestone_fanout_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(await app.get(FanoutService).drain()).toBe(3);
    const after = (await http().get('/metrics').expect(200)).text;
    expect(sample(after, 'lodestone_fanout_jobs_pending')).toBe(0);
    expect(sample(after, 'lodestone_fanout_oldest_pending_age_seconds')).toBe(0);
  });

  it('once expanded: done, every alert expanded, its emails pending; once delivered: sent (by event id too)', async () => {
    const done = (await ingest(href).expect(200)).body;
    expect(done).toMatchObject({
      status: 'done',
      alertsTotal: 3,
      alertsExpanded: 3,
      emailsQueued: 3,
      attempts: 1,
      lastError: null,
      nextAttemptAt: null,
      startedAt: expect.stringMatching(ISO_UTC),
      finishedAt: expect.stringMatching(ISO_UTC),
      emails: { sent: 0, failed: 0, pending: 3 },
    });
    expect(Date.parse(done.startedAt)).toBeGreaterThanOrEqual(Date.parse(done.createdAt));
    expect(Date.parse(done.finishedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));

    await app.get(DeliveryWorker).drain();
    expect(smtp.messages).toHaveLength(3);
    const byEvent = await http().get(`/v1/events/${eventId}/fanout`).set('authorization', `Bearer ${admin}`);
    expect(byEvent.status).toBe(200);
    expect(byEvent.body).toMatchObject({ id: done.id, emails: { sent: 3, failed: 0, pending: 0 } });
  });

  it('a job whose last attempt failed shows failed with its error, until its retry runs', async () => {
    const id = href.split('/').pop()!;
    const next = new Date(Date.now() + 60_000);
    await app.get(PrismaService).db.fanoutJob.update({
      where: { id },
      data: { status: 'PENDING', lastError: 'connection lost', nextAttemptAt: next },
    });
    expect((await ingest(href).expect(200)).body).toMatchObject({
      status: 'failed',
      lastError: 'connection lost',
      nextAttemptAt: next.toISOString(),
    });
  });

  it('400 naming id when it is not a UUID, 404 for an unknown job or an event without one', async () => {
    const bad = await ingest('/v1/fanouts/not-a-uuid').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
    const badEvent = await ingest('/v1/events/42/fanout').expect(400);
    expect(badEvent.body.errors[0].field).toBe('id');
    const unknown = randomUUID();
    expect((await ingest(`/v1/fanouts/${unknown}`).expect(404)).body.message).toContain(unknown);
    await ingest(`/v1/events/${unknown}/fanout`).expect(404);
  });

  it('only the ingestion token or a platform admin may read it (and a match job): 401 without either, 403 for a tenant credential', async () => {
    // A shard's match job of the event (this app does not shard: written as a MATCH_SHARDS=2 ingestion would).
    const matchJobId = randomUUID();
    await app.get(PrismaService).db.matchJob.create({
      data: { id: matchJobId, eventType: 'POLICY_CHANGE', eventId, shard: 1, shards: 2, payload: {} },
    });
    for (const path of [href, `/v1/match-jobs/${matchJobId}`]) {
      await http().get(path).expect(401);
      await http().get(path).set('authorization', 'Bearer not-the-ingest-token-1').expect(401);
      const tenant = await http().get(path).set('authorization', `Bearer ${tenantToken}`).expect(403);
      expect(tenant.body.message).toMatch(/ingestion token or a platform admin/);
      await http().get(path).set('authorization', `Bearer ${admin}`).expect(200);
      await ingest(path).expect(200);
    }
  });
});
