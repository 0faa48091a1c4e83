import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { WatchExpansionView } from './watchlist-expansion.service.js';

describe('GET /v1/watchlist/expansion', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const tenants = app.get(TenantsService);
    const prisma = app.get(PrismaService);
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    const a = await tenants.provision({
      ...magnetMaker('exp-a'),
      watches: [
        { kind: 'ELEMENT', elementSymbol: 'Tb' },
        { kind: 'HS_CODE', hsPrefix: '850511' },
      ],
    });
    const b = await tenants.provision({ ...magnetMaker('exp-b'), watches: [{ kind: 'ELEMENT', elementSymbol: 'Ga' }] });
    for (const t of [a, b]) await prisma.db.user.updateMany({ where: { tenantId: t.id }, data: { passwordHash } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const tokenOf = async (email: string) =>
    (await http().post('/v1/auth/login').send({ email, password: 'buyer-password-123' }).expect(200)).body
      .accessToken as string;

  it("shows a buyer what the tenant's watches expand to, and why", async () => {
    const res = await http()
      .get('/v1/watchlist/expansion')
      .auth(await tokenOf('buyer@exp-a.example'), { type: 'bearer' })
      .expect(200);
    const body = (res.body as { items: WatchExpansionView[] }).items;
    expect(body.map((w) => w.label)).toEqual(['terbium (Tb)', 'HS 8505.11']);
    expect(res.body.nextCursor).toBeNull();
    const tb = body[0]!;
    expect(tb.expandsTo).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'REFERENCE_ITEM',
          value: 'MOFCOM-GAC-2025-18|1C904.a.4',
          path: 'ENTRY_OF_ELEMENT',
        }),
        expect.objectContaining({ kind: 'HS_CODE', value: '2805301300', path: 'CODE_TIED_TO_ELEMENT' }),
      ]),
    );
    expect(tb.notUsed).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'HS_CODE', value: '3824999922' })]),
    );
    const hs = body[1]!;
    const magnet = hs.expandsTo.find((k) => k.value === 'MOFCOM-GAC-2025-18|1C904.a.4')!;
    expect(magnet.path).toBe('ENTRY_FORM_UNDER_HS');
    expect(magnet.reason).toMatch(/NdFeB.*falls under 8505\.11\.1000/);
  });

  it('pages the expansion with a cursor (limit 1-100) and names a bad limit or cursor', async () => {
    const token = await tokenOf('buyer@exp-a.example');
    const page = (q: string) => http().get(`/v1/watchlist/expansion?${q}`).auth(token, { type: 'bearer' });
    const first = (await page('limit=1').expect(200)).body;
    expect(first.items.map((w: WatchExpansionView) => w.label)).toEqual(['terbium (Tb)']);
    const second = (await page(`limit=1&cursor=${first.nextCursor}`).expect(200)).body;
    expect(second.items.map((w: WatchExpansionView) => w.label)).toEqual(['HS 8505.11']);
    expect(second.nextCursor).toBeNull();
    const bad = async (q: string, field: string) =>
      expect((await page(q).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    await bad('limit=101', 'limit');
    await bad('limit=0', 'limit');
    await bad('cursor=nope', 'cursor');
  });

  it('keeps tenants apart and needs a signed-in tenant user', async () => {
    const res = await http()
      .get('/v1/watchlist/expansion')
      .auth(await tokenOf('admin@exp-b.example'), { type: 'bearer' })
      .expect(200);
    expect((res.body.items as WatchExpansionView[]).map((w) => w.label)).toEqual(['gallium (Ga)']);
    await http().get('/v1/watchlist/expansion').expect(401);
  });
});
