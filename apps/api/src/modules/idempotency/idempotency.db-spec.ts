import type { TestingModule } from '@nestjs/testing';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { createTestingModule } from '../../testing/test-app.js';
import { IdempotencyRepository } from './idempotency.repository.js';

describe.each(ENGINES)('idempotency keys on %s', (engine) => {
  let testDb: TestDatabase;
  let modules: TestingModule[] = [];
  const t0 = new Date('2025-11-07T10:00:00Z');
  const stale = new Date('2025-11-07T09:55:00Z');

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    modules = [await createTestingModule({ DATABASE_URL: testDb.url })];
    // PostgreSQL: a second application instance (its own pool), as a second process would have.
    if (engine === 'postgres')
      modules.push(await createTestingModule({ DATABASE_URL: testDb.url, DB_MIGRATE_ON_BOOT: 'false' }));
  });
  afterAll(async () => {
    for (const m of modules) await m.close();
    await testDb?.drop();
  });

  it('of requests racing with one key, exactly one claims it; the others see it in flight, then its response', async () => {
    const repos = modules.map((m) => m.get(IdempotencyRepository));
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => repos[i % repos.length]!.begin('POST /v1/x', 'race', 'h1', t0, stale)),
    );
    expect(results.map((r) => r.state).sort()).toEqual(['in-flight', 'in-flight', 'in-flight', 'new']);
    await repos[0]!.complete('POST /v1/x', 'race', 201, { id: 'e1' }, t0);
    expect(await repos.at(-1)!.begin('POST /v1/x', 'race', 'h1', t0, stale)).toEqual({
      state: 'replay',
      status: 201,
      response: { id: 'e1' },
    });
    expect(await repos.at(-1)!.begin('POST /v1/x', 'race', 'h2', t0, stale)).toEqual({ state: 'mismatch' });
    expect(await repos[0]!.begin('POST /v1/y', 'race', 'h2', t0, stale)).toEqual({ state: 'new' }); // keys are per scope
  });

  it('an abandoned claim can be claimed again', async () => {
    const repo = modules[0]!.get(IdempotencyRepository);
    expect((await repo.begin('POST /v1/x', 'retry', 'h1', t0, stale)).state).toBe('new');
    await repo.abandon('POST /v1/x', 'retry');
    expect((await repo.begin('POST /v1/x', 'retry', 'h1', t0, stale)).state).toBe('new');
  });
});
