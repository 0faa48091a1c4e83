import { Logger } from '@nestjs/common';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget } from '../config/app-config.js';
import { PrismaClient } from '../generated/prisma/client.js';
import { applyMigrations, type MigrationReport } from './migrator.js';
import { migrationsDir } from './repo-files.js';
import type { SqlRunner } from './sql-runner.js';
import { TRANSACTION_DEFAULTS } from './transaction-runner.js';

/** An open database: the Prisma client plus what the migrator needs. */
export interface DatabaseConnection {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /**
   * The embedded PGlite instance behind `prisma` (null on PostgreSQL), for in-process components that must share its
   * one connection instead of opening their own (the pg-boss delivery queue, outbox/pgboss-delivery-queue.ts).
   */
  pglite: PGlite | null;
  /** Applies pending migrations from prisma/migrations (or `dir`). */
  migrate(dir?: string): Promise<MigrationReport>;
  /** Disconnects Prisma, closes pools / PGlite and releases the PGlite lock file. */
  close(): Promise<void>;
}

/** Thrown when another process holds the embedded database folder. */
export class DatabaseLockedError extends Error {
  constructor(lockFile: string, pid: string) {
    super(`The embedded database is in use by process ${pid} (lock file ${lockFile}). Stop it, or use DATABASE_URL.`);
    this.name = 'DatabaseLockedError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has one connection and no cross-process locking: two processes on one folder corrupt it. */
function lockFolder(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  mkdirSync(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readFileSync(lockFile, 'utf8').trim();
      if (Number(holder) !== process.pid && processAlive(Number(holder)))
        throw new DatabaseLockedError(lockFile, holder);
      rmSync(lockFile, { force: true }); // stale lock of a dead process (or our own from an earlier open)
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

/**
 * Prisma's own transaction defaults set to the project's ({@link TRANSACTION_DEFAULTS}: wait up to 10 s, run up to
 * 30 s), for the few transactions not opened by the TransactionRunner (the reference seed at start-up).
 */
const TRANSACTION_OPTIONS = { maxWait: TRANSACTION_DEFAULTS.maxWaitMs, timeout: TRANSACTION_DEFAULTS.timeoutMs };

/**
 * Opens the database named by `target`: PostgreSQL through @prisma/adapter-pg (a pg pool), or PGlite (PostgreSQL
 * compiled to WASM) in a folder or in memory through pglite-prisma-adapter.
 *
 * @throws DatabaseLockedError when a live process already holds the PGlite folder.
 */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseConnection> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle client whose server connection dies (a database restart or failover, a terminated backend) emits 'error'
    // on the pool. Prisma's adapter swallows it silently while connected; this makes it visible in the log and keeps
    // the process alive after $disconnect too. The pool discards the client and connects anew on demand.
    pool.on('error', (error) => new Logger('Database').warn(`idle PostgreSQL connection lost: ${error.message}`));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
    return {
      prisma,
      target,
      pglite: null,
      async migrate(dir = migrationsDir()) {
        // One dedicated connection, so the advisory lock and the migrations share a session.
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        const runner: SqlRunner = {
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
        };
        try {
          return await applyMigrations(runner, dir);
        } finally {
          await client.end();
        }
      },
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  const unlock = target.dataDir ? lockFolder(target.dataDir) : () => undefined;
  try {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const pglite = new PGlite(target.dataDir ?? undefined);
    await pglite.waitReady;
    // pglite-prisma-adapter declares PGlite 0.4 types; it only calls the instance's query/exec/transaction API,
    // which 0.5 keeps (verified by the database tests).
    const prisma = new PrismaClient({
      adapter: new PrismaPGlite(pglite as never),
      transactionOptions: TRANSACTION_OPTIONS,
    });
    const runner: SqlRunner = {
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as never[],
    };
    return {
      prisma,
      target,
      pglite,
      migrate: (dir = migrationsDir()) => applyMigrations(runner, dir),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
