import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../config/app-config.js';

/**
 * Test databases. Database-tier tests run against both engines: a fresh in-memory PGlite, and a fresh database on
 * the PostgreSQL server at TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres), dropped after.
 */
export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

const adminUrl = () => process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** DATABASE_URL for the app's config. */
  url: string;
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** Creates an empty database for `engine`. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    return { url: 'pglite://memory', target: { kind: 'pglite', dataDir: null }, drop: async () => undefined };
  }
  const name = `lodestone_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    target: { kind: 'postgres', url: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
