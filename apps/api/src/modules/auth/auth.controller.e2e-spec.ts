import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { LoginDto } from './dto/auth.dto.js';
import { PasswordHasher } from './password-hasher.js';

const ADMIN = { email: 'root@lodestone.test', password: 'first-admin-password-1' };

describe('sign-in, tokens and the global guard', () => {
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp(
      {
        DATABASE_URL: 'pglite://memory',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        ADMIN_NAME: 'Root Admin',
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      },
      clock,
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  const login = (body: LoginDto) =>
    http()
      .post('/v1/auth/login')
      .send(body satisfies LoginDto);

  it('creates the first platform admin from ADMIN_EMAIL / ADMIN_PASSWORD, who can sign in', async () => {
    const res = await login(ADMIN).expect(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      user: { email: ADMIN.email, name: 'Root Admin', role: 'PLATFORM_ADMIN', tenantId: null },
    });
    expect(res.body.accessToken).toMatch(/^lsa_/);
    expect(res.body.refreshToken).toMatch(/^lsr_/);
    expect(res.body.accessTokenExpiresAt).toBe('2026-03-02T09:15:00.000Z');
    const me = await http().get('/v1/auth/me').auth(res.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body).toMatchObject({ kind: 'user', role: 'PLATFORM_ADMIN', tenantId: null, userId: res.body.user.id });
  });

  it('stores an argon2id hash, never the password', async () => {
    const user = await app
      .get(PrismaService)
      .db.user.findFirstOrThrow({ where: { email: ADMIN.email, tenantId: { equals: null } } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain(ADMIN.password);
  });

  it('refuses routes without a token, with a malformed or unknown token (401)', async () => {
    await http().get('/v1/auth/me').expect(401);
    await http().get('/v1/auth/me').set('authorization', 'Basic abc').expect(401);
    await http().get('/v1/auth/me').auth('lsa_notatoken', { type: 'bearer' }).expect(401);
    await http().get('/v1/auth/me').auth('lst_notatoken', { type: 'bearer' }).expect(401);
  });

  it('keeps health, reference data and docs public', async () => {
    await http().get('/health').expect(200);
    await http().get('/v1/elements').expect(200);
    await http().get('/docs-json').expect(200);
  });

  it('gives one 401 message for an unknown email and a wrong password', async () => {
    const unknown = await login({ email: 'nobody@lodestone.test', password: 'whatever-password' }).expect(401);
    const wrong = await login({ email: ADMIN.email, password: 'wrong-password-123' }).expect(401);
    expect(unknown.body.message).toBe('Invalid email or password');
    expect(wrong.body.message).toBe(unknown.body.message);
    await login(ADMIN).expect(200); // success resets the failure count
  });

  it('access tokens expire; refresh rotates both tokens and the old refresh token stops working', async () => {
    const first = (await login(ADMIN).expect(200)).body;
    clock.advance(16 * 60 * 1000);
    await http().get('/v1/auth/me').auth(first.accessToken, { type: 'bearer' }).expect(401);
    const second = (await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await http().get('/v1/auth/me').auth(second.accessToken, { type: 'bearer' }).expect(200);
    await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: 'lsr_bogus' }).expect(401);
  });

  it('records when a session was last used: on sign-in use at most once a minute, and on refresh', async () => {
    const pair = (await login(ADMIN).expect(200)).body;
    const me = (await http().get('/v1/auth/me').auth(pair.accessToken, { type: 'bearer' }).expect(200)).body;
    const lastUsed = async () =>
      (await app.get(PrismaService).db.session.findUniqueOrThrow({ where: { id: me.sessionId } })).lastUsedAt;
    const t0 = clock.now();
    expect(await lastUsed()).toEqual(t0);
    clock.advance(30_000); // within the minute: no write
    await http().get('/v1/auth/me').auth(pair.accessToken, { type: 'bearer' }).expect(200);
    expect(await lastUsed()).toEqual(t0);
    clock.advance(30_000);
    await http().get('/v1/auth/me').auth(pair.accessToken, { type: 'bearer' }).expect(200);
    expect(await lastUsed()).toEqual(clock.now());
    clock.advance(5_000);
    await http().post('/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(200);
    expect(await lastUsed()).toEqual(clock.now());
  });

  it('reusing a rotated refresh token revokes the whole family: the thief and the owner are both signed out', async () => {
    const first = (await login(ADMIN).expect(200)).body;
    // The owner refreshes; an attacker holding a copy of the first refresh token tries it afterwards.
    const second = (await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    await http().get('/v1/auth/me').auth(second.accessToken, { type: 'bearer' }).expect(200);
    await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    // Every token of the family is dead now, including the newest pair.
    await http().get('/v1/auth/me').auth(second.accessToken, { type: 'bearer' }).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    // Other sessions of the same user are other families: untouched.
    const other = (await login(ADMIN).expect(200)).body;
    await http().post('/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('logout revokes the session: access and refresh tokens stop working', async () => {
    const pair = (await login(ADMIN).expect(200)).body;
    await http().post('/v1/auth/logout').auth(pair.accessToken, { type: 'bearer' }).expect(204);
    await http().get('/v1/auth/me').auth(pair.accessToken, { type: 'bearer' }).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
  });

  it('cookie transport (web console): the refresh token only in an httpOnly SameSite=Strict cookie scoped to /v1/auth, rotated through it', async () => {
    const cookieOf = (res: request.Response) => {
      const raw = ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('lodestone_refresh='));
      expect(raw).toBeDefined();
      return raw!;
    };
    const res = await http().post('/v1/auth/login').set('X-Refresh-Transport', 'cookie').send(ADMIN).expect(200);
    expect(res.body.refreshToken).toBeUndefined();
    expect(res.body.accessToken).toMatch(/^lsa_/);
    const set = cookieOf(res);
    expect(set).toMatch(/^lodestone_refresh=lsr_[\w-]+; Path=\/v1\/auth; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const cookie = set.split(';')[0]!;

    // Refresh reads the cookie (only with the header) and rotates it; the old cookie value stops working.
    await http().post('/v1/auth/refresh').set('Cookie', cookie).send({}).expect(400);
    const refreshed = await http()
      .post('/v1/auth/refresh')
      .set('X-Refresh-Transport', 'cookie')
      .set('Cookie', cookie)
      .send({})
      .expect(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    const next = cookieOf(refreshed).split(';')[0]!;
    expect(next).not.toBe(cookie);
    await http().get('/v1/auth/me').auth(refreshed.body.accessToken, { type: 'bearer' }).expect(200);
    const reused = await http()
      .post('/v1/auth/refresh')
      .set('X-Refresh-Transport', 'cookie')
      .set('Cookie', cookie)
      .send({})
      .expect(401);
    expect(cookieOf(reused)).toMatch(/^lodestone_refresh=; Path=\/v1\/auth; Expires=Thu, 01 Jan 1970/);

    // Reusing the rotated cookie revoked the whole token family: the newest tokens are dead too.
    await http().get('/v1/auth/me').auth(refreshed.body.accessToken, { type: 'bearer' }).expect(401);
    await http().post('/v1/auth/refresh').set('X-Refresh-Transport', 'cookie').set('Cookie', next).send({}).expect(401);

    // Logout clears it.
    const again = await http().post('/v1/auth/login').set('X-Refresh-Transport', 'cookie').send(ADMIN).expect(200);
    const fresh = cookieOf(again).split(';')[0]!;
    const out = await http().post('/v1/auth/logout').auth(again.body.accessToken, { type: 'bearer' }).expect(204);
    expect(cookieOf(out)).toMatch(/^lodestone_refresh=;/);
    await http()
      .post('/v1/auth/refresh')
      .set('X-Refresh-Transport', 'cookie')
      .set('Cookie', fresh)
      .send({})
      .expect(401);
  });

  it('validates the login body, naming each bad field and rejecting unknown ones', async () => {
    const res = await http()
      .post('/v1/auth/login')
      .send({ email: 'not-an-email', password: '', remember: true })
      .expect(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'email',
      'password',
      'remember',
    ]);
  });

  it('a suspended tenant or a deactivated user can neither sign in nor use an open session', async () => {
    const t = await app.get(TenantsService).provision(magnetMaker('suspendme'));
    const prisma = app.get(PrismaService);
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await prisma.db.user.updateMany({ where: { tenantId: t.id }, data: { passwordHash } });
    const buyer = { email: 'buyer@suspendme.example', password: 'buyer-password-123' };
    const admin = { email: 'admin@suspendme.example', password: 'buyer-password-123' };
    const buyerPair = (await login(buyer).expect(200)).body;
    const adminPair = (await login(admin).expect(200)).body;
    await prisma.db.user.updateMany({ where: { tenantId: t.id, email: buyer.email }, data: { active: false } });
    await http().get('/v1/auth/me').auth(buyerPair.accessToken, { type: 'bearer' }).expect(401);
    await login(buyer).expect(401);
    await http().get('/v1/auth/me').auth(adminPair.accessToken, { type: 'bearer' }).expect(200);
    await prisma.db.tenant.update({ where: { id: t.id }, data: { status: 'SUSPENDED' } });
    await http().get('/v1/auth/me').auth(adminPair.accessToken, { type: 'bearer' }).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: adminPair.refreshToken }).expect(401);
    await login(admin).expect(401);
  });
});

describe('login throttling per (email, client address) pair, with growing delays (TRUST_PROXY on)', () => {
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  let app: INestApplication;
  const buyer = { email: 'buyer@throttle.example', password: 'buyer-password-123' };
  const attempt = (body: LoginDto, from: string) =>
    request(app.getHttpServer())
      .post('/v1/auth/login')
      .set('x-forwarded-for', from)
      .send(body satisfies LoginDto);
  const wrong = (email: string) => ({ email, password: 'nope-nope-nope' });

  beforeAll(async () => {
    app = await createTestApp(
      {
        DATABASE_URL: 'pglite://memory',
        TRUST_PROXY: 'true',
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        LOGIN_MAX_FAILURES: '3',
        LOGIN_DELAY_BASE_SECONDS: '2',
        LOGIN_MAX_DELAY_SECONDS: '5',
      },
      clock,
    );
    const t = await app.get(TenantsService).provision(magnetMaker('throttle'));
    const passwordHash = await app.get(PasswordHasher).hash(buyer.password);
    await app
      .get(PrismaService)
      .db.user.updateMany({ where: { tenantId: t.id, email: buyer.email }, data: { passwordHash } });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** Status, Retry-After and message of each attempt. */
  async function run(body: LoginDto, from: string, n: number) {
    const out: [number, string | undefined, string][] = [];
    for (let i = 0; i < n; i++) {
      const res = await attempt(body, from);
      out.push([res.status, res.headers['retry-after'], res.body.message]);
    }
    return out;
  }

  it('answers a known and an unknown email identically: 401s, then 429 with Retry-After, never "account locked"', async () => {
    const known = await run(wrong(buyer.email), '203.0.113.1', 5);
    const unknown = await run(wrong('nobody@throttle.example'), '203.0.113.1', 5);
    expect(unknown).toEqual(known);
    expect(known.map(([status, retry]) => [status, retry])).toEqual([
      [401, undefined],
      [401, undefined],
      [401, undefined],
      [401, undefined], // the 4th failure (LOGIN_MAX_FAILURES + 1) delays the next attempt by 2 s
      [429, '2'],
    ]);
    expect(JSON.stringify(known)).not.toMatch(/locked/i);
  });

  it('delays grow (2 s, 4 s, then capped at LOGIN_MAX_DELAY_SECONDS) and apply even to the right password', async () => {
    const from = '203.0.113.2';
    await run(wrong(buyer.email), from, 4);
    expect((await attempt(buyer, from).expect(429)).headers['retry-after']).toBe('2');
    clock.advance(2000);
    await attempt(wrong(buyer.email), from).expect(401);
    expect((await attempt(buyer, from).expect(429)).headers['retry-after']).toBe('4');
    clock.advance(4000);
    await attempt(wrong(buyer.email), from).expect(401);
    expect((await attempt(buyer, from).expect(429)).headers['retry-after']).toBe('5');
    clock.advance(5000);
    await attempt(buyer, from).expect(200); // success ends the streak
    await run(wrong(buyer.email), from, 3);
    await attempt(buyer, from).expect(200);
  });

  it("a stranger's failures from another address never keep the owner out", async () => {
    await run(wrong(buyer.email), '198.51.100.66', 8);
    await attempt(buyer, '198.51.100.66').expect(429);
    await attempt(buyer, '203.0.113.3').expect(200);
  });

  it('keeps the state in the database (LoginThrottle), not in the process', async () => {
    const rows = await app.get(PrismaService).db.loginThrottle.findMany({ where: { key: { startsWith: 'pair:' } } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^pair:[0-9a-f]{64}$/.test(r.key))).toBe(true); // no email or address in clear
  });
});

describe('login rate limit per client address', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(
      { DATABASE_URL: 'pglite://memory', LOGIN_RATE_LIMIT_PER_MINUTE: '3' },
      new FakeClock(new Date('2026-03-02T09:00:00Z')),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 with Retry-After past LOGIN_RATE_LIMIT_PER_MINUTE attempts; without TRUST_PROXY a forged X-Forwarded-For does not help', async () => {
    const attempt = (i: number) =>
      request(app.getHttpServer())
        .post('/v1/auth/login')
        .set('x-forwarded-for', `192.0.2.${i}`)
        .send({ email: `someone${i}@lodestone.test`, password: 'whatever-password' });
    for (let i = 0; i < 3; i++) await attempt(i).expect(401);
    const res = await attempt(3).expect(429);
    expect(res.headers['retry-after']).toBe('60');
  });
});
