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
        LOGIN_MAX_FAILURES: '3',
        LOGIN_LOCKOUT_SECONDS: '600',
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

    // Logout clears it.
    const out = await http().post('/v1/auth/logout').auth(refreshed.body.accessToken, { type: 'bearer' }).expect(204);
    expect(cookieOf(out)).toMatch(/^lodestone_refresh=;/);
    await http().post('/v1/auth/refresh').set('X-Refresh-Transport', 'cookie').set('Cookie', next).send({}).expect(401);
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

  it('locks an account after LOGIN_MAX_FAILURES failures (429 with Retry-After, even with the right password), until the lockout ends', async () => {
    const t = await app.get(TenantsService).provision(magnetMaker('lockout'));
    const prisma = app.get(PrismaService);
    const passwordHash = await app.get(PasswordHasher).hash('buyer-password-123');
    await prisma.db.user.updateMany({
      where: { tenantId: t.id, email: 'buyer@lockout.example' },
      data: { passwordHash },
    });
    const buyer = { email: 'buyer@lockout.example', password: 'buyer-password-123' };
    await login(buyer).expect(200);
    for (let i = 0; i < 3; i++) await login({ ...buyer, password: 'nope-nope-nope' }).expect(401);
    const locked = await login(buyer).expect(429);
    expect(locked.headers['retry-after']).toBe('600');
    clock.advance(601 * 1000);
    const ok = await login(buyer).expect(200);
    expect(ok.body.user).toMatchObject({ role: 'BUYER', tenantId: t.id });
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

  it('answers 429 with Retry-After past LOGIN_RATE_LIMIT_PER_MINUTE attempts', async () => {
    const body = { email: 'someone@lodestone.test', password: 'whatever-password' };
    for (let i = 0; i < 3; i++) await request(app.getHttpServer()).post('/v1/auth/login').send(body).expect(401);
    const res = await request(app.getHttpServer()).post('/v1/auth/login').send(body).expect(429);
    expect(res.headers['retry-after']).toBe('60');
  });
});
