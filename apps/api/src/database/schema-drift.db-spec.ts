import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { repoRoot } from './repo-files.js';

const run = promisify(execFile);

// The migrations must produce exactly prisma/schema.prisma: a schema edit without its migration (or a hand-edited
// migration) fails here. Uses the real Prisma CLI through the WASM schema engine (packages/prisma-wasm-engine), with a
// PostgreSQL shadow database.
describe('schema and migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(() => db?.drop());

  it('prisma migrate diff from the migrations to the schema is empty', async () => {
    const root = repoRoot();
    const result = await run(
      process.execPath,
      [
        join(root, 'node_modules/prisma/build/index.js'),
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema',
        'prisma/schema.prisma',
        '--exit-code',
      ],
      { cwd: root, env: { ...process.env, DATABASE_URL: db.url, CHECKPOINT_DISABLE: '1' }, timeout: 120_000 },
    ).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({
        code: e.code ?? -1,
        out: `${e.stdout}${e.stderr}`,
      }),
    );
    // exit 0: no difference; 2: the schema differs from the migrations (the output says how).
    expect({ code: result.code, out: result.code === 0 ? '' : result.out }).toEqual({ code: 0, out: '' });
  }, 150_000);
});
