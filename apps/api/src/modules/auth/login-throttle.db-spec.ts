import type { TestingModule } from '@nestjs/testing';
import { FakeClock } from '../../common/clock.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { createTestingModule } from '../../testing/test-app.js';
import { LoginThrottle, loginDelaySeconds } from './login-throttle.js';

describe.each(ENGINES)('login throttle stored in the database (%s)', (engine) => {
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  const env = { LOGIN_MAX_FAILURES: '2', LOGIN_DELAY_BASE_SECONDS: '3', LOGIN_RATE_LIMIT_PER_MINUTE: '4' };
  let testDb: TestDatabase;
  let modules: TestingModule[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    modules = [await createTestingModule({ DATABASE_URL: testDb.url, ...env }, clock)];
    // PostgreSQL: a second application instance (its own pool), as a second API process would have.
    if (engine === 'postgres')
      modules.push(await createTestingModule({ DATABASE_URL: testDb.url, DB_MIGRATE_ON_BOOT: 'false', ...env }, clock));
  });
  afterAll(async () => {
    for (const m of modules) await m.close();
    await testDb?.drop();
  });
  const throttle = (i: number) => modules[i % modules.length]!.get(LoginThrottle);

  it('counts failures of a pair across processes and delays the pair, not the account', async () => {
    expect(await throttle(0).pairFailed('Buyer@X.example ', '10.0.0.1')).toBe(0);
    expect(await throttle(1).pairFailed('buyer@x.example', '10.0.0.1')).toBe(0);
    expect(await throttle(0).pairFailed('buyer@x.example', '10.0.0.1')).toBe(3);
    expect(await throttle(1).checkPair('buyer@x.example', '10.0.0.1')).toEqual({
      allowed: false,
      retryAfterSeconds: 3,
    });
    expect(await throttle(1).checkPair('buyer@x.example', '10.0.0.2')).toEqual({ allowed: true });
    clock.advance(3000);
    expect(await throttle(0).checkPair('buyer@x.example', '10.0.0.1')).toEqual({ allowed: true });
    expect(await throttle(1).pairFailed('buyer@x.example', '10.0.0.1')).toBe(6);
    await throttle(0).pairSucceeded('buyer@x.example', '10.0.0.1');
    expect(await throttle(1).checkPair('buyer@x.example', '10.0.0.1')).toEqual({ allowed: true });
    expect(await throttle(1).pairFailed('buyer@x.example', '10.0.0.1')).toBe(0);
  });

  it('limits attempts per address per minute across processes, counting concurrent attempts exactly', async () => {
    const verdicts = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => throttle(i).hitAddress('10.9.9.9')));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(4);
    expect(verdicts.filter((v) => !v.allowed)).toEqual([
      { allowed: false, retryAfterSeconds: 60 },
      { allowed: false, retryAfterSeconds: 60 },
    ]);
    clock.advance(60_000);
    expect(await throttle(1).hitAddress('10.9.9.9')).toEqual({ allowed: true });
  });
});

describe('loginDelaySeconds', () => {
  it('is 0 up to LOGIN_MAX_FAILURES, then doubles from the base up to the maximum', () => {
    const auth = { maxFailedLogins: 5, loginDelayBaseSeconds: 2, loginMaxDelaySeconds: 900 };
    expect([1, 5, 6, 7, 8, 13, 14, 100].map((n) => loginDelaySeconds(n, auth))).toEqual([0, 0, 2, 4, 8, 256, 512, 900]);
  });
});
