import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { DeliveryWorker } from '../../mail/delivery-worker.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { SmtpSink } from '../../testing/smtp-sink.js';
import { createTestApp } from '../../testing/test-app.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TenantsService } from '../tenants/tenants.service.js';
import type { InviteUserDto } from './users.dto.js';

const PASSWORD = 'tenant-user-password';

describe('invitations: re-sending, and addresses of other tenants (issue 10.10)', () => {
  // An hour ahead of real time: the outbox sends rows whose database-stamped due time is before this clock.
  const clock = new FakeClock(new Date(Date.now() + 3600_000));
  const smtp = new SmtpSink();
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const tenants: Record<string, { id: string; admin: string }> = {};

  async function linkToken(to: string): Promise<string> {
    await app.get(DeliveryWorker).drain();
    const mail = [...smtp.messages].reverse().find((m) => m.envelopeTo.includes(to));
    const token = /token=(lsl_[A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no invitation link to ${to}`);
    return token;
  }
  const mailsTo = (to: string) => smtp.messages.filter((m) => m.envelopeTo.includes(to)).length;
  const invite = (slug: string, body: InviteUserDto) =>
    http()
      .post('/v1/users/invitations')
      .auth(tenants[slug]!.admin, { type: 'bearer' })
      .send(body satisfies InviteUserDto);
  const accept = (token: string) => http().post('/v1/auth/invitations/accept').send({ token, password: PASSWORD });

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    app = await createTestApp(
      {
        DATABASE_URL: 'pglite://memory',
        SMTP_URL: smtpUrl,
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
        ACCESS_TOKEN_TTL_SECONDS: String(30 * 86400), // the admins' sessions outlive the 73 h the clock jumps
      },
      clock,
    );
    const passwordHash = await app.get(PasswordHasher).hash(PASSWORD);
    for (const slug of ['alpha', 'bravo']) {
      const t = await app.get(TenantsService).provision(magnetMaker(slug));
      await app.get(PrismaService).db.user.updateMany({ where: { tenantId: t.id }, data: { passwordHash } });
      const login = await http()
        .post('/v1/auth/login')
        .send({ email: `admin@${slug}.example`, password: PASSWORD });
      tenants[slug] = { id: t.id, admin: login.body.accessToken };
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('a tenant admin re-sends an expired invitation: new link and email, old links dead, audited; not after acceptance', async () => {
    const invited = (await invite('alpha', { email: 'late@alpha.example', name: 'Late', role: 'BUYER' }).expect(201))
      .body;
    const first = await linkToken('late@alpha.example');
    clock.advance(73 * 3600 * 1000); // past INVITATION_TTL_SECONDS (72 h)
    await accept(first).expect(410);

    const resend = () =>
      http().post(`/v1/users/${invited.user.id}/invitation`).auth(tenants.alpha!.admin, { type: 'bearer' });
    const again = (await resend().expect(201)).body;
    expect(again.user).toMatchObject({ id: invited.user.id, email: 'late@alpha.example' });
    expect(again.invitationExpiresAt).toBe(new Date(clock.now().getTime() + 72 * 3600 * 1000).toISOString());
    const second = await linkToken('late@alpha.example');
    expect(second).not.toBe(first);
    expect(mailsTo('late@alpha.example')).toBe(2);

    // Re-sending again retires the still valid second link.
    await resend().expect(201);
    const third = await linkToken('late@alpha.example');
    await accept(second).expect(410);
    await accept(third).expect(200);

    const conflict = (await resend().expect(409)).body;
    expect(conflict.errors).toEqual([{ field: 'id', messages: ['user has already accepted the invitation'] }]);
    const audit = await http().get('/v1/audit-log').auth(tenants.alpha!.admin, { type: 'bearer' }).expect(200);
    const actions = (audit.body.items ?? audit.body).map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'user.invite.resend')).toHaveLength(2);
    // Another tenant's admin cannot re-send it (nor learn it exists).
    await http()
      .post(`/v1/users/${invited.user.id}/invitation`)
      .auth(tenants.bravo!.admin, { type: 'bearer' })
      .expect(404);
  });

  it("inviting another tenant's address answers exactly like a fresh invitation, without touching or emailing that account", async () => {
    const fresh = (await invite('bravo', { email: 'new@bravo.example', name: 'New', role: 'BUYER' }).expect(201)).body;
    const before = mailsTo('buyer@alpha.example');
    const foreign = await invite('bravo', { email: 'Buyer@Alpha.example', name: 'Mei', role: 'BUYER' });
    expect(foreign.status).toBe(201);
    expect(Object.keys(foreign.body).sort()).toEqual(Object.keys(fresh).sort());
    expect(Object.keys(foreign.body.user).sort()).toEqual(Object.keys(fresh.user).sort());
    expect(foreign.body.user).toMatchObject({
      tenantId: tenants.bravo!.id,
      email: 'buyer@alpha.example',
      active: true,
    });
    expect(foreign.body.user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(foreign.body.invitationExpiresAt).toBe(fresh.invitationExpiresAt);

    await app.get(DeliveryWorker).drain();
    expect(mailsTo('buyer@alpha.example')).toBe(before);
    const db = app.get(PrismaService).db;
    const holder = await crossTenant('test', () => db.user.findFirst({ where: { email: 'buyer@alpha.example' } }));
    expect(holder).toMatchObject({ tenantId: tenants.alpha!.id, role: 'BUYER', active: true });
    const platformAudit = await crossTenant('test', () =>
      db.auditLog.findMany({ where: { tenantId: { equals: null }, action: 'user.invite.foreign-address' } }),
    );
    expect(platformAudit).toEqual([expect.objectContaining({ targetId: holder!.id })]);

    // Inside one's own tenant a taken address is still a 409 naming the field.
    const own = await invite('alpha', { email: 'buyer@alpha.example', name: 'Mei', role: 'BUYER' }).expect(409);
    expect(own.body.errors).toEqual([{ field: 'email', messages: ['email is already in use'] }]);
  });
});
