import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { FakeClock } from '../../../common/clock.js';
import { PrismaService } from '../../../database/prisma.service.js';
import { no18 } from '../../../testing/fixtures.js';
import { createTestApp } from '../../../testing/test-app.js';
import { SIGNATURE_HEADER, signPartnerPayload, TIMESTAMP_HEADER } from './partner-signature.guard.js';

const SECRET = 'acme-webhook-secret-0123456789';

describe('partner webhook and Idempotency-Key over HTTP', () => {
  const clock = new FakeClock(new Date('2025-11-07T10:00:00Z'));
  const now = () => Math.floor(clock.now().getTime() / 1000);
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory', PARTNER_WEBHOOK_SECRETS: `acme=${SECRET}` }, clock);
  });
  afterAll(async () => {
    await app?.close();
  });

  const push = (body: string, headers: Record<string, string> = {}, ts = now(), secret = SECRET) =>
    request(app.getHttpServer())
      .post('/v1/partners/acme/events')
      .set('content-type', 'application/json')
      .set(TIMESTAMP_HEADER, String(ts))
      .set(SIGNATURE_HEADER, signPartnerPayload(secret, ts, body))
      .set(headers)
      .send(body);

  const event = (externalId: string) => JSON.stringify({ policyChanges: [{ ...no18, source: 'mofcom', externalId }] });

  it('accepts a signed push, stores it under the partner source and keeps the raw payload', async () => {
    const body = event('acme-1');
    const res = await push(body).expect(200);
    expect(res.body).toMatchObject({ source: 'partner-acme', outcome: 'ok', itemsSeen: 1, itemsNew: 1, errors: [] });
    const prisma = app.get(PrismaService);
    expect(await prisma.db.policyChange.count({ where: { source: 'partner-acme', externalId: 'acme-1' } })).toBe(1);
    expect(await prisma.db.policyChange.count({ where: { source: 'mofcom' } })).toBe(0); // a partner cannot write as mofcom
    expect((await prisma.db.sourcePayload.findFirstOrThrow({ where: { sourceName: 'partner-acme' } })).body).toBe(body);
  });

  it('refuses a wrong signature, a timestamp outside the replay window, and an unknown partner', async () => {
    const body = event('acme-2');
    expect((await push(body, {}, now(), 'not-the-secret-000000000').expect(401)).body.message).toMatch(
      /does not match/,
    );
    expect((await push(body, {}, now() - 301).expect(401)).body.message).toMatch(/outside the replay window/);
    await push(body, {}, now() - 299).expect(200);
    await request(app.getHttpServer()).post('/v1/partners/nobody/events').send(body).expect(404);
  });

  it('names bad items and keeps the good ones; an unusable body is 422', async () => {
    const body = JSON.stringify({
      policyChanges: [
        { ...no18, externalId: 'acme-3' },
        { ...no18, externalId: 'acme-4', action: 'BANNED' },
      ],
    });
    const res = await push(body).expect(200);
    expect(res.body).toMatchObject({ itemsSeen: 2, itemsNew: 1 });
    expect(res.body.errors[0]).toMatchObject({
      item: 'policyChanges[1] (acme-4)',
      message: expect.stringMatching(/^policyChanges\[1\]\.action: action must be one of/),
    });
    expect((await push('[1,2]').expect(422)).body).toMatchObject({
      outcome: 'failed',
      error: expect.stringMatching(/must be an object/),
    });
  });

  describe('Idempotency-Key', () => {
    it('the same key and body return the first response (status included); another body is 422', async () => {
      const first = await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .set('Idempotency-Key', 'k-1')
        .send({ ...no18, externalId: 'idem-1' })
        .expect(201);
      const again = await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .set('Idempotency-Key', 'k-1')
        .send({ ...no18, externalId: 'idem-1' })
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      // The same JSON value serialised another way (keys reversed, spaced) is the same request, not a 422.
      const reordered = JSON.stringify(
        Object.fromEntries(Object.entries({ ...no18, externalId: 'idem-1' }).reverse()),
        null,
        2,
      );
      const replay = await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .set('Idempotency-Key', 'k-1')
        .set('content-type', 'application/json')
        .send(reordered)
        .expect(201);
      expect(replay.body).toEqual(first.body);
      // Without the key the same event is a 200 "already stored": the 201 above really was replayed.
      await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .send({ ...no18, externalId: 'idem-1' })
        .expect(200);
      const other = await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .set('Idempotency-Key', 'k-1')
        .send({ ...no18, externalId: 'idem-2' })
        .expect(422);
      expect(other.body.message).toMatch(/different request body/);
    });

    it('a duplicate while the first is in flight is 409; a failed request releases its key; a dead claim is taken over', async () => {
      await request(app.getHttpServer()).post('/v1/permit-events').set('Idempotency-Key', 'bad').send({}).expect(400);
      await request(app.getHttpServer()).post('/v1/permit-events').set('Idempotency-Key', 'bad').send({}).expect(400); // released: not 409
      const body = { ...no18, externalId: 'idem-3' };
      await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .set('Idempotency-Key', 'k-3')
        .send(body)
        .expect(201);
      // As if another process had claimed the key and were still working on it.
      await app
        .get(PrismaService)
        .db.idempotencyKey.updateMany({ where: { key: 'k-3' }, data: { state: 'IN_FLIGHT', status: null } });
      const res = await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .set('Idempotency-Key', 'k-3')
        .send(body)
        .expect(409);
      expect(res.body.message).toMatch(/still being processed/);
      clock.advance(6 * 60_000); // that process died: after 5 minutes the claim is taken over and the request processed
      await request(app.getHttpServer())
        .post('/v1/policy-changes')
        .set('Idempotency-Key', 'k-3')
        .send(body)
        .expect(200);
    });

    it('works on the partner webhook too', async () => {
      const body = event('acme-9');
      await push(body, { 'Idempotency-Key': 'p-1' }).expect(200);
      const again = await push(body, { 'Idempotency-Key': 'p-1' }).expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.itemsNew).toBe(1);
    });
  });
});
