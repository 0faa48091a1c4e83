import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../../testing/test-app.js';
import { SourcesService } from './sources.service.js';
import { filePayload } from './testing.js';

const ADMIN = { email: 'root@lodestone.test', password: 'first-admin-password-1' };

describe('GET /v1/sources', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SOURCE_FEDERAL_REGISTER_ENABLED: 'true',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows platform admins every source with its last run and error; needs a token', async () => {
    await app.get(SourcesService).replay('federal-register', filePayload('{"results": [ {"document_number": "2025-0'));
    await http().get('/v1/sources').expect(401);
    const token = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;
    const res = await http().get('/v1/sources').auth(token, { type: 'bearer' }).expect(200);
    expect(res.body.map((s: { name: string }) => s.name)).toEqual(['federal-register', 'mofcom', 'news', 'us-csl']);
    expect(res.body[0]).toMatchObject({
      name: 'federal-register',
      kind: 'FEDERAL_REGISTER',
      enabled: true,
      intervalMinutes: 360,
      lastSuccessAt: null,
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/^federal-register: Federal Register payload is not valid JSON/),
      running: false,
    });
    expect(res.body[0].lastAttemptAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
