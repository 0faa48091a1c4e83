import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { PrismaService } from '../../database/prisma.service.js';
import { jlMagLicence, magnetMaker, no18 } from '../../testing/fixtures.js';
import { createTestApp } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';

describe('ingestion input: externalId and bodies that are not objects', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory' });
    await app.get(TenantsService).provision(magnetMaker('input'));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('" U-14 " is the same event as "U-14": stored trimmed, the repeat is 200 created false', async () => {
    const first = await http()
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: ' U-14 ' })
      .expect(201);
    const again = await http()
      .post('/v1/policy-changes')
      .send({ ...no18, externalId: 'U-14' })
      .expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, created: false, differs: [] });
    const stored = await app.get(PrismaService).db.policyChange.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(stored.externalId).toBe('U-14');
  });

  it('a permit event externalId is trimmed too; a blank one is 400 naming externalId', async () => {
    const first = await http()
      .post('/v1/permit-events')
      .send({ ...jlMagLicence, externalId: '\tP-7 \n' })
      .expect(201);
    await http()
      .post('/v1/permit-events')
      .send({ ...jlMagLicence, externalId: 'P-7' })
      .expect(200);
    const stored = await app.get(PrismaService).db.permitEvent.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(stored.externalId).toBe('P-7');
    const blank = await http()
      .post('/v1/permit-events')
      .send({ ...jlMagLicence, externalId: '   ' })
      .expect(400);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toContain('externalId');
  });

  it.each([
    ['null', 'null'],
    ['a string', '"U-14"'],
    ['a number', '42'],
    ['an array', '[]'],
  ])('a JSON body that is %s is 400 "body must be a JSON object"', async (_what, raw) => {
    for (const path of ['/v1/policy-changes', '/v1/permit-events']) {
      const res = await http().post(path).set('content-type', 'application/json').send(raw).expect(400);
      expect(res.body.message).toBe('body must be a JSON object');
    }
  });

  it('malformed JSON is still 400 "not valid JSON"', async () => {
    const res = await http()
      .post('/v1/policy-changes')
      .set('content-type', 'application/json')
      .send('{"source": mofcom}')
      .expect(400);
    expect(res.body.message).toMatch(/not valid JSON/);
  });
});
