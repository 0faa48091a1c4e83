import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../../testing/test-app.js';
import { jlMagLicence, no18 } from '../../testing/fixtures.js';

const ADMIN = { email: 'root@lodestone.test', password: 'first-admin-password-1' };

interface Tag {
  kind: string;
  value: string;
  field: 'title' | 'summary' | 'body';
  start: number;
  end: number;
  text: string;
  excluded: boolean;
  compound: string | null;
}

describe('GET /v1/events/:id', () => {
  let app: INestApplication;
  let root: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    root = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('returns the stored text and its tags with spans, exclusions and compound-only elements marked', async () => {
    const body =
      'Licences are needed for terbium oxide (HS 2846.90) and bismuth germanate crystals, excluding dysprosium metal; 镝金属除外。';
    const { id } = (
      await http()
        .post('/v1/policy-changes')
        .send({ ...no18, externalId: 'text-tags-1', body })
        .expect(201)
    ).body;
    await http().get(`/v1/events/${id}`).expect(401);
    const res = await http().get(`/v1/events/${id}`).auth(root, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({
      id,
      type: 'POLICY_CHANGE',
      source: 'mofcom',
      externalId: 'text-tags-1',
      reference: no18.reference,
      text: { title: no18.title, summary: no18.summary, body },
    });
    const tags = res.body.textTags as Tag[];
    // Every span is the text it names, in the field it names.
    for (const t of tags) expect(res.body.text[t.field].slice(t.start, t.end)).toBe(t.text);
    const of = (kind: string, value: string, field = 'body') =>
      tags.filter((t) => t.kind === kind && t.value === value && t.field === field);
    expect(of('ELEMENT', 'Tb')[0]).toMatchObject({ text: 'terbium', excluded: false, compound: null });
    expect(of('HS_CODE', '284690')[0]).toMatchObject({ text: '2846.90', excluded: false });
    expect(of('ELEMENT_IN_COMPOUND', 'Ge')[0]).toMatchObject({ text: 'germanate', compound: 'germanate' });
    expect(of('ELEMENT', 'Dy').map((t) => [t.text, t.excluded])).toEqual([
      ['dysprosium', true],
      ['镝', true],
    ]);
    // Title and summary tags come first, body tags last, each by start.
    const fields = tags.map((t) => t.field);
    expect(fields.indexOf('body')).toBeGreaterThan(fields.lastIndexOf('title'));
  });

  it('serves permit events too; 404 for an unknown id, 400 naming a malformed one', async () => {
    const { id } = (await http().post('/v1/permit-events').send(jlMagLicence).expect(201)).body;
    const res = await http().get(`/v1/events/${id}`).auth(root, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({ type: 'PERMIT_EVENT', reference: null, text: { body: null } });
    await http().get('/v1/events/00000000-0000-4000-8000-000000000000').auth(root, { type: 'bearer' }).expect(404);
    const bad = await http().get('/v1/events/nope').auth(root, { type: 'bearer' }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/uuid/i);
  });
});
