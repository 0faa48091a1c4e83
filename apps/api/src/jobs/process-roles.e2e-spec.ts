import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../database/prisma.service.js';
import { crossTenant } from '../database/tenant-scope.js';
import { TenantsService } from '../modules/tenants/tenants.service.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { magnetMaker, no18 } from '../testing/fixtures.js';
import { SmtpSink } from '../testing/smtp-sink.js';
import { createTestApp } from '../testing/test-app.js';

/** Resolves after `ms` milliseconds. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PROCESS_ROLE end to end: two production bootstraps over one PostgreSQL database, as `PROCESS_ROLE=api npm start`
 * and `PROCESS_ROLE=worker npm start` run them (docs/operations.md). Schedules are on in both (SCHEDULES_ENABLED=true,
 * as in production). The API process stores the event and its fan-out job and answers, but neither expands the job
 * nor sends anything, through a whole outbox tick (10 s); the worker process, started next, expands the job and
 * delivers the email on its own schedule, and serves no API route. Run on the product's default, the pg-boss job queue
 * (the fan-out and `deliver-email` jobs worked by the worker process's queue workers), and on the outbox fallback
 * (the worker's schedules claim the rows); the test harness would otherwise pin the outbox.
 */
describe.each(['pgboss', 'outbox'])(
  'process roles: an API-only and a worker-only process over one database (DELIVERY_QUEUE=%s)',
  (queue) => {
    const smtp = new SmtpSink();
    let testDb: TestDatabase;
    let api: INestApplication | undefined;
    let worker: INestApplication | undefined;
    let smtpUrl: string;

    beforeAll(async () => {
      smtpUrl = await smtp.start();
      testDb = await createTestDatabase('postgres');
      const env = { DATABASE_URL: testDb.url, SMTP_URL: smtpUrl, SCHEDULES_ENABLED: 'true', DELIVERY_QUEUE: queue };
      // Every event deferred to the fan-out job (FANOUT_INLINE_MAX_ALERTS=0): the worker must write its rows too.
      api = await createTestApp({ ...env, PROCESS_ROLE: 'api', FANOUT_INLINE_MAX_ALERTS: '0' });
      await api.get(TenantsService).provision(magnetMaker('roles', 'mei.chen@roles.example'));
      // Listening (not only initialised) like production, so that its timers and schedules run for real.
      await api.listen(0, '127.0.0.1');
    }, 60_000);
    afterAll(async () => {
      await worker?.close();
      await api?.close();
      await smtp.stop();
      await testDb?.drop();
    });

    it('the API process answers, but expands and delivers nothing through a whole outbox tick', async () => {
      const res = await request(api!.getHttpServer()).post('/v1/policy-changes').send(no18).expect(201);
      expect(res.body).toMatchObject({ created: true, alerts: 1, emailsQueued: 0, fanout: { status: 'queued' } });
      await sleep(11_000); // the outbox schedule ticks every 10 s; the channel schedule every 5 s
      const db = api!.get(PrismaService).db;
      expect(await db.fanoutJob.findFirstOrThrow()).toMatchObject({ status: 'PENDING', attempts: 0 });
      expect(await crossTenant('the test reads the whole outbox', () => db.emailDelivery.count())).toBe(0);
      expect(smtp.messages).toHaveLength(0);
      await request(api!.getHttpServer()).get('/health/ready').expect(200);
    }, 30_000);

    it('the worker process expands the job and delivers the email on its own schedule, serving no API route', async () => {
      worker = await createTestApp({
        DATABASE_URL: testDb.url,
        SMTP_URL: smtpUrl,
        SCHEDULES_ENABLED: 'true',
        DELIVERY_QUEUE: queue,
        PROCESS_ROLE: 'worker',
        METRICS_ENABLED: 'true',
      });
      await worker.listen(0, '127.0.0.1');
      await smtp.waitFor(1, 20_000);
      expect(smtp.messages[0]!.envelopeTo).toEqual(['mei.chen@roles.example']);
      const db = worker.get(PrismaService).db;
      expect(await db.fanoutJob.findFirstOrThrow()).toMatchObject({ status: 'DONE', emailsQueued: 1 });

      const http = () => request(worker!.getHttpServer());
      await http().get('/health/live').expect(200);
      await http().get('/metrics').expect(200);
      const alerts = await http().get('/v1/alerts').expect(404);
      expect(alerts.body.message).toMatch(/PROCESS_ROLE=worker/);
      await http()
        .post('/v1/policy-changes')
        .send({ ...no18, externalId: 'via-worker' })
        .expect(404);
      await http().get('/docs').expect(404);
    }, 40_000);
  },
);
