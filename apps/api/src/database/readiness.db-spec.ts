import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { DatabaseLockedError, openDatabase } from './connection.js';
import { checkDatabaseReady, DatabaseNotReadyError, migrationNames, pendingMigrations } from './readiness.js';

describe('start-up before `npm run db:migrate` (PostgreSQL)', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('says to run npm run db:migrate while migrations are missing, and passes once they are applied', async () => {
    const config = { database: { kind: 'postgres' as const, url: testDb.url }, migrateOnBoot: false };
    expect(await pendingMigrations(testDb.url)).toEqual(migrationNames());
    const error = await checkDatabaseReady(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseNotReadyError);
    expect((error as Error).message).toMatch(/not migrated.*\n.*Run `npm run db:migrate`/);
    // DB_MIGRATE_ON_BOOT=true migrates at start-up: nothing to check.
    await expect(checkDatabaseReady({ ...config, migrateOnBoot: true })).resolves.toBeUndefined();
    const conn = await openDatabase(config.database);
    await conn.migrate();
    await conn.close();
    expect(await pendingMigrations(testDb.url)).toEqual([]);
    await expect(checkDatabaseReady(config)).resolves.toBeUndefined();
  });

  it('says it cannot connect (without the password) rather than throwing a driver stack', async () => {
    const error = await checkDatabaseReady({
      database: { kind: 'postgres', url: 'postgresql://u:secret@127.0.0.1:1/x' },
      migrateOnBoot: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseNotReadyError);
    expect((error as Error).message).toMatch(/^Cannot connect to PostgreSQL at postgresql:\/\/127\.0\.0\.1:1\/x: /);
  });
});

describe('the embedded database held by another process', () => {
  it('is reported as locked by that process before start-up', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'lodestone-lock-')), 'db');
    mkdirSync(dataDir);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(`${dataDir}.lock`, String(other.pid));
      const error = await checkDatabaseReady({ database: { kind: 'pglite', dataDir }, migrateOnBoot: true }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseLockedError);
      expect((error as Error).message).toContain(`process ${other.pid}`);
    } finally {
      const exited = new Promise((resolve) => other.once('exit', resolve));
      other.kill();
      await exited;
    }
    await expect(checkDatabaseReady({ database: { kind: 'pglite', dataDir }, migrateOnBoot: true })).resolves.toBe(
      undefined,
    );
  });
});
