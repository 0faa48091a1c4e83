import type { INestApplication } from '@nestjs/common';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { ImportJobView } from './imports.service.js';

/** `n` rows, HS prefixes from 10,000,000 + `offset` (unique per row), every 1,000th row an unknown element. */
function watchlistCsv(n: number, offset = 0): string {
  const lines = ['kind,elementSymbol,hsPrefix,jurisdiction,note'];
  for (let i = 0; i < n; i++) {
    if (i % 1000 === 999) lines.push(`ELEMENT,Xx,,,row ${i}`);
    // Watches are unique per tenant (a repeat is skipped as a duplicate): one HS prefix per row.
    else if (i % 2) lines.push(`HS_CODE,,${10_000_000 + offset + i},CN,row ${i}`);
    else lines.push(`HS_CODE,,${10_000_000 + offset + i},,row ${i}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('CSV imports as jobs (GET /v1/imports/:id), the 20 MB limit, paginated lists', () => {
  let app: INestApplication;
  let admin: string;
  let tenantId: string;
  const http = () => request(app.getHttpServer());
  const auth = () => ({ authorization: `Bearer ${admin}` });

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const { id } = await app.get(TenantsService).provision({ ...magnetMaker('imports'), watches: [], suppliers: [] });
    tenantId = id;
    const passwordHash = await app.get(PasswordHasher).hash('admin-password-123');
    await app.get(PrismaService).db.user.updateMany({ where: { tenantId: id }, data: { passwordHash } });
    admin = (
      await http()
        .post('/v1/auth/login')
        .send({ email: 'admin@imports.example', password: 'admin-password-123' })
        .expect(200)
    ).body.accessToken;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  /** Polls the job until it ends, calling /health between polls. @returns the job and how many /health calls answered 200. */
  async function waitForJob(id: string): Promise<{ job: ImportJobView; healthy: number }> {
    let healthy = 0;
    for (let i = 0; i < 2000; i++) {
      const health = await http().get('/health');
      if (health.status === 200) healthy++;
      const job = (await http().get(`/v1/imports/${id}`).set(auth()).expect(200)).body as ImportJobView;
      if (!['QUEUED', 'RUNNING'].includes(job.status)) return { job, healthy };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`import ${id} did not finish`);
  }

  it('imports a 20,000-row watchlist file through the job endpoint while /health keeps answering', async () => {
    const csv = watchlistCsv(20_000);
    const dry = await http()
      .post('/v1/watchlist/import?dryRun=true')
      .set(auth())
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(202);
    expect(dry.headers.location).toBe(`/v1/imports/${dry.body.id}`);
    expect(dry.body).toMatchObject({ kind: 'WATCHLIST', status: 'QUEUED', dryRun: true, created: 0 });
    const dryJob = (await waitForJob(dry.body.id)).job;
    expect(dryJob).toMatchObject({ status: 'SUCCEEDED', total: 20_000, processed: 20_000, valid: 19_980, created: 0 });

    const started = await http()
      .post('/v1/watchlist/import?partial=true')
      .set(auth())
      .set('content-type', 'text/csv')
      .send(csv)
      .expect(202);
    // /health answers while the import runs.
    await http().get('/health').expect(200);
    const { job, healthy } = await waitForJob(started.body.id);
    expect(healthy).toBeGreaterThan(0);
    expect(job).toMatchObject({
      kind: 'WATCHLIST',
      status: 'SUCCEEDED',
      dryRun: false,
      partial: true,
      total: 20_000,
      processed: 20_000,
      valid: 19_980,
      created: 19_980,
      skipped: 0,
      errorCount: 20,
      lastStoredLine: 20_000, // line 20,001 (the last row) has an error
      failure: null,
    });
    expect(Date.parse(job.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(job.createdAt));
    expect(job.errors[0]).toEqual({ line: 1001, field: 'elementSymbol', reason: expect.stringContaining('Xx') });
    // Errors are paged.
    const page = (await http().get(`/v1/imports/${job.id}?errorsOffset=5&errorsLimit=10`).set(auth()).expect(200))
      .body as ImportJobView;
    expect(page.errors.map((e) => e.line)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 6) * 1000 + 1));
    expect(page.errorsNextOffset).toBe(15);
    const bad = await http().get(`/v1/imports/${job.id}?errorsLimit=1001`).set(auth()).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['errorsLimit']);
    expect(await app.get(PrismaService).db.watchlistItem.count({ where: { tenantId } })).toBe(19_980);
  }, 240_000);

  it('rejects a file with errors without partial (REJECTED, nothing stored) and imports suppliers asynchronously on request', async () => {
    const before = await app.get(PrismaService).db.watchlistItem.count({ where: { tenantId } });
    const rejected = await http()
      .post('/v1/watchlist/import')
      .set(auth())
      .set('content-type', 'text/csv')
      .set('prefer', 'respond-async')
      .send(watchlistCsv(3000, 100_000)) // other watches than the first test's: none is a duplicate
      .expect(202);
    expect((await waitForJob(rejected.body.id)).job).toMatchObject({ status: 'REJECTED', created: 0, errorCount: 3 });
    expect(await app.get(PrismaService).db.watchlistItem.count({ where: { tenantId } })).toBe(before);

    const rows = Array.from(
      { length: 2000 },
      (_, i) => `"Supplier ${String(i).padStart(4, '0')} Co., Ltd.",CN,S${i}; T${i}`,
    );
    const suppliers = await http()
      .post('/v1/suppliers/import')
      .set(auth())
      .set('content-type', 'text/csv')
      .set('prefer', 'respond-async')
      .send(`legalNameEn,country,aliases\n${rows.join('\n')}\n`)
      .expect(202);
    expect((await waitForJob(suppliers.body.id)).job).toMatchObject({
      kind: 'SUPPLIERS',
      status: 'SUCCEEDED',
      total: 2000,
      created: 2000,
      errorCount: 0,
    });
  }, 120_000);

  it('pages the watchlist and the suppliers with a cursor (limit 1-500, default 100) and names a bad limit or cursor', async () => {
    for (const path of ['/v1/watchlist', '/v1/suppliers']) {
      const first = (await http().get(path).set(auth()).expect(200)).body;
      expect(first.items).toHaveLength(100);
      const seen = new Set<string>(first.items.map((r: { id: string }) => r.id));
      let cursor: string | null = first.nextCursor;
      let pages = 1;
      while (cursor && pages < 4) {
        const page = (await http().get(`${path}?limit=500&cursor=${cursor}`).set(auth()).expect(200)).body;
        for (const r of page.items as { id: string }[]) {
          expect(seen.has(r.id)).toBe(false);
          seen.add(r.id);
        }
        cursor = page.nextCursor;
        pages++;
      }
      expect(seen.size).toBe(1600);
      for (const [q, field] of [
        ['limit=501', 'limit'],
        ['limit=0', 'limit'],
        ['cursor=not-a-cursor', 'cursor'],
      ] as const) {
        const res = await http().get(`${path}?${q}`).set(auth()).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    }
    const names = (await http().get('/v1/suppliers?limit=3').set(auth()).expect(200)).body.items.map(
      (s: { legalNameEn: string }) => s.legalNameEn,
    );
    expect(names).toEqual(['Supplier 0000 Co., Ltd.', 'Supplier 0001 Co., Ltd.', 'Supplier 0002 Co., Ltd.']);
  }, 60_000);

  it('reads a CSV body as it arrives: gzip-encoded, in another charset, and 415 for an unknown charset', async () => {
    const csv = 'legalNameEn,legalNameZh,country\n"Müller Seltene Erden GmbH",稀土有限公司,DE\n';
    const gz = await http()
      .post('/v1/suppliers/import?dryRun=true')
      .set(auth())
      .set('content-type', 'text/csv; charset=utf-8')
      .set('content-encoding', 'gzip')
      .send(gzipSync(Buffer.from(csv, 'utf8')))
      .expect(200);
    expect(gz.body).toMatchObject({ status: 'SUCCEEDED', rows: 1, valid: 1, errorCount: 0 });
    const latin1 = await http()
      .post('/v1/suppliers/import')
      .set(auth())
      .set('content-type', 'text/csv; charset=windows-1252')
      .send(Buffer.from('legalNameEn,country\nSchön Magnete GmbH,DE\n', 'latin1'))
      .expect(200);
    expect(latin1.body).toMatchObject({ status: 'SUCCEEDED', imported: 1 });
    const names = (await http().get('/v1/suppliers?limit=500').set(auth()).expect(200)).body.items.map(
      (s: { legalNameEn: string }) => s.legalNameEn,
    );
    expect(names).toContain('Schön Magnete GmbH');
    await http()
      .post('/v1/suppliers/import')
      .set(auth())
      .set('content-type', 'text/csv; charset=no-such-charset')
      .send('legalNameEn\nX\n')
      .expect(415);
  });

  it('takes a CSV file up to 20 MB and answers 413 naming the limit above it; the JSON limit stays 1 MB', async () => {
    const header = 'legalNameEn,country\n';
    const row = `"${'A'.repeat(280)} Ltd.",CN\n`;
    const big = header + row.repeat(Math.ceil((20 * 1024 * 1024 + 1000) / row.length));
    const res = await http()
      .post('/v1/suppliers/import?dryRun=true')
      .set(auth())
      .set('content-type', 'text/csv')
      .send(big);
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/20 MB/);
    // Just under 20 MB is taken; its header names an unknown column, so the dry run ends right after parsing.
    const under = `name,country\n${row.repeat(Math.floor((20 * 1024 * 1024 - 1000) / row.length))}`;
    const ok = await http()
      .post('/v1/suppliers/import?dryRun=true')
      .set(auth())
      .set('content-type', 'text/csv')
      .send(under)
      .expect(202);
    expect((await waitForJob(ok.body.id)).job).toMatchObject({
      status: 'SUCCEEDED',
      errors: [expect.objectContaining({ line: 1, field: 'name' }), expect.objectContaining({ field: 'legalNameEn' })],
    });
    const json = await http()
      .post('/v1/watchlist')
      .set(auth())
      .send({ kind: 'ELEMENT', note: 'x'.repeat(1100 * 1024) });
    expect(json.status).toBe(413);
    expect(json.body.message).toMatch(/1 MB/);
  }, 120_000);
});
