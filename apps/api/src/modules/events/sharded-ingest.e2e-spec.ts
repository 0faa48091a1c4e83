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

/**
 * Sharded matching through the production bootstrap (MATCH_SHARDS=2, schedules on as in production): POST stores the
 * event with two match jobs and answers 202 (documented in OpenAPI); the process's match worker (it serves every
 * shard by default) raises each shard's alerts, its fan-out jobs write the emails, and the buyers' emails arrive at a
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
        { id: expect.any(String), shard: 0, shards: 2, status: 'PENDING' },
        { id: expect.any(String), shard: 1, shards: 2, status: 'PENDING' },
      ],
    });
    const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    expect(new OpenApiConformance(document).checkResponse('post', '/v1/policy-changes', 202, res.body)).toEqual([]);

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
    const inShard = (k: number) => [...buyers.keys()].filter((id) => shardOf(id, 2) === k).length;
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
