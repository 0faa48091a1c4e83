import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlRunner } from './sql-runner.js';

/** Result of {@link applyMigrations}: names applied now, and names that were already there. */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/** Thrown when a migration fails, or when a recorded migration no longer matches its file (checksum). */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

// Prisma's own bookkeeping table, created exactly as `prisma migrate deploy` creates it, so that the CLI
// (`npm run db:status`, `db:migrate`) and this in-process migrator agree on what has been applied.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed 64-bit key: serialises concurrent migrators on one PostgreSQL server (no-op cost on PGlite).
const LOCK_KEY = 72707369;

/**
 * Applies the migrations in `dir` (Prisma's layout: `<dir>/<timestamp>_<name>/migration.sql`) that are not yet
 * recorded in `_prisma_migrations`, in name order, each in its own transaction, holding an advisory lock.
 * Checksums are SHA-256 of the file, as Prisma records them.
 *
 * @throws MigrationError when a migration fails (it is rolled back and recorded nowhere), when an applied migration's
 *   file changed, or when a failed migration is recorded (resolve it with `prisma migrate resolve`).
 */
export async function applyMigrations(db: SqlRunner, dir: string): Promise<MigrationReport> {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}`);
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
  await db.exec(CREATE_TABLE);
  await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const rows = await db.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
    const done = new Map(
      rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r.checksum]),
    );
    const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
    if (failed.length) {
      throw new MigrationError(
        `Failed migration(s) recorded: ${failed.join(', ')}. Fix and run "npx prisma migrate resolve".`,
      );
    }
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const name of names) {
      const sql = readFileSync(join(dir, name, 'migration.sql'));
      const checksum = createHash('sha256').update(sql).digest('hex');
      const recorded = done.get(name);
      if (recorded) {
        if (recorded !== checksum)
          throw new MigrationError(`Migration ${name} was modified after it was applied (checksum differs).`);
        report.alreadyApplied.push(name);
        continue;
      }
      try {
        await db.exec(`BEGIN;\n${sql.toString('utf8')}\n;COMMIT;`);
      } catch (error) {
        await db.exec('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`Migration ${name} failed: ${(error as Error).message}`);
      }
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), checksum, name],
      );
      report.applied.push(name);
    }
    return report;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
