import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { DatabaseLockedError } from './connection.js';
import { migrationsDir } from './repo-files.js';

/** The database cannot be used as it is: not migrated, or unreachable. The message says what to do. */
export class DatabaseNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseNotReadyError';
  }
}

/** Names of the migrations in `dir` (Prisma's layout), in the order they apply. */
export function migrationNames(dir = migrationsDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

/**
 * The migrations of `dir` that a PostgreSQL database has not applied (all of them when `_prisma_migrations` is
 * absent, as in a new database).
 * @throws DatabaseNotReadyError when the server cannot be reached (message with the cause, no password).
 */
export async function pendingMigrations(url: string, dir = migrationsDir()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    const where = url.replace(/\/\/[^@/]*@/, '//');
    throw new DatabaseNotReadyError(`Cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`);
  }
  try {
    const table = await client.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
    const applied = table.rows[0]?.t
      ? (
          await client.query<{ migration_name: string }>(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
        ).rows.map((r) => r.migration_name)
      : [];
    const done = new Set(applied);
    return migrationNames(dir).filter((n) => !done.has(n));
  } finally {
    await client.end();
  }
}

/**
 * The process id holding an embedded (PGlite) database folder through its lock file `<dataDir>.lock`, when that
 * process is alive; null when the folder is free (no lock, or a stale one).
 */
export function embeddedDatabaseHolder(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(`${dataDir}.lock`, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/**
 * Checks, before the application starts, what would otherwise fail deep in start-up with a stack trace:
 * - PostgreSQL without DB_MIGRATE_ON_BOOT: every migration must be applied, else "run `npm run db:migrate`";
 * - the embedded database: its folder must not be held by another live process (a running API).
 *
 * @throws DatabaseNotReadyError (not migrated, or PostgreSQL unreachable); DatabaseLockedError (folder in use).
 */
export async function checkDatabaseReady(config: Pick<AppConfig, 'database' | 'migrateOnBoot'>): Promise<void> {
  const db = config.database;
  if (db.kind === 'pglite') {
    const holder = db.dataDir ? embeddedDatabaseHolder(db.dataDir) : null;
    if (db.dataDir && holder !== null) throw new DatabaseLockedError(`${db.dataDir}.lock`, String(holder));
    return;
  }
  if (config.migrateOnBoot) return;
  const pending = await pendingMigrations(db.url);
  if (pending.length) {
    const all = migrationNames().length;
    throw new DatabaseNotReadyError(
      `The PostgreSQL database is not migrated: ${pending.length} of ${all} migrations are not applied (next: ${pending[0]}).\n` +
        'Run `npm run db:migrate` (with the same DATABASE_URL), then start again. ' +
        '(Or set DB_MIGRATE_ON_BOOT=true to migrate at start-up.)',
    );
  }
}
