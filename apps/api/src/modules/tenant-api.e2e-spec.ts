/**
 * The tenant API end to end, and the isolation matrix: every route the Nest router serves must be classified below
 * (public, platform-only or tenant-scoped with a probe); a route that is not fails the test. Tenant-scoped routes are
 * called with a second tenant's credentials (a tenant admin's session and an API token) on the first tenant's records,
 * and must answer 404 or 403 without leaking the first tenant's data in lists, counts or emails.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { INestApplication } from '@nestjs/common';
import type { Express } from 'express';
import request from 'supertest';
import { PrismaService } from '../database/prisma.service.js';
import { uuid7 } from '../database/uuid7.js';
import { DeliveryWorker } from '../mail/delivery-worker.js';
import { jlMagLicence, no18 } from '../testing/fixtures.js';
import { SmtpSink } from '../testing/smtp-sink.js';
import { createTestApp } from '../testing/test-app.js';

const ADMIN = { email: 'root@lodestone.test', password: 'platform-admin-password' };
const PASSWORD = 'tenant-user-password';

interface TenantCtx {
  id: string;
  slug: string;
  admin: string; // session access token of the tenant admin
  adminUserId: string;
  buyer: string; // session access token of a buyer
  buyerUserId: string;
  apiToken: string; // TENANT_ADMIN API token
  apiTokenId: string;
  watchId: string;
  supplierId: string;
  alertId: string;
  importId: string; // a dry-run import job
  webhookId: string; // a webhook endpoint
  myWebhookId: string; // the tenant admin's personal endpoint
  productId: string;
  partId: string; // a part of productId, supplied by supplierId
  marker: string; // a string only this tenant's data contains
}

describe('tenant API and the isolation matrix', () => {
  const smtp = new SmtpSink();
  let app: INestApplication;
  let root: string;
  /** Id of the policy change (No. 18) every tenant may read through GET /v1/events/:id. */
  let no18Id: string;
  let no18FanoutId: string;
  let no18MatchJobId: string;
  const A = {} as TenantCtx;
  const B = {} as TenantCtx;
  const http = () => request(app.getHttpServer());
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  async function linkToken(to: string): Promise<string> {
    await app.get(DeliveryWorker).drain();
    const mail = [...smtp.messages].reverse().find((m) => m.envelopeTo.includes(to));
    if (!mail) throw new Error(`no email to ${to}`);
    const token = /token=(lsl_[A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
    if (!token) throw new Error(`no link in the email to ${to}`);
    return token;
  }

  async function setUpTenant(
    ctx: TenantCtx,
    slug: string,
    element: string,
    supplier: { legalNameEn: string; legalNameZh: string },
  ) {
    ctx.slug = slug;
    ctx.marker = supplier.legalNameEn;
    const created = await http()
      .post('/v1/tenants')
      .set(bearer(root))
      .send({ slug, name: `${slug} GmbH`, admin: { email: `admin@${slug}.example`, name: `${slug} Admin` } })
      .expect(201);
    ctx.id = created.body.tenant.id;
    ctx.adminUserId = created.body.invitation.user.id;
    const accepted = await http()
      .post('/v1/auth/invitations/accept')
      .send({ token: await linkToken(`admin@${slug}.example`), password: PASSWORD })
      .expect(200);
    ctx.admin = accepted.body.accessToken;
    const invited = await http()
      .post('/v1/users/invitations')
      .set(bearer(ctx.admin))
      .send({ email: `buyer@${slug}.example`, name: `${slug} Buyer`, role: 'BUYER' })
      .expect(201);
    ctx.buyerUserId = invited.body.user.id;
    await http()
      .post('/v1/auth/invitations/accept')
      .send({ token: await linkToken(`buyer@${slug}.example`), password: PASSWORD })
      .expect(200);
    ctx.buyer = (
      await http()
        .post('/v1/auth/login')
        .send({ email: `buyer@${slug}.example`, password: PASSWORD })
        .expect(200)
    ).body.accessToken;
    ctx.watchId = (
      await http()
        .post('/v1/watchlist')
        .set(bearer(ctx.admin))
        .send({ kind: 'ELEMENT', elementSymbol: element })
        .expect(201)
    ).body.id;
    ctx.supplierId = (await http().post('/v1/suppliers').set(bearer(ctx.admin)).send(supplier).expect(201)).body.id;
    const token = await http()
      .post('/v1/api-tokens')
      .set(bearer(ctx.admin))
      .send({ name: 'ERP', role: 'TENANT_ADMIN' })
      .expect(201);
    ctx.apiToken = token.body.token;
    ctx.apiTokenId = token.body.id;
    // An IP literal (TEST-NET-3, RFC 5737): public for the SSRF check, no DNS needed, never sent to (no worker runs).
    ctx.webhookId = (
      await http()
        .post('/v1/webhooks')
        .set(bearer(ctx.admin))
        .send({ name: `${slug} ERP`, url: `https://203.0.113.10/hooks/${slug}` })
        .expect(201)
    ).body.id;
    ctx.myWebhookId = (
      await http()
        .post('/v1/me/webhooks')
        .set(bearer(ctx.admin))
        .send({ kind: 'SLACK', name: `${slug} admin DMs`, url: `https://203.0.113.11/hooks/${slug}` })
        .expect(201)
    ).body.id;
    ctx.importId = (
      await http()
        .post('/v1/watchlist/import?dryRun=true')
        .set(bearer(ctx.admin))
        .set('content-type', 'text/csv')
        .send(`kind,elementSymbol\nELEMENT,${element}\n`)
        .expect(200)
    ).body.importId;
    ctx.productId = (
      await http()
        .post('/v1/products')
        .set(bearer(ctx.admin))
        .send({ code: `${slug}-EDU`, name: 'Drive unit' })
        .expect(201)
    ).body.id;
    ctx.partId = (
      await http()
        .post('/v1/parts')
        .set(bearer(ctx.admin))
        .send({
          partNumber: `${slug}-MAG-1`,
          hsCode: '8505111000',
          annualQuantity: 1000,
          annualSpend: '25000.00',
          currency: 'EUR',
          materials: [{ materialForm: 'NDFEB_MAGNET', elementSymbol: element, massPerUnit: 4.5, massUnit: 'G' }],
          suppliers: [{ supplierId: ctx.supplierId, shareOfVolume: 1 }],
          products: [{ productId: ctx.productId, quantityPerProduct: 2 }],
        })
        .expect(201)
    ).body.id;
  }

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    app = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      SMTP_URL: smtpUrl,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      PUBLIC_URL: 'https://lodestone.test',
    });
    root = (await http().post('/v1/auth/login').send(ADMIN).expect(200)).body.accessToken;
    await setUpTenant(A, 'alpha', 'Dy', {
      legalNameEn: 'JL MAG Rare-Earth Co., Ltd.',
      legalNameZh: '江西金力永磁科技股份有限公司',
    });
    await setUpTenant(B, 'bravo', 'Tb', { legalNameEn: 'Bravo Only Metals Ltd.', legalNameZh: '布拉沃金属有限公司' });
    const stored = (await http().post('/v1/policy-changes').send(no18).expect(201)).body; // Dy and Tb: one alert each
    no18Id = stored.id;
    no18FanoutId = stored.fanout.id;
    // Matching is not sharded here (MATCH_SHARDS=1 writes no match job): one shard's job of No. 18 as a worker under
    // MATCH_SHARDS=2 leaves it, for the matrix to read (GET /v1/match-jobs/:id).
    no18MatchJobId = uuid7();
    await app.get(PrismaService).db.matchJob.create({
      data: {
        id: no18MatchJobId,
        eventType: 'POLICY_CHANGE',
        eventId: no18Id,
        shard: 1,
        shards: 2,
        payload: {},
        status: 'DONE',
        attempts: 1,
        alerts: 0,
        finishedAt: new Date(),
      },
    });
    await http().post('/v1/permit-events').send(jlMagLicence).expect(201); // A's supplier only
    await app.get(DeliveryWorker).drain();
    const alerts = (t: TenantCtx) => http().get('/v1/alerts').set(bearer(t.admin)).expect(200);
    A.alertId = (await alerts(A)).body.items[0].id;
    B.alertId = (await alerts(B)).body.items[0].id;
    // A's impact assessment of No. 18 (a global measure): B must never see it.
    await http()
      .put('/v1/exposure/measures/MOFCOM-GAC-2025-18/impact')
      .set(bearer(A.admin))
      .send({ status: 'CONFIRMED', expectedDurationDays: 90, note: A.marker })
      .expect(200);
  }, 240_000); // two tenants set up over HTTP: about 20 argon2id hashes and 6 emails
  afterAll(async () => {
    await app?.close();
    await smtp.stop();
  });

  describe('tenants, users, watchlist, suppliers, alerts, API tokens, audit', () => {
    it('lists tenants for platform admins only', async () => {
      const res = await http().get('/v1/tenants').set(bearer(root)).expect(200);
      expect(res.body.map((t: { slug: string }) => t.slug)).toEqual(['alpha', 'bravo']);
      await http().get('/v1/tenants').set(bearer(A.admin)).expect(403);
      await http().post('/v1/tenants').set(bearer(root)).send({ slug: 'alpha', name: 'again' }).expect(409);
    });

    it('a new tenant whose admin email is taken is a 409 naming admin.email, and nothing is stored (no tenant, no user)', async () => {
      const slugs = async () =>
        (await http().get('/v1/tenants').set(bearer(root)).expect(200)).body.map((t: { slug: string }) => t.slug);
      const before = await slugs();
      const create = (slug: string, email: string) =>
        http()
          .post('/v1/tenants')
          .set(bearer(root))
          .send({ slug, name: `${slug} Co`, admin: { email, name: 'New Admin' } })
          .expect(409);
      const dup = await create('dupco', 'admin@alpha.example');
      expect(dup.body.errors).toEqual([{ field: 'admin.email', messages: ['email is already in use'] }]);
      expect(dup.body.message).toContain('admin.email');
      expect(await slugs()).toEqual(before);
      const slugTaken = await create('alpha', 'fresh@dupco.example');
      expect(slugTaken.body.errors).toEqual([{ field: 'slug', messages: ['slug is already in use'] }]);
      await http().post('/v1/auth/password-reset').send({ email: 'fresh@dupco.example' }).expect(202);
      await app.get(DeliveryWorker).drain();
      expect(smtp.messages.some((m) => m.envelopeTo.includes('fresh@dupco.example'))).toBe(false);
    });

    it('the invitation email names the inviter, the tenant and a one-time link that works once', async () => {
      const mail = smtp.messages.find((m) => m.envelopeTo.includes('buyer@alpha.example'))!;
      expect(mail.subject).toBe('alpha Admin invited you to alpha GmbH on Lodestone');
      expect(mail.text).toContain('https://lodestone.test/accept-invitation?token=lsl_');
      const token = /token=(lsl_[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
      await http().post('/v1/auth/invitations/accept').send({ token, password: PASSWORD }).expect(410);
    });

    it('validates watches against reference data and kinds, naming each field', async () => {
      const bad = await http()
        .post('/v1/watchlist')
        .set(bearer(A.admin))
        .send({ kind: 'ELEMENT', elementSymbol: 'Xx' })
        .expect(400);
      expect(bad.body.errors).toEqual([
        { field: 'elementSymbol', messages: [expect.stringContaining('GET /v1/elements')] },
      ]);
      const hs = await http()
        .post('/v1/watchlist')
        .set(bearer(A.admin))
        .send({ kind: 'HS_CODE', hsPrefix: '8505.11', colour: 'red' })
        .expect(400);
      expect(hs.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'hsPrefix']);
      const mixed = await http()
        .post('/v1/watchlist')
        .set(bearer(A.admin))
        .send({ kind: 'HS_CODE', hsPrefix: '850511', elementSymbol: 'Dy' })
        .expect(400);
      expect(mixed.body.errors.map((e: { field: string }) => e.field)).toEqual(['elementSymbol']);
      await http().post('/v1/watchlist').set(bearer(A.buyer)).send({ kind: 'HS_CODE', hsPrefix: '850511' }).expect(403);
      await http().get('/v1/watchlist').set(bearer(A.buyer)).expect(200);
    });

    it('null for a field that cannot be empty is a 400 naming it (PATCH and POST); null clears the fields that can be', async () => {
      for (const field of ['legalNameEn', 'aliases', 'tickers']) {
        const res = await http()
          .patch(`/v1/suppliers/${A.supplierId}`)
          .set(bearer(A.admin))
          .send({ [field]: null })
          .expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
      const created = await http()
        .post('/v1/suppliers')
        .set(bearer(A.admin))
        .send({ legalNameEn: 'Null Aliases Ltd', aliases: null })
        .expect(400);
      expect(created.body.errors.map((e: { field: string }) => e.field)).toEqual(['aliases']);
      const supplier = await http().get(`/v1/suppliers/${A.supplierId}`).set(bearer(A.admin)).expect(200);
      expect(supplier.body.legalNameEn).toBe('JL MAG Rare-Earth Co., Ltd.');
      const watch = await http()
        .patch(`/v1/watchlist/${A.watchId}`)
        .set(bearer(A.admin))
        .send({ jurisdiction: null, note: null })
        .expect(200);
      expect(watch.body).toMatchObject({ jurisdiction: null, note: null });
      for (const field of ['name', 'role', 'active']) {
        const res = await http()
          .patch(`/v1/users/${A.buyerUserId}`)
          .set(bearer(A.admin))
          .send({ [field]: null })
          .expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    });

    it('imports watchlist CSV: a dry run reports errors per row (line, field, reason); an invalid file stores nothing unless partial', async () => {
      const csv =
        'kind,elementSymbol,hsPrefix,controlEntry\nELEMENT,Sm,,\nELEMENT,Xx,,\nHS_CODE,,85.05,\n"CONTROL_ENTRY",,,1C903\n';
      const count = async () =>
        (await http().get('/v1/watchlist?limit=500').set(bearer(A.admin)).expect(200)).body.items.length as number;
      const start = await count();
      const dry = await http()
        .post('/v1/watchlist/import?dryRun=true')
        .set(bearer(A.admin))
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(dry.body).toMatchObject({ dryRun: true, rows: 4, valid: 2, imported: 0 });
      expect(dry.body.errors).toEqual([
        { line: 3, field: 'elementSymbol', reason: expect.stringContaining('Xx is not an element') },
        { line: 4, field: 'hsPrefix', reason: 'hsPrefix must be 2 to 10 digits (no dots or spaces)' },
      ]);
      const all = await http()
        .post('/v1/watchlist/import')
        .set(bearer(A.admin))
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(422);
      expect(all.body.errors).toHaveLength(2);
      const rejected = await http().get(`/v1/imports/${all.body.importId}`).set(bearer(A.admin)).expect(200);
      expect(rejected.body).toMatchObject({ kind: 'WATCHLIST', status: 'REJECTED', total: 4, valid: 2, created: 0 });
      expect(rejected.body.errors).toEqual(all.body.errors);
      await http().get(`/v1/imports/${all.body.importId}`).set(bearer(A.buyer)).expect(403);
      expect(await count()).toBe(start);
      const partial = await http()
        .post('/v1/watchlist/import?partial=true')
        .set(bearer(A.admin))
        .set('content-type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(partial.body).toMatchObject({ imported: 2 });
      expect(await count()).toBe(start + 2);
      const header = await http()
        .post('/v1/suppliers/import?dryRun=true')
        .set(bearer(A.admin))
        .set('content-type', 'text/csv')
        .send('name,country\nX,CN\n')
        .expect(200);
      expect(header.body.errors).toEqual([
        { line: 1, field: 'name', reason: expect.stringContaining('unknown column') },
        { line: 1, field: 'legalNameEn', reason: 'required column is missing' },
      ]);
      const suppliers = await http()
        .post('/v1/suppliers/import')
        .set(bearer(A.admin))
        .set('content-type', 'text/csv')
        .send('legalNameEn,aliases,uscc\n"Ganzhou Example Rare Earth Co., Ltd.",GER; Ganzhou RE,\n')
        .expect(200);
      expect(suppliers.body).toMatchObject({ imported: 1, errors: [] });
      await http().post('/v1/watchlist/import').set(bearer(A.admin)).send({ kind: 'ELEMENT' }).expect(415);
    });

    it('filters alerts by element, supplier, severity and date, with cursor pagination', async () => {
      const get = (q: string) => http().get(`/v1/alerts?${q}`).set(bearer(A.buyer)).expect(200);
      expect((await get('')).body.items).toHaveLength(2);
      expect((await get('element=Dy')).body.items.map((a: { title: string }) => a.title)).toEqual([no18.title]);
      expect((await get(`supplierId=${A.supplierId}`)).body.items.map((a: { severity: string }) => a.severity)).toEqual(
        ['MEDIUM'],
      );
      expect((await get('severity=HIGH')).body.items).toHaveLength(1);
      expect((await get('from=2999-01-01T00:00:00Z')).body.items).toHaveLength(0);
      const page1 = (await get('limit=1')).body;
      const page2 = (await get(`limit=1&cursor=${page1.nextCursor}`)).body;
      expect(page1.items[0].id).not.toBe(page2.items[0].id);
      expect(page2.nextCursor).toBeNull();
      const bad = await http().get('/v1/alerts?severity=URGENT&from=2025-01-01').set(bearer(A.buyer)).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'severity']);
    });

    it("exports the tenant's alerts as CSV and XLSX with the list's filters, and never another tenant's", async () => {
      const csv = await http().get('/v1/alerts/export').set(bearer(A.buyer)).buffer(true).expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(
        /^attachment; filename="lodestone-alerts-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
      const listed = (await http().get('/v1/alerts').set(bearer(A.buyer)).expect(200)).body.items;
      expect(rows.map((r) => r['Alert ID'])).toEqual(listed.map((a: { id: string }) => a.id));
      expect(rows.map((r) => r['Alert ID'])).not.toContain(B.alertId);
      const dy = rows.find((r) => r.Elements.split('; ').includes('Dy'))!;
      expect(dy).toMatchObject({
        Severity: 'HIGH',
        Link: expect.stringMatching(/^https:\/\/lodestone\.test\/alerts\//),
      });
      expect(dy['Why it matched']).toContain('dysprosium (Dy)');
      // The impact columns: A's one part (NdFeB with 4.5 g Dy, 1,000 a year, EUR 25,000) in one product.
      expect(dy).toMatchObject({
        'Parts affected': '1',
        'Products affected': '1',
        'Annual spend at risk (per currency)': 'EUR 25000.00',
        'Element mass at risk (kg/year)': 'Dy 4.500',
        Impact: '1 part in 1 product, EUR 25 k annual spend',
      });
      expect(dy['Created (UTC, ISO-8601)']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const supplierOnly = await http()
        .get(`/v1/alerts/export?supplierId=${A.supplierId}`)
        .set(bearer(A.buyer))
        .expect(200);
      expect(parse(supplierOnly.text.replace(/^\uFEFF/, ''), { columns: true })).toHaveLength(1);

      const xlsx = await http()
        .get('/v1/alerts/export?format=xlsx&element=Dy')
        .set(bearer(A.buyer))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as Parameters<typeof book.xlsx.load>[0]);
      const sheet = book.getWorksheet('Alerts')!;
      expect(sheet.getRow(1).getCell(1).value).toBe('Alert ID');
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).getCell(1).value).toBe(dy['Alert ID']);

      const bad = await http().get('/v1/alerts/export?format=pdf').set(bearer(A.buyer)).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['format']);
    });

    it('acknowledge, assign and comment are kept in the alert history', async () => {
      await http().post(`/v1/alerts/${A.alertId}/acknowledge`).set(bearer(A.buyer)).expect(200);
      await http()
        .post(`/v1/alerts/${A.alertId}/assign`)
        .set(bearer(A.buyer))
        .send({ userId: A.buyerUserId })
        .expect(200);
      await http()
        .post(`/v1/alerts/${A.alertId}/assign`)
        .set(bearer(A.buyer))
        .send({ userId: B.buyerUserId })
        .expect(400);
      await http()
        .post(`/v1/alerts/${A.alertId}/comments`)
        .set(bearer(A.buyer))
        .send({ text: 'Asked the supplier for its licence number.' })
        .expect(201);
      const alert = (await http().get(`/v1/alerts/${A.alertId}`).set(bearer(A.buyer)).expect(200)).body;
      expect(alert).toMatchObject({ status: 'ACKNOWLEDGED', assigneeId: A.buyerUserId });
      expect(alert.history.map((h: { kind: string }) => h.kind)).toEqual(['ACKNOWLEDGED', 'ASSIGNED', 'COMMENTED']);
      expect(alert.history[0]).toMatchObject({
        actorUserId: A.buyerUserId,
        before: { status: 'OPEN' },
        after: { status: 'ACKNOWLEDGED' },
      });
    });

    it('filters alerts by assignee on the server: me, none, a user id; 400 names assignee', async () => {
      // The test above assigned A's alert to A's buyer.
      const ids = async (q: string, token = A.buyer) =>
        (await http().get(`/v1/alerts?${q}`).set(bearer(token)).expect(200)).body.items.map(
          (a: { id: string }) => a.id,
        );
      const all = await ids('');
      expect(all).toContain(A.alertId);
      expect(await ids('assignee=me')).toEqual([A.alertId]);
      expect(await ids('assignee=me', A.admin)).toEqual([]);
      expect(await ids(`assignee=${A.buyerUserId}`, A.admin)).toEqual([A.alertId]);
      expect(await ids(`assignee=${A.buyerUserId.toUpperCase()}`, A.admin)).toEqual([A.alertId]);
      expect(await ids('assignee=none')).toEqual(all.filter((id: string) => id !== A.alertId));
      // Another tenant naming the same user id sees none of A's alerts.
      expect(await ids(`assignee=${A.buyerUserId}`, B.admin)).toEqual([]);
      const bad = await http().get('/v1/alerts?assignee=bob').set(bearer(A.buyer)).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['assignee']);
      const token = await http().get('/v1/alerts?assignee=me').set(bearer(A.apiToken)).expect(400);
      expect(token.body.errors).toEqual([{ field: 'assignee', messages: [expect.stringContaining('API token')] }]);
      const csv = await http().get('/v1/alerts/export?assignee=none').set(bearer(A.buyer)).buffer(true).expect(200);
      expect(csv.text).not.toContain(A.alertId);
      const mine = await http().get('/v1/alerts/export?assignee=me').set(bearer(A.buyer)).buffer(true).expect(200);
      expect(mine.text).toContain(A.alertId);
    });

    it('API tokens: shown once, stored hashed, last-used time, revocable', async () => {
      const list = (await http().get('/v1/api-tokens').set(bearer(A.admin)).expect(200)).body;
      expect(JSON.stringify(list)).not.toContain(A.apiToken);
      await http().get('/v1/watchlist').set(bearer(A.apiToken)).expect(200);
      const used = (await http().get('/v1/api-tokens').set(bearer(A.admin)).expect(200)).body[0];
      expect(used.lastUsedAt).toEqual(expect.any(String));
      const extra = (
        await http().post('/v1/api-tokens').set(bearer(A.admin)).send({ name: 'temp', role: 'BUYER' }).expect(201)
      ).body;
      await http()
        .post('/v1/watchlist')
        .set(bearer(extra.token))
        .send({ kind: 'ELEMENT', elementSymbol: 'Sm' })
        .expect(403);
      await http().delete(`/v1/api-tokens/${extra.id}`).set(bearer(A.admin)).expect(204);
      await http().get('/v1/watchlist').set(bearer(extra.token)).expect(401);
    });

    it('changes roles, keeps one active tenant admin, deactivates (sessions revoked), and audits it all', async () => {
      const lastAdmin = await http()
        .patch(`/v1/users/${A.adminUserId}`)
        .set(bearer(A.admin))
        .send({ role: 'BUYER' })
        .expect(400);
      expect(lastAdmin.body.errors[0].field).toBe('role');
      await http().patch(`/v1/users/${A.buyerUserId}`).set(bearer(A.admin)).send({ role: 'TENANT_ADMIN' }).expect(200);
      await http().patch(`/v1/users/${A.buyerUserId}`).set(bearer(A.admin)).send({ role: 'BUYER' }).expect(200);
      const temp = (
        await http()
          .post('/v1/users/invitations')
          .set(bearer(A.admin))
          .send({ email: 'temp@alpha.example', name: 'Temp', role: 'BUYER' })
          .expect(201)
      ).body.user;
      await http()
        .post('/v1/auth/invitations/accept')
        .send({ token: await linkToken('temp@alpha.example'), password: PASSWORD })
        .expect(200);
      const session = (
        await http().post('/v1/auth/login').send({ email: 'temp@alpha.example', password: PASSWORD }).expect(200)
      ).body.accessToken;
      await http().post(`/v1/users/${temp.id}/deactivate`).set(bearer(A.admin)).expect(200);
      await http().get('/v1/alerts').set(bearer(session)).expect(401);
      const audit = (await http().get('/v1/audit-log').set(bearer(A.admin)).expect(200)).body.items;
      const actions = audit.map((e: { action: string }) => e.action);
      for (const a of [
        'tenant.create',
        'user.invite',
        'watchlist.create',
        'supplier.create',
        'api-token.create',
        'api-token.revoke',
        'user.role',
        'user.deactivate',
      ]) {
        expect(actions).toContain(a);
      }
      const role = audit.find((e: { action: string }) => e.action === 'user.role');
      expect(role).toMatchObject({
        actorUserId: A.adminUserId,
        actorRole: 'TENANT_ADMIN',
        before: { role: 'TENANT_ADMIN' },
        after: { role: 'BUYER' },
      });
      await http().get('/v1/audit-log').set(bearer(A.buyer)).expect(403);
    });

    it('password reset: 202 for any email, a one-time link, old sessions revoked', async () => {
      await http().post('/v1/auth/password-reset').send({ email: 'nobody@alpha.example' }).expect(202);
      const before = smtp.messages.length;
      await http().post('/v1/auth/password-reset').send({ email: 'buyer@alpha.example' }).expect(202);
      const token = await linkToken('buyer@alpha.example');
      expect(smtp.messages.length).toBe(before + 1);
      await http()
        .post('/v1/auth/password-reset/confirm')
        .send({ token, password: 'a-brand-new-password' })
        .expect(204);
      await http()
        .post('/v1/auth/password-reset/confirm')
        .send({ token, password: 'a-brand-new-password' })
        .expect(410);
      await http().get('/v1/alerts').set(bearer(A.buyer)).expect(401);
      A.buyer = (
        await http()
          .post('/v1/auth/login')
          .send({ email: 'buyer@alpha.example', password: 'a-brand-new-password' })
          .expect(200)
      ).body.accessToken;
    });

    it('platform admins act inside a tenant with X-Tenant-Id; tenant users cannot choose another tenant with it', async () => {
      const asRoot = await http().get('/v1/watchlist').set(bearer(root)).set('x-tenant-id', A.id).expect(200);
      expect(asRoot.body.items.map((w: { id: string }) => w.id)).toContain(A.watchId);
      await http().get('/v1/watchlist').set(bearer(root)).expect(400);
      const asB = await http().get('/v1/watchlist').set(bearer(B.admin)).set('x-tenant-id', A.id).expect(200);
      expect(asB.body.items.map((w: { id: string }) => w.id)).not.toContain(A.watchId);
    });

    it('a platform admin naming an unknown tenant with X-Tenant-Id gets 404 naming it, for every method, and nothing is stored', async () => {
      const unknown = '00000000-0000-0000-0000-000000000000';
      const calls = [
        http().get('/v1/watchlist'),
        http().get('/v1/suppliers'),
        http().get('/v1/api-tokens'),
        http().post('/v1/watchlist').send({ kind: 'ELEMENT', elementSymbol: 'Dy' }),
        http().post('/v1/suppliers').send({ legalNameEn: 'Ghost Magnetics Ltd', legalNameZh: '幽灵磁材有限公司' }),
        http().post('/v1/api-tokens').send({ name: 'ERP', role: 'TENANT_ADMIN' }),
        http()
          .post('/v1/watchlist/import')
          .set('content-type', 'text/csv')
          .send('kind,elementSymbol,hsPrefix\nELEMENT,Dy,\n'),
        http()
          .post('/v1/suppliers/import')
          .set('content-type', 'text/csv')
          .send('legalNameEn,legalNameZh\nGhost Magnetics Ltd,幽灵磁材有限公司\n'),
        http().patch(`/v1/watchlist/${A.watchId}`).send({ note: 'x' }),
        http().delete(`/v1/suppliers/${A.supplierId}`),
      ];
      for (const call of calls) {
        const res = await call.set(bearer(root)).set('x-tenant-id', unknown);
        expect({ status: res.status, body: res.body }).toEqual({
          status: 404,
          body: expect.objectContaining({ statusCode: 404, message: `tenant ${unknown} not found` }),
        });
      }
      await http().get(`/v1/suppliers/${A.supplierId}`).set(bearer(root)).set('x-tenant-id', A.id).expect(200);
    });
  });

  describe('tenant notification defaults', () => {
    const get = (token: string) => http().get('/v1/tenant/notification-settings').set(bearer(token));
    const patch = (token: string, body: object) =>
      http().patch('/v1/tenant/notification-settings').set(bearer(token)).send(body);
    const mine = async (token: string) =>
      (await http().get('/v1/me/notification-preferences').set(bearer(token)).expect(200)).body.effective;

    it('the tenant admin reads the built-in defaults; buyers get 403', async () => {
      expect((await get(A.admin).expect(200)).body).toMatchObject({
        tenantId: A.id,
        custom: false,
        digestFrequency: 'NONE',
        digestLocalTime: '08:00',
        updatedAt: null,
      });
      await get(A.buyer).expect(403);
      await patch(A.buyer, { digestLocalTime: '06:00' }).expect(403);
    });

    it('a bad change names each field and writes nothing', async () => {
      const bad = await patch(A.admin, {
        digestLocalTime: '25:00',
        immediateMinSeverity: 'URGENT',
        digestFrequency: 'HOURLY',
        digestWeekday: 8,
        immediateEnabled: null,
        timeZone: 'Europe/Berlin',
      }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'digestFrequency',
        'digestLocalTime',
        'digestWeekday',
        'immediateEnabled',
        'immediateMinSeverity',
        'timeZone',
      ]);
      expect(bad.body.errors.find((e: { field: string }) => e.field === 'digestLocalTime').messages).toEqual([
        'digestLocalTime must be HH:MM (00:00-23:59)',
      ]);
      const half = await patch(A.admin, { quietHoursStart: '22:00' }).expect(400);
      expect(half.body.errors).toEqual([
        { field: 'quietHoursEnd', messages: ['quiet hours need both quietHoursStart and quietHoursEnd'] },
      ]);
      expect((await get(A.admin).expect(200)).body.custom).toBe(false); // nothing written
    });

    it('a change sets the given fields; users without an override of a field follow it', async () => {
      // The buyer chooses an hour of their own; the admin (no override) will follow the tenant.
      await http()
        .patch('/v1/me/notification-preferences')
        .set(bearer(A.buyer))
        .send({ digestLocalTime: '06:00' })
        .expect(200);
      const changed = await patch(A.admin, {
        digestFrequency: 'DAILY',
        digestLocalTime: '07:30',
        quietHoursStart: '22:00',
        quietHoursEnd: '06:30',
      }).expect(200);
      expect(changed.body).toMatchObject({
        tenantId: A.id,
        custom: true,
        digestFrequency: 'DAILY',
        digestLocalTime: '07:30',
        quietHoursStart: '22:00',
        immediateMinSeverity: 'MEDIUM',
      });
      expect(changed.body.updatedAt).toEqual(expect.any(String));
      expect(await mine(A.admin)).toMatchObject({
        digest: { frequency: 'DAILY', localTime: '07:30' },
        quietHours: { start: '22:00', end: '06:30' },
      });
      expect(await mine(A.buyer)).toMatchObject({
        digest: { frequency: 'DAILY', localTime: '06:00' },
        quietHours: { start: '22:00', end: '06:30' },
      });
      await patch(A.admin, { quietHoursStart: null, quietHoursEnd: null }).expect(200);
      expect((await mine(A.admin)).quietHours).toBeNull();
    });

    it('another tenant neither sees nor changes them; platform admins name the tenant', async () => {
      // Another tenant: X-Tenant-Id is ignored for its users; it sees and changes its own defaults only.
      const asB = await get(B.admin).set('x-tenant-id', A.id).expect(200);
      expect(asB.body).toMatchObject({ tenantId: B.id, custom: false, digestLocalTime: '08:00' });
      await patch(B.admin, { digestLocalTime: '05:00' }).set('x-tenant-id', A.id).expect(200);
      expect((await get(A.admin).expect(200)).body.digestLocalTime).toBe('07:30');
      await http()
        .patch('/v1/tenant/notification-settings')
        .set(bearer(B.admin))
        .send({ digestLocalTime: '08:00' })
        .expect(200);
      // Platform admins name the tenant.
      expect((await get(root).set('x-tenant-id', A.id).expect(200)).body.digestLocalTime).toBe('07:30');
      await get(root).set('x-tenant-id', '00000000-0000-4000-8000-000000000000').expect(404);
    });

    it('each change is audited with before and after', async () => {
      const audit = (await http().get('/v1/audit-log').set(bearer(A.admin)).expect(200)).body.items as {
        action: string;
        before: unknown;
        after: Record<string, unknown>;
        actorUserId: string;
      }[];
      const entries = audit.filter((e) => e.action === 'notification-settings.update');
      expect(entries).toHaveLength(2);
      expect(entries[1]).toMatchObject({
        actorUserId: A.adminUserId,
        before: null,
        after: { digestLocalTime: '07:30', quietHoursStart: '22:00' },
      });
      expect(entries[0]).toMatchObject({ before: { quietHoursStart: '22:00' }, after: { quietHoursStart: null } });
    });
  });

  /**
   * How each route is checked. `public`: no credentials needed (reason given). `platform`: platform admins only, so a
   * tenant admin and an API token get 403. `global`: data of no tenant (reason given), the same for every signed-in
   * user: B's credentials get 200 (`id` names the record), and the answer must hold nothing of A's. `tenant`: called
   * with B's credentials on A's records (the `:id` is A's); `expect` is the status B must get.
   */
  type Probe =
    | { public: string }
    | { platform: true; body?: object }
    | { global: string; id?: () => string }
    | {
        tenant: true;
        id?: (a: TenantCtx) => string;
        body?: object | ((a: TenantCtx) => object);
        csv?: string;
        expect: number[];
      };

  const MATRIX: Record<string, Probe> = {
    'GET /health': { public: 'readiness (kept for compatibility)' },
    'GET /health/live': { public: 'liveness probe' },
    'GET /health/ready': { public: 'readiness probe' },
    'GET /metrics': {
      public: 'Prometheus metrics: 404 unless METRICS_ENABLED, bearer METRICS_TOKEN when set; aggregates only',
    },
    'GET /v1/elements': { public: 'reference data' },
    'GET /v1/control-list-entries': { public: 'reference data' },
    'GET /v1/hs-codes': { public: 'reference data' },
    'GET /v1/material-forms': { public: 'reference data' },
    'POST /v1/policy-changes': { public: 'ingestion, guarded by INGEST_API_TOKEN' },
    'POST /v1/permit-events': { public: 'ingestion, guarded by INGEST_API_TOKEN' },
    // Fan-out progress is guarded as ingestion: INGEST_API_TOKEN or a platform admin, open when ingestion is (as here,
    // INGEST_OPEN), so B's credentials read it; with a token set they get 403 (fanouts.e2e-spec.ts). Either way the
    // answer holds counts over every tenant the event alerted, never a tenant's records: probed as global data.
    'GET /v1/fanouts/:id': {
      global: 'fan-out progress of an event: counts over all the tenants it alerted (open here as ingestion is)',
      id: () => no18FanoutId,
    },
    // Guarded as fan-out progress (same guard): one shard's matching of an event, counts only.
    'GET /v1/match-jobs/:id': {
      global: 'one shard’s matching of an event: its status and alert count (open here as ingestion is)',
      id: () => no18MatchJobId,
    },
    'GET /v1/events/:id/fanout': {
      global: 'fan-out progress of an event: counts over all the tenants it alerted (open here as ingestion is)',
      id: () => no18Id,
    },
    'POST /v1/partners/:partner/events': {
      public: 'partner webhook, guarded by its HMAC signature (PartnerSignatureGuard)',
    },
    'POST /v1/auth/login': { public: 'sign-in' },
    'POST /v1/auth/refresh': { public: 'sign-in' },
    'POST /v1/auth/invitations/accept': { public: 'the one-time link is the credential' },
    'POST /v1/auth/password-reset': { public: 'answers 202 for any email' },
    'POST /v1/auth/password-reset/confirm': { public: 'the one-time link is the credential' },
    'POST /v1/auth/logout': { tenant: true, expect: [204] },
    'GET /v1/auth/me': { tenant: true, expect: [200] },
    'POST /v1/tenants': { platform: true, body: { slug: 'intruder', name: 'x' } },
    'GET /v1/tenants': { platform: true },
    'GET /v1/sources': { platform: true },
    'GET /v1/tenants/:id': { platform: true },
    'PATCH /v1/tenants/:id': { platform: true, body: { name: 'hijacked' } },
    'POST /v1/tenants/:id/suspend': { platform: true },
    'POST /v1/tenants/:id/activate': { platform: true },
    'GET /v1/users': { tenant: true, expect: [200] },
    'POST /v1/users/invitations': {
      tenant: true,
      body: { email: 'intruder@bravo.example', name: 'Intruder', role: 'BUYER' },
      expect: [201, 409],
    },
    'PATCH /v1/users/:id': { tenant: true, id: (a) => a.buyerUserId, body: { role: 'TENANT_ADMIN' }, expect: [404] },
    'POST /v1/users/:id/deactivate': { tenant: true, id: (a) => a.buyerUserId, expect: [404] },
    'POST /v1/users/:id/invitation': { tenant: true, id: (a) => a.buyerUserId, expect: [404] },
    'GET /v1/watchlist': { tenant: true, expect: [200] },
    'GET /v1/watchlist/expansion': { tenant: true, expect: [200] },
    'GET /v1/watchlist/:id': { tenant: true, id: (a) => a.watchId, expect: [404] },
    'GET /v1/imports/:id': { tenant: true, id: (a) => a.importId, expect: [404] },
    // The second credential sends the same watch again in its own tenant: 409 naming its own watch (watches are unique).
    'POST /v1/watchlist': { tenant: true, body: { kind: 'ELEMENT', elementSymbol: 'Lu' }, expect: [201, 409] },
    'POST /v1/watchlist/import': { tenant: true, csv: 'kind,elementSymbol\nELEMENT,Gd\n', expect: [200] },
    'POST /v1/suppliers/import': { tenant: true, csv: 'legalNameEn\nBravo Imported Supplier Ltd.\n', expect: [200] },
    'PATCH /v1/watchlist/:id': { tenant: true, id: (a) => a.watchId, body: { note: 'hijacked' }, expect: [404] },
    'DELETE /v1/watchlist/:id': { tenant: true, id: (a) => a.watchId, expect: [404] },
    'GET /v1/suppliers': { tenant: true, expect: [200] },
    'GET /v1/suppliers/:id': { tenant: true, id: (a) => a.supplierId, expect: [404] },
    'POST /v1/suppliers': { tenant: true, body: { legalNameEn: 'Bravo Second Supplier Ltd.' }, expect: [201] },
    'PATCH /v1/suppliers/:id': {
      tenant: true,
      id: (a) => a.supplierId,
      body: { legalNameEn: 'hijacked' },
      expect: [404],
    },
    'DELETE /v1/suppliers/:id': { tenant: true, id: (a) => a.supplierId, expect: [404] },
    'GET /v1/parts': { tenant: true, expect: [200] },
    'GET /v1/parts/watch-gaps': { tenant: true, expect: [200] },
    'GET /v1/parts/:id': { tenant: true, id: (a) => a.partId, expect: [404] },
    // The second credential sends the same part number again in its own tenant: 409 naming its own part.
    'POST /v1/parts': { tenant: true, body: { partNumber: 'BRAVO-NEW-1' }, expect: [201, 409] },
    'PATCH /v1/parts/:id': { tenant: true, id: (a) => a.partId, body: { description: 'hijacked' }, expect: [404] },
    'DELETE /v1/parts/:id': { tenant: true, id: (a) => a.partId, expect: [404] },
    'POST /v1/parts/import': { tenant: true, csv: 'partNumber\nBRAVO-IMPORTED-1\n', expect: [200] },
    'GET /v1/products': { tenant: true, expect: [200] },
    'GET /v1/products/:id': { tenant: true, id: (a) => a.productId, expect: [404] },
    'POST /v1/products': { tenant: true, body: { code: 'BRAVO-P2', name: 'Bravo product' }, expect: [201, 409] },
    'PATCH /v1/products/:id': { tenant: true, id: (a) => a.productId, body: { name: 'hijacked' }, expect: [404] },
    'DELETE /v1/products/:id': { tenant: true, id: (a) => a.productId, expect: [404] },
    'GET /v1/alerts': { tenant: true, expect: [200] },
    'GET /v1/alerts/export': { tenant: true, expect: [200] },
    'GET /v1/alerts/:id': { tenant: true, id: (a) => a.alertId, expect: [404] },
    'GET /v1/alerts/:id/history': { tenant: true, id: (a) => a.alertId, expect: [404] },
    'POST /v1/alerts/:id/acknowledge': { tenant: true, id: (a) => a.alertId, expect: [404] },
    'POST /v1/alerts/:id/status': { tenant: true, id: (a) => a.alertId, body: { status: 'RESOLVED' }, expect: [404] },
    'POST /v1/alerts/:id/assign': { tenant: true, id: (a) => a.alertId, body: { userId: null }, expect: [404] },
    'POST /v1/alerts/:id/comments': { tenant: true, id: (a) => a.alertId, body: { text: 'intruder' }, expect: [404] },
    'GET /v1/api-tokens': { tenant: true, expect: [200] },
    'POST /v1/api-tokens': { tenant: true, body: { name: 'intruder', role: 'BUYER' }, expect: [201] },
    'DELETE /v1/api-tokens/:id': { tenant: true, id: (a) => a.apiTokenId, expect: [404] },
    'GET /v1/audit-log': { tenant: true, expect: [200] },
    'POST /v1/supplier-name-decisions': {
      tenant: true,
      body: (a) => ({ supplierId: a.supplierId, name: 'JL MAG', decision: 'CONFIRMED' }),
      expect: [404],
    },
    'GET /v1/supplier-name-decisions': { tenant: true, expect: [200] },
    'GET /v1/email/unsubscribe': { public: 'the signed link in the email is the credential' },
    'POST /v1/email/unsubscribe': { public: 'the signed link in the email is the credential (RFC 8058 one-click)' },
    'GET /v1/email/preferences': { public: 'the signed link in the email is the credential' },
    'PATCH /v1/email/preferences': { public: 'the signed link in the email is the credential' },
    // Own preferences: 200 for a user, 404 for an API token (no user).
    'GET /v1/me/notification-preferences': { tenant: true, expect: [200, 404] },
    'PATCH /v1/me/notification-preferences': {
      tenant: true,
      body: { immediateMinSeverity: 'HIGH' },
      expect: [200, 404],
    },
    'GET /v1/deliveries': { tenant: true, expect: [200, 403] },
    // No id in the path: B's credentials act on B's own defaults (X-Tenant-Id ignored), never on A's.
    'GET /v1/tenant/notification-settings': { tenant: true, expect: [200] },
    'PATCH /v1/tenant/notification-settings': { tenant: true, body: { sendEmptyDigest: true }, expect: [200] },
    'GET /v1/exposure': { tenant: true, expect: [200] },
    'GET /v1/exposure/parts': { tenant: true, expect: [200] },
    'GET /v1/exposure/alternatives': { tenant: true, expect: [400] }, // no element given: 400 naming it
    'GET /v1/exposure/elements/:symbol': { tenant: true, id: () => 'Dy', expect: [200] },
    // Impacts are per (tenant, measure): B's credentials read and write B's own assessment of a global measure.
    'GET /v1/exposure/impacts': { tenant: true, expect: [200] },
    'GET /v1/exposure/measures/:key/impact': { tenant: true, id: () => 'MOFCOM-GAC-2025-18', expect: [200] },
    'PUT /v1/exposure/measures/:key/impact': {
      tenant: true,
      id: () => 'MOFCOM-GAC-2025-18',
      body: { status: 'POTENTIAL', note: 'bravo looks at it' },
      expect: [200],
    },
    'PUT /v1/alerts/:id/applicability': {
      tenant: true,
      id: (a) => a.alertId,
      body: { applies: false, reason: 'intruder' },
      expect: [404],
    },
    'GET /v1/webhooks': { tenant: true, expect: [200] },
    'POST /v1/webhooks': {
      tenant: true,
      body: { name: 'intruder', url: 'https://203.0.113.99/hook' },
      expect: [201],
    },
    'GET /v1/webhooks/:id': { tenant: true, id: (a) => a.webhookId, expect: [404] },
    'PATCH /v1/webhooks/:id': { tenant: true, id: (a) => a.webhookId, body: { name: 'hijacked' }, expect: [404] },
    'DELETE /v1/webhooks/:id': { tenant: true, id: (a) => a.webhookId, expect: [404] },
    'POST /v1/webhooks/:id/rotate-secret': { tenant: true, id: (a) => a.webhookId, expect: [404] },
    'POST /v1/webhooks/:id/test': { tenant: true, id: (a) => a.webhookId, expect: [404] },
    'GET /v1/webhooks/:id/deliveries': { tenant: true, id: (a) => a.webhookId, expect: [404] },
    // Personal endpoints: B's session acts on B's own (200/201), an API token has none (404); A's are 404.
    'GET /v1/me/webhooks': { tenant: true, expect: [200, 404] },
    'POST /v1/me/webhooks': {
      tenant: true,
      body: { kind: 'SLACK', name: 'intruder', url: 'https://203.0.113.98/hook' },
      expect: [201, 404],
    },
    'PATCH /v1/me/webhooks/:id': { tenant: true, id: (a) => a.myWebhookId, body: { name: 'hijacked' }, expect: [404] },
    'DELETE /v1/me/webhooks/:id': { tenant: true, id: (a) => a.myWebhookId, expect: [404] },
    'POST /v1/me/webhooks/:id/test': { tenant: true, id: (a) => a.myWebhookId, expect: [404] },
    'GET /v1/me/webhooks/:id/deliveries': { tenant: true, id: (a) => a.myWebhookId, expect: [404] },
    'GET /v1/alert-actions/acknowledge': {
      public: 'the signed, expiring link in a Slack, Teams or webhook message is the credential (one alert)',
    },
    'POST /v1/alert-actions/acknowledge': {
      public: 'the signed, expiring link in a Slack, Teams or webhook message is the credential (one alert)',
    },
    'GET /v1/measures': {
      global: 'measures and their timelines are built from public announcements, FR documents and news',
    },
    'GET /v1/events/:id': {
      global: 'one stored event (public announcement, permit, news) with its text tags',
      id: () => no18Id,
    },
    'GET /v1/measures/:key': {
      global: 'one measure and its timeline (public announcements, FR documents, news)',
      id: () => 'MOFCOM-GAC-2025-18',
    },
  };

  /** Every route the Nest router registered on Express, as "METHOD /path". */
  function routes(): string[] {
    const express = app.getHttpAdapter().getInstance() as Express & {
      router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
    };
    const out = new Set<string>();
    for (const layer of express.router.stack) {
      if (!layer.route) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') out.add(`${method.toUpperCase()} ${layer.route.path}`);
      }
    }
    // Swagger UI (/docs) is served by SwaggerModule, not by a controller; it registers /docs* and a catch-all.
    return [...out].filter((r) => !/ \/docs/.test(r) && !r.endsWith(' {/*splat}')).sort();
  }

  it('every route of the router is in the matrix, and the matrix names no route that does not exist', () => {
    const served = routes();
    expect(served.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !served.includes(r))).toEqual([]);
  });

  /** Everything of A's a leak would show: its ids, its marker and its email domain. */
  const aSecrets = () => [
    A.id,
    A.watchId,
    A.supplierId,
    A.alertId,
    A.adminUserId,
    A.buyerUserId,
    A.apiTokenId,
    A.importId,
    A.webhookId,
    A.myWebhookId,
    A.partId,
    A.productId,
    A.marker,
    'alpha.example',
  ];

  /** A's records as a platform admin reads them, to compare before and after B's probes. */
  const snapshotOfA = async () =>
    JSON.stringify(
      await Promise.all(
        [
          '/v1/watchlist',
          '/v1/suppliers',
          `/v1/alerts/${A.alertId}`,
          '/v1/users',
          '/v1/api-tokens',
          '/v1/webhooks',
          `/v1/webhooks/${A.webhookId}/deliveries`,
          '/v1/parts',
          '/v1/products',
        ].map(async (p) => (await http().get(p).set(bearer(root)).set('x-tenant-id', A.id).expect(200)).body),
      ),
    );

  /**
   * Calls one route of the matrix with B's `credential` on A's records (sending `X-Tenant-Id: <A>`, which B's
   * credentials must not honour). @returns the problems found: an unexpected status, or a response holding any of
   * A's secrets that the caller did not send itself.
   */
  async function probeRoute(credential: 'session' | 'api-token', route: string, probe: Probe): Promise<string[]> {
    const [method, pattern] = route.split(' ') as [string, string];
    const token = credential === 'session' ? B.admin : B.apiToken;
    const id = 'platform' in probe ? A.id : 'global' in probe ? probe.id?.() : 'tenant' in probe ? probe.id?.(A) : null;
    const path = id ? pattern.replace(/:id|:key|:symbol/, id) : pattern;
    const call = (request(app.getHttpServer()) as unknown as Record<string, (p: string) => request.Test>)[
      method.toLowerCase()
    ]!(path)
      .set(bearer(token))
      .set('x-tenant-id', A.id);
    const body =
      'body' in probe && probe.body ? (typeof probe.body === 'function' ? probe.body(A) : probe.body) : undefined;
    const res = await ('csv' in probe && probe.csv
      ? call.set('content-type', 'text/csv').send(probe.csv)
      : body
        ? call.send(body)
        : call);
    const problems: string[] = [];
    const expected = 'platform' in probe ? [403] : 'global' in probe ? [200] : 'tenant' in probe ? probe.expect : [];
    if (!expected.includes(res.status))
      problems.push(`${credential} ${route}: expected ${expected.join('/')}, got ${res.status}`);
    const sent = `${path} ${JSON.stringify(body ?? '')}`; // echoing what the caller sent leaks nothing
    const text = JSON.stringify(res.body ?? '');
    for (const secret of aSecrets())
      if (text.includes(secret) && !sent.includes(secret))
        problems.push(`${credential} ${route}: response leaks ${secret}`);
    if (route === 'POST /v1/auth/logout' && res.status === 204) {
      // B's session ended: sign in again for the probes after this one.
      B.admin = (
        await http().post('/v1/auth/login').send({ email: 'admin@bravo.example', password: PASSWORD }).expect(200)
      ).body.accessToken;
    }
    return problems;
  }

  describe("the second tenant's credentials on every route that is not public", () => {
    let before: string;
    beforeAll(async () => {
      before = await snapshotOfA();
    });

    it.each(['session', 'api-token'] as const)(
      "with a tenant admin's %s: the expected 404/403 on the first tenant's records, and no response leaks them",
      async (credential) => {
        const problems: string[] = [];
        for (const [route, probe] of Object.entries(MATRIX)) {
          if ('public' in probe) continue;
          // Logging out an API token is a no-op, and ending B's session here would only cost a sign-in.
          if (credential === 'api-token' && route === 'POST /v1/auth/logout') continue;
          problems.push(...(await probeRoute(credential, route, probe)));
        }
        expect(problems).toEqual([]);
      },
    );

    it("leaves the first tenant's records as they were", async () => {
      expect(await snapshotOfA()).toBe(before);
    });
  });

  it('counts and lists of the second tenant hold only its own data', async () => {
    for (const p of ['/v1/watchlist', '/v1/suppliers', '/v1/users', '/v1/api-tokens', '/v1/parts', '/v1/products']) {
      const body = (await http().get(p).set(bearer(B.admin)).expect(200)).body;
      const rows = (Array.isArray(body) ? body : body.items) as { tenantId: string }[]; // watchlist, suppliers: pages
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.tenantId === B.id)).toBe(true);
    }
    const alerts = (await http().get('/v1/alerts').set(bearer(B.admin)).expect(200)).body.items as {
      tenantId: string;
      id: string;
    }[];
    expect(alerts.map((a) => a.id)).toEqual([B.alertId]);
    const audit = (await http().get('/v1/audit-log?limit=200').set(bearer(B.admin)).expect(200)).body.items as {
      tenantId: string;
    }[];
    expect(audit.every((e) => e.tenantId === B.id)).toBe(true);
  });

  it("no email to the second tenant's people mentions the first tenant", async () => {
    await app.get(DeliveryWorker).drain();
    const toB = smtp.messages.filter((m) => m.envelopeTo.some((r) => r.endsWith('@bravo.example')));
    expect(toB.length).toBeGreaterThanOrEqual(3); // admin and buyer invitations, the No. 18 alert, the intruder's invitation
    for (const m of toB) {
      for (const secret of ['alpha', A.marker, '金力永磁', A.alertId]) {
        expect(`${m.subject}\n${m.text}\n${m.html}`).not.toContain(secret);
      }
    }
  });
});
