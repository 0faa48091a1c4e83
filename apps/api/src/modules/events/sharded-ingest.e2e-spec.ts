import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { shardOf } from '../../matching/shard.js';
import { magnetMaker, no18 } from '../../testing/fixtures.js';
import { OpenApiConformance } from '../../testing/openapi-conformance.js';
import { SmtpSink } from '../../testing/smtp-sink.js';
import { createTestApp } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { PolicyChangeDto } from './dto/policy-change.dto.js';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Sharded matching through the production bootstrap (MATCH_SHARDS=2, schedules on as in production): POST stores the
 * event with two match jobs and answers 202 (documented in OpenAPI); the process's match worker (it serves every
 * shard by default) raises each shard's alerts (followed at each job's href, GET /v1/match-jobs/:id), its fan-out jobs write the emails, and the buyers' emails arrive at a
 * real SMTP server.
 */
describe('sharded ingestion over HTTP, delivered over SMTP', () => {
  const smtp = new SmtpSink();
  let app: INestApplication;
  /** The buyers, by tenant id. */
  const buyers = new Map<string, string>();

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    app = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      SMTP_URL: smtpUrl,
      SCHEDULES_ENABLED: 'true',
      MATCH_SHARDS: '2',
      MAIL_FROM: 'Lodestone <alerts@lodestone.test>',
    });
    // Tenants until both shards have one (tenant ids are random UUIDv7s).
    const tenants = app.get(TenantsService);
    for (let i = 0; i < 20 && new Set([...buyers.keys()].map((id) => shardOf(id, 2))).size < 2; i++) {
      const email = `buyer${i}@maker${i}.example`;
      const { id } = await tenants.provision(magnetMaker(`maker${i}`, email));
      buyers.set(id, email);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('POST answers 202 with one match job per shard; the shard workers alert every tenant and the emails arrive', async () => {
    expect(new Set([...buyers.keys()].map((id) => shardOf(id, 2)))).toEqual(new Set([0, 1]));
    const res = await request(app.getHttpServer())
      .post('/v1/policy-changes')
      .send(no18 satisfies PolicyChangeDto)
      .expect(202);
    expect(res.body).toEqual({
      id: expect.any(String),
      created: true,
      matchJobs: [
        { id: expect.any(String), shard: 0, shards: 2, status: 'PENDING', href: expect.any(String) },
        { id: expect.any(String), shard: 1, shards: 2, status: 'PENDING', href: expect.any(String) },
      ],
    });
    for (const job of res.body.matchJobs) expect(job.href).toBe(`/v1/match-jobs/${job.id}`);
    const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    const contract = new OpenApiConformance(document);
    expect(contract.checkResponse('post', '/v1/policy-changes', 202, res.body)).toEqual([]);

    // Each job's href, followed until its shard is matched: its alerts and its shard's fan-out job.
    const inShard = (k: number) => [...buyers.keys()].filter((id) => shardOf(id, 2) === k).length;
    const followed: Record<string, unknown>[] = [];
    for (const ref of res.body.matchJobs as { id: string; shard: number; href: string }[]) {
      let job: Record<string, unknown> = {};
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        job = (await request(app.getHttpServer()).get(ref.href).expect(200)).body;
        expect(contract.checkResponse('get', '/v1/match-jobs/{id}', 200, job)).toEqual([]);
        expect(['PENDING', 'RUNNING', 'DONE']).toContain(job.status);
        if (job.status === 'DONE') break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(job).toEqual({
        id: ref.id,
        eventType: 'POLICY_CHANGE',
        eventId: res.body.id,
        shard: ref.shard,
        shards: 2,
        status: 'DONE',
        attempts: 1,
        lastError: null,
        alerts: inShard(ref.shard),
        fanout: { id: expect.any(String), status: expect.any(String), href: expect.any(String) },
        createdAt: expect.stringMatching(ISO_UTC),
        finishedAt: expect.stringMatching(ISO_UTC),
      });
      const fanout = job.fanout as { id: string; href: string };
      expect(fanout.href).toBe(`/v1/fanouts/${fanout.id}`);
      // The fan-out job it points to is this shard's (one per shard; each expands only its shard's alerts).
      expect((await request(app.getHttpServer()).get(fanout.href).expect(200)).body).toMatchObject({
        eventId: res.body.id,
        alertsTotal: expect.any(Number),
      });
      followed.push(job);
    }
    expect(new Set(followed.map((j) => (j.fanout as { id: string }).id)).size).toBe(2);
    // A malformed id names the field; an unknown one is 404.
    const bad = await request(app.getHttpServer()).get('/v1/match-jobs/not-a-uuid').expect(400);
    expect(bad.body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
    await request(app.getHttpServer()).get(`/v1/match-jobs/${randomUUID()}`).expect(404);

    // One email per tenant's buyer (the magnet maker's admin is unsubscribed), each from its shard's fan-out.
    await smtp.waitFor(buyers.size, 30_000);
    expect(smtp.messages.flatMap((m) => m.envelopeTo).sort()).toEqual([...buyers.values()].sort());
    expect(smtp.messages.every((m) => m.subject?.includes('MOFCOM/GAC Announcement 2025 No. 18'))).toBe(true);

    const prisma = app.get(PrismaService);
    const jobs = await prisma.db.matchJob.findMany({ where: { eventId: res.body.id }, orderBy: { shard: 'asc' } });
    const alerts = await crossTenant('test assertions', () =>
      prisma.db.alert.findMany({ where: { policyChangeId: res.body.id }, select: { tenantId: true } }),
    );
    expect(alerts.map((a) => a.tenantId).sort()).toEqual([...buyers.keys()].sort());
    expect(jobs.map((j) => [j.shard, j.status, j.alerts])).toEqual([
      [0, 'DONE', inShard(0)],
      [1, 'DONE', inShard(1)],
    ]);
    const fanouts = await prisma.db.fanoutJob.findMany({ where: { eventId: res.body.id }, orderBy: { shard: 'asc' } });
    expect(fanouts.map((f) => [f.shard, f.shards, f.emailsQueued])).toEqual([
      [0, 2, inShard(0)],
      [1, 2, inShard(1)],
    ]);

    // The same event again: 200 with the alerts raised, as without sharding.
    const again = await request(app.getHttpServer()).post('/v1/policy-changes').send(no18).expect(200);
    expect(again.body).toMatchObject({ created: false, alerts: buyers.size, emailsQueued: 0, differs: [] });
  }, 60_000);
});
