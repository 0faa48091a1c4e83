import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, ENGINES, type TestDatabase } from '../testing/databases.js';
import { openDatabase, type DatabaseConnection } from './connection.js';
import { migrationsDir } from './repo-files.js';
import { crossTenant } from './tenant-scope.js';

const MIGRATION = '20261204100000_unique_watches';
const T1 = '00000000-0000-7000-8000-000000000001';
const T2 = '00000000-0000-7000-8000-000000000002';
const id = (n: number) => `00000000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

/** A stored reason on a watch, as matching writes it. */
const reason = (watchId: string, label: string, text: string) => ({
  via: 'ELEMENT_NAMED',
  subject: { type: 'WATCH', watchId, label },
  matched: { field: 'elements', value: 'Dy' },
  element: 'Dy',
  text,
});

describe.each(ENGINES)(`migration ${MIGRATION} on %s`, (engine) => {
  let testDb: TestDatabase;
  let conn: DatabaseConnection;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    conn = await openDatabase(testDb.target);
  });
  afterAll(async () => {
    await conn?.close();
    await testDb?.drop();
  });

  it('merges duplicate watches into the oldest, repoints and dedupes alert reasons, then refuses new duplicates', async () => {
    // The database as it was before the migration.
    const before = mkdtempSync(join(tmpdir(), 'lodestone-migrations-'));
    for (const name of readdirSync(migrationsDir()).filter((n) => /^\d{14}_/.test(n) && n < MIGRATION))
      cpSync(join(migrationsDir(), name), join(before, name), { recursive: true });
    await conn.migrate(before);

    const sql = (q: string, ...params: unknown[]) => conn.prisma.$executeRawUnsafe(q, ...params);
    for (const t of [T1, T2])
      await sql(
        `INSERT INTO "Tenant" (id, slug, name, "updatedAt") VALUES ($1::uuid, $2, $2, now())`,
        t,
        `t-${t.slice(-1)}`,
      );
    const watch = (
      n: number,
      tenant: string,
      kind: string,
      col: string,
      value: string,
      at: string,
      jur: string | null,
    ) =>
      sql(
        `INSERT INTO "WatchlistItem" (id, "tenantId", kind, "${col}", jurisdiction, "createdAt") VALUES ($1::uuid, $2::uuid, $3::"WatchKind", $4, $5, $6::timestamptz)`,
        id(n),
        tenant,
        kind,
        value,
        jur,
        at,
      );
    await watch(1, T1, 'ELEMENT', 'elementSymbol', 'Dy', '2026-01-02T00:00:00Z', null); // kept (oldest)
    await watch(2, T1, 'ELEMENT', 'elementSymbol', 'Dy', '2026-01-03T00:00:00Z', null); // merged into 1
    await watch(3, T1, 'ELEMENT', 'elementSymbol', 'Dy', '2026-01-01T12:00:00Z', 'CN'); // other jurisdiction: kept
    await watch(4, T1, 'HS_CODE', 'hsPrefix', '850511', '2026-01-05T00:00:00Z', null); // merged into 5
    await watch(5, T1, 'HS_CODE', 'hsPrefix', '850511', '2026-01-04T00:00:00Z', null); // kept (oldest)
    await watch(6, T2, 'ELEMENT', 'elementSymbol', 'Dy', '2026-01-09T00:00:00Z', null); // other tenant: kept
    const text = 'Your watch on dysprosium (Dy) matched';
    const reasons = [
      reason(id(2), 'dysprosium (Dy)', text),
      reason(id(1), 'dysprosium (Dy)', text),
      reason(id(3), 'dysprosium (Dy)', 'Your watch on dysprosium (Dy) in CN matched'),
      reason(id(2), 'dysprosium (Dy)', text),
    ];
    await sql(
      `INSERT INTO "Alert" (id, "tenantId", severity, title, reasons, "dedupeKey") VALUES ($1::uuid, $2::uuid, 'HIGH', 'x', $3::jsonb, 'k1')`,
      id(50),
      T1,
      JSON.stringify(reasons),
    );

    const report = await conn.migrate();
    expect(report.applied).toContain(MIGRATION);

    const rows = await crossTenant('test', () =>
      conn.prisma.watchlistItem.findMany({ orderBy: { id: 'asc' }, select: { id: true, watchKey: true } }),
    );
    expect(rows).toEqual([
      { id: id(1), watchKey: 'ELEMENT:Dy:' },
      { id: id(3), watchKey: 'ELEMENT:Dy:CN' },
      { id: id(5), watchKey: 'HS_CODE:850511:' },
      { id: id(6), watchKey: 'ELEMENT:Dy:' },
    ]);
    const alert = await crossTenant('test', () => conn.prisma.alert.findFirstOrThrow({ where: { id: id(50) } }));
    expect(alert.reasons).toEqual([reasons[1], reasons[2]]);

    await expect(watch(7, T1, 'ELEMENT', 'elementSymbol', 'Dy', '2026-02-01T00:00:00Z', null)).rejects.toThrow();
  });
});
