import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { createTestDatabase, ENGINES, type TestDatabase } from '../testing/databases.js';
import { openDatabase, type DatabaseConnection } from './connection.js';
import { PrismaService, type Tx } from './prisma.service.js';
import { isSerializationFailure, NestedTransactionError, TransactionRunner } from './transaction-runner.js';

/** The transaction runner on a real PGlite and a real PostgreSQL database (migrations applied). */
describe.each(ENGINES)('TransactionRunner on %s', (engine) => {
  let testDb: TestDatabase;
  let conn: DatabaseConnection;
  let prisma: PrismaService;
  let runner: TransactionRunner;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    conn = await openDatabase(testDb.target);
    await conn.migrate();
    prisma = new PrismaService(conn);
    runner = new TransactionRunner(prisma);
  });
  afterAll(async () => {
    await conn?.close();
    await testDb?.drop();
  });

  const slugs = async (prefix: string) =>
    (await prisma.db.tenant.findMany({ where: { slug: { startsWith: prefix } }, orderBy: { slug: 'asc' } })).map(
      (t) => t.slug,
    );

  it('commits what the callback wrote and returns its result', async () => {
    const id = await runner.run(
      async (tx) => {
        const a = await tx.tenant.create({ data: { slug: 'commit-a', name: 'A' } });
        await tx.tenant.create({ data: { slug: 'commit-b', name: 'B' } });
        return a.id;
      },
      { label: 'test.commit' },
    );
    expect(await slugs('commit-')).toEqual(['commit-a', 'commit-b']);
    expect((await prisma.db.tenant.findUniqueOrThrow({ where: { slug: 'commit-a' } })).id).toBe(id);
  });

  it('rolls everything back when the callback throws, and rethrows its error', async () => {
    const failure = new Error('second step failed');
    await expect(
      runner.run(async (tx) => {
        await tx.tenant.create({ data: { slug: 'rollback-a', name: 'A' } });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await slugs('rollback-')).toEqual([]);
  });

  it('refuses a nested transaction at once (no PGlite deadlock); the outer one still commits', async () => {
    const started = Date.now();
    await runner.run(
      async (tx) => {
        await tx.tenant.create({ data: { slug: 'nested-outer', name: 'Outer' } });
        await expect(
          runner.run((inner) => inner.tenant.create({ data: { slug: 'nested-inner', name: 'Inner' } }), {
            label: 'inner',
          }),
        ).rejects.toThrow(NestedTransactionError);
      },
      { label: 'outer' },
    );
    expect(Date.now() - started).toBeLessThan(5_000); // a deadlock would wait for maxWait (10 s)
    expect(await slugs('nested-')).toEqual(['nested-outer']);
  });

  it('runs a detached transaction started inside another one after it, on its own', async () => {
    let detached: Promise<unknown> | undefined;
    await runner.run(async (tx) => {
      await tx.tenant.create({ data: { slug: 'detached-outer', name: 'Outer' } });
      detached = runner.run((t) => t.tenant.create({ data: { slug: 'detached-bg', name: 'Background' } }), {
        detached: true,
      });
    });
    await detached;
    expect(await slugs('detached-')).toEqual(['detached-bg', 'detached-outer']);
  });

  it('applies the isolation level', async () => {
    const level = await runner.run(
      async (tx) =>
        (await tx.$queryRaw<{ level: string }[]>`SELECT current_setting('transaction_isolation') AS level`)[0]!.level,
      { isolation: 'Serializable' },
    );
    // pglite-prisma-adapter sets the level before BEGIN, where PostgreSQL ignores it; PGlite has one connection, so
    // its transactions are serial anyway.
    expect(level).toBe(engine === 'postgres' ? 'serializable' : 'read committed');
  });

  if (engine === 'postgres') {
    /**
     * Write skew: each transaction counts the `skew-` tenants, waits until the other has counted too, then inserts
     * one named after the count. Under SERIALIZABLE PostgreSQL fails one of them with 40001.
     */
    async function skew(options: { idempotent: boolean }) {
      let attempts = 0;
      let arrived = 0;
      let release!: () => void;
      const bothRead = new Promise<void>((resolve) => {
        release = resolve;
      });
      const work = (name: string) => async (tx: Tx) => {
        attempts++;
        const n = await tx.tenant.count({ where: { slug: { startsWith: `skew-${options.idempotent}-` } } });
        if (++arrived === 2) release();
        await bothRead;
        await tx.tenant.create({ data: { slug: `skew-${options.idempotent}-${n}-${name}`, name } });
        return n;
      };
      const results = await Promise.allSettled(
        ['a', 'b'].map((name) =>
          runner.run(work(name), { isolation: 'Serializable', label: `skew-${name}`, ...options }),
        ),
      );
      return { results, attempts, stored: await slugs(`skew-${options.idempotent}-`) };
    }

    it('retries the loser of two concurrent SERIALIZABLE transactions when idempotent', async () => {
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { results, attempts, stored } = await skew({ idempotent: true });
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(attempts).toBe(3); // the retry saw the winner's row
      expect(stored.map((s) => s.split('-')[2]).sort()).toEqual(['0', '1']);
    });

    it('throws the serialization failure when the work is not marked idempotent', async () => {
      const { results, attempts, stored } = await skew({ idempotent: false });
      const rejected = results.filter((r) => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(isSerializationFailure((rejected[0] as PromiseRejectedResult).reason)).toBe(true);
      expect(attempts).toBe(2);
      expect(stored).toHaveLength(1);
    });
  }
});
