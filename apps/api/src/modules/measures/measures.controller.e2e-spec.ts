import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { SourcesService } from '../sources/sources.service.js';
import { filePayload, fixture } from '../sources/testing.js';
import { TenantsService } from '../tenants/tenants.service.js';

const ADMIN = { email: 'root@lodestone.test', password: 'first-admin-password-1' };

describe('GET /v1/measures, GET /v1/measures/:key', () => {
  let app: INestApplication;
  let buyer: string;
  let root: string;
  const http = () => request(app.getHttpServer());
  const get = (path: string, token = buyer) => http().get(path).auth(token, { type: 'bearer' });

  // Before MOFCOM/GAC 2025 No. 70's suspension ends (2026-11-10).
  const clock = new FakeClock(new Date('2026-03-01T09:00:00Z'));

  beforeAll(async () => {
    app = await createTestApp(
      {
        DATABASE_URL: 'pglite://memory',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      },
      clock,
    );
    const tenant = (await app.get(TenantsService).provision(magnetMaker('alpha'))).id;
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await app
      .get(PrismaService)
      .db.user.updateMany({ where: { tenantId: tenant, email: 'buyer@alpha.example' }, data: { passwordHash } });
    buyer = (
      await http()
        .post('/v1/auth/login')
        .send({ email: 'buyer@alpha.example', password: 'buyer-password-123' })
        .expect(200)
    ).body.accessToken;
    root = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;
    // Real announcements (shared/data/cn/announcements_index.json), real FR documents and a news feed built from
    // shared/data/news/events_2025.json, through the sources as they arrive in production.
    const sources = app.get(SourcesService);
    await sources.replay('mofcom', filePayload(fixture('mofcom/fixtures/announcements_index.json')));
    await sources.replay('federal-register', filePayload(fixture('federal-register/federal_register_examples.json')));
    await sources.replay('news', filePayload(fixture('news/fixtures/rare-earth-policy.atom.xml'), 'application/xml'));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('needs a signed-in user (401 without a token); any role may read: global data', async () => {
    await http().get('/v1/measures').expect(401);
    await http().get('/v1/measures/MOFCOM-GAC-2025-57').expect(401);
    const asBuyer = await get('/v1/measures?limit=200').expect(200);
    const asRoot = await get('/v1/measures?limit=200', root).expect(200);
    expect(asBuyer.body).toEqual(asRoot.body);
    expect(asBuyer.body.items.map((m: { key: string }) => m.key)).toEqual(
      expect.arrayContaining(['MOFCOM-GAC-2025-18', 'MOFCOM-GAC-2025-70', 'FR-2025-19001']),
    );
  });

  it('filters by status and by element, pages with a cursor', async () => {
    const suspended = await get('/v1/measures?status=SUSPENDED&limit=200').expect(200);
    expect(suspended.body.items.length).toBeGreaterThan(0);
    expect(suspended.body.items.every((m: { status: string }) => m.status === 'SUSPENDED')).toBe(true);
    const dy = await get('/v1/measures?element=Dy').expect(200);
    expect(dy.body.items.map((m: { key: string }) => m.key)).toContain('MOFCOM-GAC-2025-18');
    expect(dy.body.items.every((m: { elements: string[] }) => m.elements.includes('Dy'))).toBe(true);

    const all = (await get('/v1/measures?limit=200').expect(200)).body.items.map((m: { key: string }) => m.key);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await get(
        `/v1/measures?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ).expect(200);
      paged.push(...res.body.items.map((m: { key: string }) => m.key));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
  });

  it('names each bad query field (400)', async () => {
    const fields = async (query: string) =>
      ((await get(`/v1/measures?${query}`).expect(400)).body.errors as { field: string }[]).map((e) => e.field);
    expect(await fields('status=ACTIVE')).toEqual(['status']);
    expect(await fields('element=Xx')).toEqual(['element']);
    expect(await fields('element=dysprosium')).toEqual(['element']);
    expect(await fields('limit=0')).toEqual(['limit']);
    expect(await fields('cursor=not-a-cursor')).toEqual(['cursor']);
    expect(await fields('colour=red')).toEqual(['colour']);
  });

  it('shows a measure with its status timeline and the events behind it, from every source', async () => {
    const res = await get('/v1/measures/MOFCOM-GAC-2025-70').expect(200);
    expect(res.body).toMatchObject({ key: 'MOFCOM-GAC-2025-70', status: 'IN_FORCE' });
    expect(
      res.body.timeline.map(
        (s: { role: string; official: boolean; statusAfter: string; event: { source: string } }) => [
          s.event.source,
          s.role,
          s.official,
          s.statusAfter,
        ],
      ),
    ).toEqual([
      ['mofcom', 'SELF', true, 'IN_FORCE'],
      ['news', 'CITES', false, 'IN_FORCE'], // a news report about No. 70: on the timeline, never moving the status
    ]);
    expect(res.body.timeline[0]).toMatchObject({
      action: 'SUSPENDED',
      occurredOn: '2025-11-07',
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      event: { externalId: 'MOFCOM-GAC-2025-70', jurisdiction: 'CN', official: true, publishedOn: '2025-11-07' },
    });
    const no57 = await get('/v1/measures/MOFCOM-GAC-2025-57').expect(200);
    expect(no57.body.status).toBe('SUSPENDED');
    expect(
      no57.body.timeline.map((s: { event: { externalId: string }; statusAfter: string }) => [
        s.event.externalId,
        s.statusAfter,
      ]),
    ).toEqual([
      ['MOFCOM-GAC-2025-57', 'IN_FORCE'],
      ['MOFCOM-GAC-2025-70', 'SUSPENDED'],
    ]);
    const fr = await get('/v1/measures/FR-2025-19001').expect(200);
    expect(fr.body.timeline[0].event).toMatchObject({
      source: 'federal-register',
      externalId: '2025-19001',
      effectiveDate: '2025-09-29',
      publishedOn: '2025-09-30',
    });
    expect(no57.body).toMatchObject({ until: '2026-11-10', known: true, unknown: [] });
    await get('/v1/measures/MOFCOM-GAC-2099-1').expect(404);
  });

  it('a suspension reaching its end date: the measure is back in force and the suspension expired, on read', async () => {
    clock.set(new Date('2026-11-10T00:30:00Z'));
    const earlier = buyer;
    try {
      // Sessions signed in months ago have expired: sign in again on the day.
      buyer = (
        await http()
          .post('/v1/auth/login')
          .send({ email: 'buyer@alpha.example', password: 'buyer-password-123' })
          .expect(200)
      ).body.accessToken;
      expect((await get('/v1/measures/MOFCOM-GAC-2025-57').expect(200)).body).toMatchObject({
        status: 'IN_FORCE',
        until: null,
      });
      expect((await get('/v1/measures/MOFCOM-GAC-2025-70').expect(200)).body.status).toBe('EXPIRED');
      const suspended = await get('/v1/measures?status=SUSPENDED&limit=200').expect(200);
      expect(suspended.body.items.map((m: { key: string }) => m.key)).not.toContain('MOFCOM-GAC-2025-57');
      const no57 = await get('/v1/measures/MOFCOM-GAC-2025-57').expect(200);
      expect(no57.body.timeline.at(-1)).toMatchObject({
        role: 'LAPSE',
        statusAfter: 'IN_FORCE',
        occurredOn: '2026-11-10',
      });
    } finally {
      clock.set(new Date('2026-03-01T09:00:00Z'));
      buyer = earlier;
    }
  });
});
