import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DeliveryWorker } from '../mail/delivery-worker.js';
import { SmtpSink } from '../testing/smtp-sink.js';
import { createTestApp } from '../testing/test-app.js';
import { LOG_DESTINATION, REDACTED, redactSecrets } from './logging.js';

const ADMIN = { email: 'root@lodestone.test', password: 'platform-admin-password' };

describe('no token reaches a log line in clear (issue 10.12)', () => {
  const smtp = new SmtpSink();
  const lines: string[] = [];
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    app = await createTestApp(
      {
        DATABASE_URL: 'pglite://memory',
        SMTP_URL: smtpUrl,
        LOG_LEVEL: 'debug',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        PUBLIC_URL: 'https://lodestone.test',
      },
      undefined,
      [[LOG_DESTINATION, { write: (line: string) => lines.push(line) }]],
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  it('logs requests that carried access, refresh, API and link tokens without any of them', async () => {
    const seen: string[] = [];
    const session = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body;
    seen.push(session.accessToken, session.refreshToken);
    await http().get('/v1/auth/me').auth(session.accessToken, { type: 'bearer' }).expect(200);
    // A cookie transport of the refresh token (the web console's) and a token in a path are censored too.
    await http().get('/v1/auth/me').set('cookie', `lodestone_refresh=${session.refreshToken}`).expect(401);
    await http().get(`/v1/nothing/${session.refreshToken}`).expect(404);
    const rotated = (await http().post('/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200))
      .body;
    seen.push(rotated.accessToken, rotated.refreshToken);
    // Reuse: logged as a warning (the token family revoked), without the token.
    await http().post('/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    const root = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;

    // An emailed link: the invitation of a new tenant's admin, opened (GET, as a mail client would) and accepted.
    await http()
      .post('/v1/tenants')
      .auth(root, { type: 'bearer' })
      .send({ slug: 'logs', name: 'Logs GmbH', admin: { email: 'admin@logs.example', name: 'Logs Admin' } })
      .expect(201);
    await app.get(DeliveryWorker).drain();
    const mail = smtp.messages.find((m) => m.envelopeTo.includes('admin@logs.example'));
    const link = /https:\/\/lodestone\.test(\/\S*token=(lsl_[A-Za-z0-9_-]+))/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    const [, path, linkToken] = link!;
    seen.push(linkToken!);
    await http().get(path!);
    const admin = (
      await http().post('/v1/auth/invitations/accept').send({ token: linkToken, password: 'tenant-admin-password' })
    ).body;
    expect(admin.accessToken).toMatch(/^lsa_/);

    // An API token, created and used.
    const apiToken = (
      await http()
        .post('/v1/api-tokens')
        .auth(admin.accessToken, { type: 'bearer' })
        .send({ name: 'ERP', role: 'TENANT_ADMIN' })
        .expect(201)
    ).body.token as string;
    seen.push(apiToken);
    await http().get('/v1/watchlist').auth(apiToken, { type: 'bearer' }).expect(200);

    const log = lines.join('');
    expect(log).toContain('/v1/auth/me'); // the requests were logged...
    expect(log).toContain('refresh token reuse detected');
    expect(log).toContain(REDACTED); // ...with their credentials censored
    for (const token of seen) expect(log).not.toContain(token.slice(4));
    for (const prefix of ['lsa_', 'lsr_', 'lst_', 'lsl_']) expect(log).not.toContain(prefix);
  });
});

describe('redactSecrets', () => {
  it('removes Lodestone tokens anywhere and the values of token query parameters', () => {
    expect(redactSecrets('GET /v1/x?a=1&token=eyJhbGciOi.sig&b=2 Bearer lst_abc-DEF_9')).toBe(
      `GET /v1/x?a=1&token=${REDACTED}&b=2 Bearer ${REDACTED}`,
    );
    expect(redactSecrets('/v1/auth/invitations/accept?token=lsl_Zz')).toBe(
      `/v1/auth/invitations/accept?token=${REDACTED}`,
    );
    expect(redactSecrets('lodestone_refresh=lsr_q1; other=lsa_')).toBe(
      `lodestone_refresh=${REDACTED}; other=${REDACTED}`,
    );
    expect(redactSecrets('false positives: else_x, sls_x')).toBe('false positives: else_x, sls_x');
  });
});
