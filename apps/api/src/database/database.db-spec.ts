import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, ENGINES, type TestDatabase } from '../testing/databases.js';
import { openDatabase, type DatabaseConnection } from './connection.js';
import { MigrationError } from './migrator.js';
import { seedReference } from './reference-seed.js';
import { migrationsDir } from './repo-files.js';
import { crossTenant, tenantScopeExtension, TenantScopeViolation } from './tenant-scope.js';

describe.each(ENGINES)('database on %s', (engine) => {
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

  it('applies every migration once and records it as Prisma does', async () => {
    const first = await conn.migrate();
    const names = readdirSync(migrationsDir())
      .filter((n) => /^\d{14}_/.test(n))
      .sort();
    expect(first.applied).toEqual(names);
    const second = await conn.migrate();
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    const rows = await conn.prisma.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: Date | null }[]
    >('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    const expected = names.map((n) =>
      createHash('sha256')
        .update(readFileSync(join(migrationsDir(), n, 'migration.sql')))
        .digest('hex'),
    );
    expect(rows.map((r) => r.checksum)).toEqual(expected);
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-migrations-'));
    cpSync(migrationsDir(), dir, { recursive: true });
    const first = readdirSync(dir)
      .filter((n) => /^\d{14}_/.test(n))
      .sort()[0]!;
    writeFileSync(
      join(dir, first, 'migration.sql'),
      readFileSync(join(dir, first, 'migration.sql'), 'utf8') + '\n-- edited\n',
    );
    await expect(conn.migrate(dir)).rejects.toThrow(MigrationError);
    await expect(conn.migrate(dir)).rejects.toThrow(/modified after it was applied/);
  });

  it('rolls back a failing migration and records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-migrations-'));
    cpSync(migrationsDir(), dir, { recursive: true });
    const bad = join(dir, '29991231000000_broken');
    cpSync(join(dir, readdirSync(dir).filter((n) => /^\d{14}_/.test(n))[0]!), bad, { recursive: true });
    writeFileSync(
      join(bad, 'migration.sql'),
      'CREATE TABLE "ShouldNotExist" (id int);\nSELECT * FROM "NoSuchTable";\n',
    );
    await expect(conn.migrate(dir)).rejects.toThrow(/29991231000000_broken failed/);
    const tables = await conn.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'ShouldNotExist'`,
    );
    expect(tables[0]!.n).toBe(0);
    const recorded = await conn.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`,
    );
    expect(recorded[0]!.n).toBe(0);
  });

  it('seeds the reference data idempotently, keeping uncertainty marks', async () => {
    const counts = await seedReference(conn.prisma);
    await seedReference(conn.prisma);
    expect(await conn.prisma.element.count()).toBe(counts.elements);
    expect(counts.elements).toBeGreaterThanOrEqual(26); // 17 rare earths + Ga, Ge, Sb, W, Te, Bi, Mo, In, graphite
    const dyMetal = await conn.prisma.controlListEntry.findUniqueOrThrow({
      where: { announcementId_itemKey: { announcementId: 'MOFCOM-GAC-2025-18', itemKey: '1C905.a.1' } },
    });
    expect(dyMetal).toMatchObject({ elementSymbol: 'Dy', customsCodes: ['2805301200'] });
    expect(dyMetal.confidence).toMatch(/medium/);
    const yb = await conn.prisma.controlListEntry.findFirstOrThrow({ where: { elementSymbol: 'Yb' } });
    expect(yb.confidence).toMatch(/inferred/i);
    // items without an entry code (2023 No. 23) keep their number as key, and the unfound GeCl4 code stays a note
    const geCl4 = await conn.prisma.controlListEntry.findUniqueOrThrow({
      where: { announcementId_itemKey: { announcementId: 'MOFCOM-GAC-2023-23', itemKey: 'Ge.6' } },
    });
    expect(geCl4).toMatchObject({ entryCode: null, customsCodes: [] });
    expect(geCl4.customsCodesNote).toMatch(/NOT FOUND/);
    const ndfeb = await conn.prisma.materialForm.findUniqueOrThrow({ where: { code: 'NDFEB_MAGNET' } });
    expect(ndfeb).toMatchObject({ elements: ['Nd'], additiveElements: ['Dy', 'Tb'], hsCodes: ['8505111000'] });
    const targets = await conn.prisma.hsCode.findUniqueOrThrow({
      where: { jurisdiction_code: { jurisdiction: 'CN', code: '3824999922' } },
    });
    expect(targets.elementSymbols).toEqual(['Dy', 'Gd', 'Lu', 'Sc', 'Sm', 'Tb', 'Y']);
    const dy = await conn.prisma.element.findUniqueOrThrow({ where: { symbol: 'Dy' } });
    expect(dy).toMatchObject({
      nameZh: '镝',
      nameZhHant: '鏑',
      casRn: '7429-91-6',
      isRareEarth: true,
      groupCn: 'heavy',
    });
  });

  it('refuses tenant-data queries that do not name the tenant, and scopes those that do', async () => {
    const db = conn.prisma.$extends(tenantScopeExtension);
    const a = await db.tenant.create({ data: { slug: `a-${engine}`, name: 'A' } });
    const b = await db.tenant.create({ data: { slug: `b-${engine}`, name: 'B' } });
    await db.supplier.create({ data: { tenantId: a.id, legalNameEn: 'Supplier of A' } });
    await db.supplier.create({ data: { tenantId: b.id, legalNameEn: 'Supplier of B' } });

    await expect(db.supplier.findMany()).rejects.toThrow(TenantScopeViolation);
    await expect(db.supplier.count({ where: { legalNameEn: 'Supplier of B' } })).rejects.toThrow(TenantScopeViolation);
    await expect(db.supplier.create({ data: { legalNameEn: 'orphan' } as never })).rejects.toThrow(
      TenantScopeViolation,
    );
    await expect(db.supplier.deleteMany({})).rejects.toThrow(TenantScopeViolation);

    const ofA = await db.supplier.findMany({ where: { tenantId: a.id } });
    expect(ofA.map((s) => s.legalNameEn)).toEqual(['Supplier of A']);
    // A's id cannot read B's row, even by B's row id.
    const bRow = await crossTenant('test', () =>
      db.supplier.findFirstOrThrow({ where: { legalNameEn: 'Supplier of B' } }),
    );
    expect(await db.supplier.findFirst({ where: { id: bRow.id, tenantId: a.id } })).toBeNull();
    expect(await crossTenant('test', () => db.supplier.count())).toBe(2);
    // Outside the block the rule applies again.
    await expect(db.supplier.findMany()).rejects.toThrow(TenantScopeViolation);
  });
});

describe('PostgreSQL connection pool', () => {
  it('survives the server ending an idle connection (restart, failover): no crash, the next query reconnects', async () => {
    const testDb = await createTestDatabase('postgres');
    const conn = await openDatabase(testDb.target);
    try {
      expect(await conn.prisma.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      // End every other session on this database from outside, as a server restart would.
      // The pool reports (logs) the idle client it lost; awaiting that report is awaiting the client's removal.
      const lost = new Promise<void>((resolve) => {
        jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
          if (String(message).startsWith('idle PostgreSQL connection lost')) resolve();
        });
      });
      const killer = await openDatabase(testDb.target);
      const killed = await killer.prisma.$queryRawUnsafe<{ n: bigint }[]>(
        'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await killer.close();
      expect(Number(killed[0]!.n)).toBeGreaterThan(0);
      await lost;
      expect(await conn.prisma.$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      jest.restoreAllMocks();
      await conn.close();
      await testDb.drop();
    }
  });
});
