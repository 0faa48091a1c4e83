// End-to-end tests of bin/schema-engine.mjs: they run the real Prisma CLI (node_modules/prisma) in a temporary project
// (own two-model schema, migrations and prisma.config.ts) with PRISMA_SCHEMA_ENGINE_BINARY pointing at the shim, against
// a throwaway PostgreSQL database (127.0.0.1:5432, trust auth; PGHOST/PGPORT/PGUSER override) and a PGlite directory.
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SHIM = fileURLToPath(new URL('../bin/schema-engine.mjs', import.meta.url));
const PRISMA = fileURLToPath(new URL('../../../node_modules/prisma/build/index.js', import.meta.url));

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Author {
  id    Int    @id @default(autoincrement())
  name  String
  books Book[]
}

model Book {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   Author @relation(fields: [authorId], references: [id])
}
`;
const INIT = '20250101000000_init';
// What `migrate dev` generates for SCHEMA, plus a function whose `$$` body contains semicolons (adapter-pg's own
// executeScript would split it).
const INIT_SQL = `-- CreateTable
CREATE TABLE "Author" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Author_pkey" PRIMARY KEY ("id"));

-- CreateTable
CREATE TABLE "Book" ("id" SERIAL NOT NULL, "title" TEXT NOT NULL, "authorId" INTEGER NOT NULL, CONSTRAINT "Book_pkey" PRIMARY KEY ("id"));

-- AddForeignKey
ALTER TABLE "Book" ADD CONSTRAINT "Book_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Author"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION shim_check() RETURNS integer AS $$
BEGIN
  PERFORM 1;
  RETURN 42;
END;
$$ LANGUAGE plpgsql;
`;
const BROKEN = '29990101000000_broken';

/** A temporary project; `prisma/config` cannot be imported from outside the repository, so the config is a plain object. */
function makeProject() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lodestone-shim-test-'));
  mkdirSync(path.join(dir, 'prisma/migrations', INIT), { recursive: true });
  writeFileSync(
    path.join(dir, 'prisma.config.ts'),
    "export default { schema: 'prisma/schema.prisma', migrations: { path: 'prisma/migrations' }, datasource: { url: process.env.DATABASE_URL } };\n",
  );
  writeFileSync(path.join(dir, 'prisma/schema.prisma'), SCHEMA);
  writeFileSync(path.join(dir, 'prisma/migrations/migration_lock.toml'), 'provider = "postgresql"\n');
  writeFileSync(path.join(dir, 'prisma/migrations', INIT, 'migration.sql'), INIT_SQL);
  return dir;
}

/** Adds a migration that fails halfway (its first statement must be rolled back with it). */
function addBrokenMigration(dir) {
  mkdirSync(path.join(dir, 'prisma/migrations', BROKEN));
  writeFileSync(
    path.join(dir, 'prisma/migrations', BROKEN, 'migration.sql'),
    'CREATE TABLE "Partial" (id int);\nSELECT * FROM no_such_table;\n',
  );
}

/** Runs the Prisma CLI in `dir`; resolves with its exit code and combined output (never rejects). */
function prisma(dir, databaseUrl, args, env = {}) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PRISMA, ...args],
      {
        cwd: dir,
        timeout: 150_000,
        maxBuffer: 16 << 20,
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PRISMA_SCHEMA_ENGINE_BINARY: SHIM,
          CHECKPOINT_DISABLE: '1',
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
          ...env,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}

/** `migrate status`, plus the engine's full diagnosis from its debug log (status does not print edited migrations). */
async function status(dir, url) {
  const result = await prisma(dir, url, ['migrate', 'status'], { DEBUG: 'prisma:migrate:status' });
  const m = /"diagnoseResult": "((?:[^"\\]|\\.)*)"/.exec(result.output);
  if (!m) throw new Error(`no diagnosis in:\n${result.output}`);
  return { ...result, diagnosis: JSON.parse(JSON.parse(`"${m[1]}"`)) };
}

describe('schema-engine shim on PostgreSQL', () => {
  const server = {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
  };
  const database = `lodestone_shim_${process.pid}_${Date.now().toString(36)}`;
  const url = `postgresql://${server.user}@${server.host}:${server.port}/${database}`;
  const admin = async (sql, db = 'postgres') => {
    const client = new pg.Client({ ...server, database: db });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let dir;

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${database}"`).catch((e) => {
      throw new Error(
        `PostgreSQL at ${server.host}:${server.port} is needed (start it: pg_ctlcluster --skip-systemctl-redirect 15 main start): ${e.message}`,
      );
    });
    dir = makeProject();
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('migrate deploy applies the migrations (including a $$ function body), then status is clean', async () => {
    const deploy = await prisma(dir, url, ['migrate', 'deploy']);
    expect(deploy.output).toContain('All migrations have been successfully applied');
    expect(deploy.code).toBe(0);
    expect((await admin('SELECT shim_check() AS v', database)).rows[0].v).toBe(42);

    const st = await status(dir, url);
    expect(st.output).toContain('Database schema is up to date!');
    expect(st.code).toBe(0);
  });

  test('migrate diff prints the script (the engine asks the CLI to print it)', async () => {
    const diff = await prisma(dir, url, [
      'migrate',
      'diff',
      '--from-empty',
      '--to-schema',
      'prisma/schema.prisma',
      '--script',
    ]);
    expect(diff.code).toBe(0);
    expect(diff.output).toMatch(/CREATE TABLE "Author"[\s\S]*CREATE TABLE "Book"/);
  });

  test('migrate dev --create-only writes a new migration folder (through a temporary shadow database)', async () => {
    const shadowDbs = async () =>
      (await admin("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'")).rows.map((r) => r.datname);
    const before = await shadowDbs();
    writeFileSync(
      path.join(dir, 'prisma/schema.prisma'),
      SCHEMA.replace('  title    String\n', '  title    String\n  pages    Int    @default(0)\n'),
    );
    const dev = await prisma(dir, url, ['migrate', 'dev', '--name', 'add_pages', '--create-only']);
    expect(dev.code).toBe(0);
    const created = readdirSync(path.join(dir, 'prisma/migrations')).find((n) => n.endsWith('_add_pages'));
    expect(created).toBeDefined();
    expect(readFileSync(path.join(dir, 'prisma/migrations', created, 'migration.sql'), 'utf8')).toMatch(
      /ALTER TABLE "Book" ADD COLUMN\s+"pages" INTEGER NOT NULL DEFAULT 0/,
    );
    expect((await shadowDbs()).filter((n) => !before.includes(n))).toEqual([]); // the shadow database was dropped

    const st = await status(dir, url);
    expect(st.code).toBe(1);
    expect(st.output).toMatch(new RegExp(`not yet been applied:\\s+${created}`));
  });

  test('status detects an applied migration whose file was edited (checksum changed)', async () => {
    appendFileSync(path.join(dir, 'prisma/migrations', INIT, 'migration.sql'), '\n-- edited after it was applied\n');
    expect((await status(dir, url)).diagnosis.editedMigrationNames).toEqual([INIT]);
  });

  test('a failing migration exits non-zero, is rolled back and is reported as failed', async () => {
    addBrokenMigration(dir);
    const deploy = await prisma(dir, url, ['migrate', 'deploy']);
    expect(deploy.code).not.toBe(0);
    expect(deploy.output).toContain('no_such_table');
    expect((await admin(`SELECT to_regclass('"Partial"') AS t`, database)).rows[0].t).toBeNull();

    const st = await status(dir, url);
    expect(st.code).toBe(1);
    expect(st.output).toMatch(new RegExp(`have failed:\\s+${BROKEN}`));
    expect(st.diagnosis.failedMigrationNames).toEqual([BROKEN]);
  });
});

describe('schema-engine shim on PGlite', () => {
  let dir;
  const url = 'pglite://./.data/db'; // relative to the project directory (the CLI's working directory)
  beforeAll(() => {
    dir = makeProject();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('migrate deploy creates the database directory and applies the migrations, then status is clean', async () => {
    const deploy = await prisma(dir, url, ['migrate', 'deploy']);
    expect(deploy.output).toContain('All migrations have been successfully applied');
    expect(deploy.code).toBe(0);
    expect(existsSync(path.join(dir, '.data/db/PG_VERSION'))).toBe(true);

    const st = await status(dir, url);
    expect(st.output).toContain('Database schema is up to date!');
    expect(st.code).toBe(0);
  });

  test('a failing migration is recorded as failed, not as applied', async () => {
    addBrokenMigration(dir);
    const deploy = await prisma(dir, url, ['migrate', 'deploy']);
    expect(deploy.code).not.toBe(0);
    expect(deploy.output).toContain('no_such_table');

    const st = await status(dir, url);
    expect(st.code).toBe(1);
    expect(st.output).toMatch(new RegExp(`have failed:\\s+${BROKEN}`));
    expect(st.diagnosis.failedMigrationNames).toEqual([BROKEN]);
  });
});
