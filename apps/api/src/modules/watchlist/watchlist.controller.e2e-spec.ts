import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { CreateWatchDto } from './watchlist.dto.js';

describe('duplicate watches', () => {
  let app: INestApplication;
  let token: string;
  let tenantId: string;
  const http = () => request(app.getHttpServer());
  const post = (body: CreateWatchDto) => http().post('/v1/watchlist').auth(token, { type: 'bearer' }).send(body);
  const csv = (text: string, query = '') =>
    http()
      .post(`/v1/watchlist/import${query}`)
      .auth(token, { type: 'bearer' })
      .set('content-type', 'text/csv')
      .send(text);
  const count = () => app.get(PrismaService).db.watchlistItem.count({ where: { tenantId } });

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    // magnetMaker watches Dy and HS 2846.
    tenantId = (await app.get(TenantsService).provision(magnetMaker('dupes'))).id;
    const passwordHash = await app.get(PasswordHasher).hash('admin-password-123');
    await app.get(PrismaService).db.user.updateMany({ where: { tenantId }, data: { passwordHash } });
    token = (await http().post('/v1/auth/login').send({ email: 'admin@dupes.example', password: 'admin-password-123' }))
      .body.accessToken;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a repeat POST is 409 naming the existing id; the entry code is compared as matching reads it', async () => {
    const first = await post({ kind: 'CONTROL_ENTRY', controlEntry: '1C902.a' }).expect(201);
    const again = await post({ kind: 'CONTROL_ENTRY', controlEntry: '1C902.A', note: 'again' }).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, existingId: first.body.id });
    expect(again.body.message).toContain(first.body.id);
    // Another jurisdiction is another watch.
    await post({ kind: 'CONTROL_ENTRY', controlEntry: '1C902.a', jurisdiction: 'CN' }).expect(201);
    const dy = (await http().get('/v1/watchlist').auth(token, { type: 'bearer' })).body.items.find(
      (w: { elementSymbol: string | null }) => w.elementSymbol === 'Dy',
    );
    expect((await post({ kind: 'ELEMENT', elementSymbol: 'Dy' }).expect(409)).body.existingId).toBe(dy.id);
  });

  it('PATCHing a jurisdiction that makes it another watch is 409', async () => {
    const cn = await post({ kind: 'ELEMENT', elementSymbol: 'Tb', jurisdiction: 'CN' }).expect(201);
    const any = await post({ kind: 'ELEMENT', elementSymbol: 'Tb' }).expect(201);
    const res = await http()
      .patch(`/v1/watchlist/${any.body.id}`)
      .auth(token, { type: 'bearer' })
      .send({ jurisdiction: 'CN' })
      .expect(409);
    expect(res.body.existingId).toBe(cn.body.id);
    await http()
      .patch(`/v1/watchlist/${any.body.id}`)
      .auth(token, { type: 'bearer' })
      .send({ jurisdiction: 'US', note: 'US only' })
      .expect(200);
  });

  it('an import reports duplicates per row (in the file and against stored watches) and skips them, dry run too', async () => {
    const before = await count();
    const file = 'kind,elementSymbol,hsPrefix\nELEMENT,Gd,\nELEMENT,Dy,\nELEMENT,Gd,\nHS_CODE,,2846\nHS_CODE,,850511\n';
    const dry = await csv(file, '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ rows: 5, imported: 0, skipped: 3 });
    // Duplicates are not errors: each is listed with skipped: true, and in `duplicates` with what it repeats.
    expect(dry.body.errors.filter((e: { skipped?: boolean }) => !e.skipped)).toEqual([]);
    const dyId = (
      await app.get(PrismaService).db.watchlistItem.findFirstOrThrow({ where: { tenantId, elementSymbol: 'Dy' } })
    ).id;
    const hsId = (
      await app.get(PrismaService).db.watchlistItem.findFirstOrThrow({ where: { tenantId, hsPrefix: '2846' } })
    ).id;
    const expected = [
      { line: 3, duplicateOfId: dyId },
      { line: 4, duplicateOfLine: 2 },
      { line: 5, duplicateOfId: hsId },
    ];
    expect(dry.body.duplicates).toEqual(expected);
    expect(await count()).toBe(before);

    const real = await csv(file).expect(200);
    expect(real.body).toMatchObject({ rows: 5, imported: 2, skipped: 3, duplicates: expected });
    expect(await count()).toBe(before + 2);
    // The same file again: every row is a duplicate, nothing is stored.
    const again = await csv(file).expect(200);
    expect(again.body.imported).toBe(0);
    expect(again.body.duplicates).toHaveLength(5);
    expect(await count()).toBe(before + 2);
  });
});
