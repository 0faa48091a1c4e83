import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Lifecycle } from '../../common/lifecycle.js';
import { PrismaService } from '../../database/prisma.service.js';
import { createTestApp } from '../../testing/test-app.js';
import { Argon2PasswordHasher, PasswordHasher } from '../auth/password-hasher.js';

describe('liveness and readiness (issue 10.15)', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers live, ready and /health (= ready) when serving with the database up and migrations applied', async () => {
    expect((await http().get('/health/live').expect(200)).body).toEqual({
      status: 'ok',
      info: { process: { status: 'up' } },
      error: {},
      details: { process: { status: 'up' } },
    });
    const ready = (await http().get('/health/ready').expect(200)).body;
    expect(ready.info).toMatchObject({
      lifecycle: { status: 'up', phase: 'ready' },
      database: { status: 'up', kind: 'pglite' },
      migrations: { status: 'up' },
    });
    expect((await http().get('/health').expect(200)).body.info).toEqual(ready.info);
  });

  it('is not ready (503) while a migration is running elsewhere or pending, but stays live', async () => {
    const db = app.get(PrismaService).db;
    await db.$executeRaw`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
      VALUES ('00000000-0000-0000-0000-000000000001', 'x', '20991231000000_running', now())`;
    const migrating = (await http().get('/health/ready').expect(503)).body;
    expect(migrating.error.migrations).toEqual({ status: 'down', unfinished: ['20991231000000_running'], pending: [] });
    await http().get('/health').expect(503);
    await http().get('/health/live').expect(200);
    await db.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = now() WHERE migration_name = '20991231000000_running'`;
    await http().get('/health/ready').expect(200);

    const [last] = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE migration_name < '2099' ORDER BY migration_name DESC LIMIT 1`;
    await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = ${last!.migration_name}`;
    expect((await http().get('/health/ready').expect(503)).body.error.migrations.pending).toEqual([
      last!.migration_name,
    ]);
    await db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = ${last!.migration_name}`;
    await http().get('/health/ready').expect(200);
  });
});

describe('graceful shutdown (issue 10.13)', () => {
  const ADMIN = { email: 'root@lodestone.test', password: 'platform-admin-password' };
  const real = new Argon2PasswordHasher();
  let entered!: () => void;
  let release!: () => void;
  const inVerify = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  /** Verifies passwords only once the test releases the gate: a login stays in flight as long as the test wants. */
  const slowHasher = {
    hash: (password: string) => real.hash(password),
    async verify(hash: string, password: string) {
      entered();
      await gate;
      return real.verify(hash, password);
    },
  };

  it('stops taking new work, lets a slow in-flight request finish with 200, then closes the database', async () => {
    const app = await createTestApp(
      { DATABASE_URL: 'pglite://memory', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
      undefined,
      [[PasswordHasher, slowHasher]],
    );
    await app.listen(0, '127.0.0.1');
    const base = await app.getUrl();
    const url = base.replace('[::1]', '127.0.0.1');

    const login = fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    await inVerify; // the login is in flight, waiting in the password check
    expect(app.get(Lifecycle).requestsInFlight).toBe(1);

    const closed = app.close(); // what SIGTERM does (enableShutdownHooks)
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.get(Lifecycle).phase).toBe('draining');
    // Still draining: readiness says 503 (the load balancer stops sending), other new requests are turned away.
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { lifecycle: unknown } }).error.lifecycle).toEqual({
      status: 'down',
      phase: 'draining',
    });
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    expect((await fetch(`${url}/v1/elements`)).status).toBe(503);

    release();
    const res = await login;
    expect(res.status).toBe(200); // the session was written: the database was still open
    expect(((await res.json()) as { accessToken: string }).accessToken).toMatch(/^lsa_/);
    await closed;
    await expect(fetch(`${url}/health/live`)).rejects.toThrow(); // no longer accepting
    await expect(app.get(PrismaService).db.$queryRaw`SELECT 1`).rejects.toThrow(); // closed last
  });
});
