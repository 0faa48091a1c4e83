import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { jlMagLicence, magnetMaker, no18 } from '../../testing/fixtures.js';
import { OpenApiConformance } from '../../testing/openapi-conformance.js';
import { createTestApp } from '../../testing/test-app.js';
import { PrismaService } from '../../database/prisma.service.js';
import { ACK_LINK_SIGNER, type AckLinkSigner } from '../../modules/channels/ack-links.js';
import { TenantsService } from '../../modules/tenants/tenants.service.js';
import { LINK_SIGNER, type LinkSigner } from '../signed-links.js';
import { buildOpenApiDocument, openApiFile, renderOpenApiDocument } from './generate.js';

const ADMIN = { email: 'root@lodestone.test', password: 'first-admin-password-1' };
const INGEST_TOKEN = 'ingest-token-0123456789';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Op {
  method: (typeof METHODS)[number];
  path: string;
  operation: {
    security?: Record<string, string[]>[];
    parameters?: { name: string; in: string }[];
    responses: Record<string, { description?: string }>;
  };
}

/** A concrete URL for a templated path: every parameter a fresh UUID (path parameters here are ids or keys). */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());

describe('the OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  let contract: OpenApiConformance;
  let ops: Op[];
  const http = () => request(app.getHttpServer());

  /**
   * Calls `method path` (path as templated in the document, `params` filling it) and checks that the answer's status is
   * documented for the operation and its body conforms to the documented schema. The status must be `opts.status`, or
   * a success when that is not given.
   */
  async function call(
    method: Op['method'],
    path: string,
    opts: {
      params?: Record<string, string>;
      token?: string;
      tenant?: string;
      body?: unknown;
      csv?: string;
      status?: number;
    } = {},
  ) {
    const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(opts.params?.[name] ?? ''));
    let req = http()[method](url);
    if (opts.token) req = req.set('Authorization', `Bearer ${opts.token}`);
    if (opts.tenant) req = req.set('X-Tenant-Id', opts.tenant);
    if (opts.csv !== undefined) req = req.set('Content-Type', 'text/csv').send(opts.csv);
    else if (opts.body !== undefined) req = req.send(opts.body as object);
    const res = await req;
    const [pathOnly] = path.split('?');
    const label = `${method} ${path}`;
    if (opts.status) expect([label, res.status]).toEqual([label, opts.status]);
    else expect([label, res.status < 300]).toEqual([label, true]);
    expect(contract.checkResponse(method, pathOnly!, res.status, res.body)).toEqual([]);
    return res;
  }

  beforeAll(async () => {
    app = await createTestApp({
      DATABASE_URL: 'pglite://memory',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ADMIN_NAME: 'Root Admin',
      INGEST_API_TOKEN: INGEST_TOKEN,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    document = (await http().get('/docs-json').expect(200)).body;
    contract = new OpenApiConformance(document);
    ops = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const operation = (item as Record<string, Op['operation'] | undefined>)[method];
        return operation ? [{ method, path, operation }] : [];
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is the same at /docs-json (the running app) as built offline by cli/openapi.ts', async () => {
    expect(document).toEqual(await buildOpenApiDocument());
  });

  it('is committed up to date in apps/api/openapi.json (run the api build and commit the file when this fails)', async () => {
    expect(readFileSync(openApiFile(), 'utf8')).toBe(await renderOpenApiDocument());
  });

  it('documents a success answer for every operation, with a schema unless it is 204', () => {
    const missing = ops.filter(({ operation }) => {
      const success = Object.entries(operation.responses).filter(([code]) => /^2\d\d$/.test(code));
      return (
        success.length === 0 || success.some(([code, r]) => code !== '204' && !(r as { content?: unknown }).content)
      );
    });
    expect(missing.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('documents 401 and 403 on every operation that requires a token, 401 where a token is optional', () => {
    const secured = ops.filter((o) => o.operation.security?.length);
    expect(secured.length).toBeGreaterThan(40);
    const gaps = secured.flatMap(({ method, path, operation }) => {
      const optional = operation.security!.some((s) => Object.keys(s).length === 0);
      const needed = optional ? ['401'] : ['401', '403'];
      return needed.filter((code) => !operation.responses[code]).map((code) => `${method} ${path}: ${code}`);
    });
    expect(gaps).toEqual([]);
  });

  it('answers 401 with the error schema to every operation that requires a token, when called without one', async () => {
    const secured = ops.filter((o) => o.operation.security?.length);
    for (const { method, path } of secured) {
      const res = await http()[method](concrete(path));
      expect([`${method} ${path}`, res.status]).toEqual([`${method} ${path}`, 401]);
      expect(contract.checkResponse(method, path, 401, res.body)).toEqual([]);
    }
  });

  it('does not ask for a token on the operations it documents as public', async () => {
    const open = ops.filter((o) => !o.operation.security?.length && !o.operation.responses['401']);
    expect(open.length).toBeGreaterThan(5);
    for (const { method, path } of open) {
      const res = await http()[method](concrete(path));
      expect([`${method} ${path}`, res.status]).not.toEqual([`${method} ${path}`, 401]);
    }
  });

  describe('as a platform admin', () => {
    let admin: string;
    beforeAll(async () => {
      const res = await call('post', '/v1/auth/login', { body: ADMIN });
      expect(res.status).toBe(200);
      admin = res.body.accessToken;
    });

    it('answers 400 naming X-Tenant-Id on every operation that documents the header, when it is missing', async () => {
      const scoped = ops.filter((o) =>
        o.operation.parameters?.some((p) => p.in === 'header' && p.name === 'X-Tenant-Id'),
      );
      expect(scoped.length).toBeGreaterThan(30);
      for (const { method, path } of scoped) {
        const res = await http()[method](concrete(path)).set('Authorization', `Bearer ${admin}`);
        expect([`${method} ${path}`, res.status, res.body.errors?.[0]?.field]).toEqual([
          `${method} ${path}`,
          400,
          'X-Tenant-Id',
        ]);
        expect(contract.checkResponse(method, path, 400, res.body)).toEqual([]);
      }
    });

    it('answers what the document says, body for body, through a tenant set-up, ingestion and triage', async () => {
      const auth = { token: admin };
      await call('get', '/v1/auth/me', auth);
      const created = await call('post', '/v1/tenants', {
        ...auth,
        body: { slug: 'contract', name: 'Contract GmbH', admin: { email: 'a@contract.example', name: 'A' } },
      });
      await call('post', '/v1/tenants', { ...auth, body: { slug: 'contract', name: 'Again' }, status: 409 });
      await call('get', '/v1/tenants', auth);
      const tenantPath = { ...auth, params: { id: created.body.tenant.id as string } };
      await call('get', '/v1/tenants/{id}', tenantPath);
      await call('patch', '/v1/tenants/{id}', { ...tenantPath, body: { name: 'Contract SE' } });
      await call('post', '/v1/tenants/{id}/suspend', tenantPath);
      await call('post', '/v1/tenants/{id}/activate', tenantPath);
      await call('post', '/v1/tenants/{id}/suspend', { ...auth, params: { id: randomUUID() }, status: 404 });

      const tenant = (await app.get(TenantsService).provision(magnetMaker('contract-mm'))).id;
      const t = { ...auth, tenant };
      const users = await call('get', '/v1/users', t);
      const invited = await call('post', '/v1/users/invitations', {
        ...t,
        body: { email: 'b@mm.example', name: 'B', role: 'BUYER' },
      });
      const userPath = { ...t, params: { id: invited.body.user.id as string } };
      await call('patch', '/v1/users/{id}', { ...userPath, body: { name: 'Bea' } });
      await call('post', '/v1/users/{id}/deactivate', userPath);

      const watch = await call('post', '/v1/watchlist', { ...t, body: { kind: 'ELEMENT', elementSymbol: 'Tb' } });
      await call('post', '/v1/watchlist', { ...t, body: { kind: 'ELEMENT', elementSymbol: 'Xx' }, status: 400 });
      await call('get', '/v1/watchlist', t);
      await call('get', '/v1/watchlist/expansion', t);
      await call('patch', '/v1/watchlist/{id}', { ...t, params: { id: watch.body.id }, body: { note: 'magnets' } });
      await call('post', '/v1/watchlist/import?dryRun=true', { ...t, csv: 'kind,elementSymbol\nELEMENT,Dy\n' });
      await call('post', '/v1/watchlist/import', { ...t, csv: 'kind,elementSymbol\nELEMENT,Qq\n', status: 422 });
      await call('delete', '/v1/watchlist/{id}', { ...t, params: { id: watch.body.id }, status: 204 });
      const suppliers = await call('get', '/v1/suppliers', t);
      const supplierId = suppliers.body.items[0].id as string;
      await call('get', '/v1/suppliers/{id}', { ...t, params: { id: supplierId } });
      const neo = await call('post', '/v1/suppliers', {
        ...t,
        body: { legalNameEn: 'Neo Performance Materials', country: 'CA' },
      });
      await call('patch', '/v1/suppliers/{id}', { ...t, params: { id: neo.body.id }, body: { aliases: ['Neo'] } });
      await call('delete', '/v1/suppliers/{id}', { ...t, params: { id: neo.body.id }, status: 204 });
      await call('post', '/v1/suppliers/import?dryRun=true', { ...t, csv: 'legalNameEn,country\nMP Materials,US\n' });
      await call('post', '/v1/supplier-name-decisions', {
        ...t,
        body: { supplierId, name: 'JL Mag Rare Earth', decision: 'CONFIRMED' },
      });
      await call('get', '/v1/supplier-name-decisions', t);

      const storedNo18 = await call('post', '/v1/policy-changes', { token: INGEST_TOKEN, body: no18, status: 201 });
      await call('post', '/v1/policy-changes', { token: INGEST_TOKEN, body: no18, status: 200 });
      // One alert: expanded before the answer, so its job is done at once.
      expect(storedNo18.body.fanout).toMatchObject({ status: 'done' });
      const fanout = { token: INGEST_TOKEN, params: { id: storedNo18.body.fanout.id as string } };
      await call('get', '/v1/fanouts/{id}', fanout);
      await call('get', '/v1/fanouts/{id}', { ...fanout, params: { id: randomUUID() }, status: 404 });
      await call('get', '/v1/fanouts/{id}', { ...fanout, params: { id: 'not-a-uuid' }, status: 400 });
      await call('get', '/v1/events/{id}/fanout', { ...auth, params: { id: storedNo18.body.id } });
      // A shard's match job (this app does not shard: written as a MATCH_SHARDS=2 ingestion would).
      const matchJobId = randomUUID();
      await app.get(PrismaService).db.matchJob.create({
        data: {
          id: matchJobId,
          eventType: 'POLICY_CHANGE',
          eventId: storedNo18.body.id,
          shard: 1,
          shards: 2,
          payload: {},
        },
      });
      const matchJob = { token: INGEST_TOKEN, params: { id: matchJobId } };
      await call('get', '/v1/match-jobs/{id}', matchJob);
      await call('get', '/v1/match-jobs/{id}', { ...matchJob, params: { id: randomUUID() }, status: 404 });
      await call('get', '/v1/match-jobs/{id}', { ...matchJob, params: { id: 'not-a-uuid' }, status: 400 });
      // The stored event with its text tags: an exclusion, a compound-only element, a code and a date in the body.
      const tagged = await call('post', '/v1/policy-changes', {
        token: INGEST_TOKEN,
        status: 201,
        body: {
          ...no18,
          externalId: 'contract-text-tags',
          body: 'Licences for bismuth germanate crystals and terbium oxide (HS 2846.90), excluding dysprosium metal, from 2025年4月4日.',
        },
      });
      const detail = await call('get', '/v1/events/{id}', { ...auth, params: { id: tagged.body.id } });
      expect(detail.body.textTags.filter((t: { excluded: boolean }) => t.excluded).length).toBeGreaterThan(0);
      expect(detail.body.textTags.some((t: { kind: string }) => t.kind === 'ELEMENT_IN_COMPOUND')).toBe(true);
      await call('get', '/v1/events/{id}', { ...auth, params: { id: storedNo18.body.id } });
      await call('get', '/v1/events/{id}', { ...auth, params: { id: randomUUID() }, status: 404 });
      await call('get', '/v1/events/{id}', { ...auth, params: { id: 'not-a-uuid' }, status: 400 });
      await call('post', '/v1/permit-events', { token: INGEST_TOKEN, body: jlMagLicence, status: 201 });
      const page = await call('get', '/v1/alerts?limit=5', t);
      expect(page.body.items.length).toBeGreaterThan(1);
      const id = page.body.items[0].id as string;
      await call('get', '/v1/alerts/{id}', { ...t, params: { id } });
      await call('post', '/v1/alerts/{id}/acknowledge', { ...t, params: { id } });
      await call('post', '/v1/alerts/{id}/status', { ...t, params: { id }, body: { status: 'RESOLVED' } });
      await call('post', '/v1/alerts/{id}/assign', { ...t, params: { id }, body: { userId: users.body[0].id } });
      await call('post', '/v1/alerts/{id}/comments', {
        ...t,
        params: { id },
        body: { text: 'Asked for the licence.' },
      });
      const history = await call('get', '/v1/alerts/{id}/history', { ...t, params: { id } });
      expect(history.body.length).toBe(4);
      await call('get', '/v1/alerts/{id}', { ...t, params: { id: randomUUID() }, status: 404 });

      const token = await call('post', '/v1/api-tokens', { ...t, body: { name: 'ERP', role: 'BUYER' } });
      await call('get', '/v1/api-tokens', t);
      await call('get', '/v1/audit-log?limit=2', t);
      await call('get', '/v1/tenant/notification-settings', t);
      await call('patch', '/v1/tenant/notification-settings', {
        ...t,
        body: { digestFrequency: 'DAILY', quietHoursStart: '22:00', quietHoursEnd: '07:00' },
      });
      await call('get', '/v1/deliveries', t);
      // Channels: an endpoint at an IP literal of TEST-NET-3 (public for the SSRF check; no worker runs here).
      const hook = await call('post', '/v1/webhooks', { ...t, body: { name: 'ERP', url: 'https://203.0.113.10/h' } });
      await call('post', '/v1/webhooks', { ...t, body: { name: 'ERP', url: 'https://127.0.0.1/h' }, status: 400 });
      await call('get', '/v1/webhooks', t);
      const hookPath = { ...t, params: { id: hook.body.id as string } };
      await call('get', '/v1/webhooks/{id}', hookPath);
      await call('patch', '/v1/webhooks/{id}', { ...hookPath, body: { minSeverity: 'HIGH' } });
      await call('post', '/v1/webhooks/{id}/rotate-secret', hookPath);
      await call('post', '/v1/webhooks/{id}/test', { ...hookPath, status: 202 });
      await call('get', '/v1/webhooks/{id}/deliveries', hookPath);
      await call('get', '/v1/webhooks/{id}', { ...t, params: { id: randomUUID() }, status: 404 });
      const ackQuery = (() => {
        const url = app.get<AckLinkSigner>(ACK_LINK_SIGNER).url(id, tenant, hook.body.id, new Date());
        return url.slice(url.indexOf('?'));
      })();
      // The acknowledgement pages are documented as text/html (no JSON schema to check): status and type only.
      for (const method of ['get', 'post'] as const) {
        const res = await http()[method](`/v1/alert-actions/acknowledge${ackQuery}`).expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
      }
      await call('post', '/v1/alert-actions/acknowledge?token=forged', { status: 403 });
      await call('delete', '/v1/webhooks/{id}', { ...hookPath, status: 204 });
      // A platform admin has no personal endpoints.
      await call('get', '/v1/me/webhooks', { ...auth, status: 404 });
      // A platform admin has no preferences of their own.
      await call('get', '/v1/me/notification-preferences', { ...auth, status: 404 });
      await call('get', '/v1/sources', auth);
      const measures = await call('get', '/v1/measures', auth);
      expect(measures.body.items.length).toBeGreaterThan(0);
      await call('get', '/v1/measures/{key}', { ...auth, params: { key: 'MOFCOM-GAC-2025-18' } });
      await call('get', '/v1/elements');
      await call('get', '/v1/control-list-entries?element=Dy');
      await call('get', '/v1/material-forms');
      await call('get', '/v1/hs-codes?prefix=2846');
      await call('get', '/health');

      // The signed email links of a buyer of the tenant.
      const buyer = (users.body as { id: string; role: string }[]).find((u) => u.role === 'BUYER')!;
      const links = app.get<LinkSigner>(LINK_SIGNER);
      const query = (url: string) => url.slice(url.indexOf('?'));
      const prefs = query(links.preferencesUrl(buyer.id, tenant));
      await call('get', `/v1/email/preferences${prefs}`);
      await call('patch', `/v1/email/preferences${prefs}`, { body: { mutedElements: ['Ga'] } });
      await call('get', '/v1/email/preferences?token=forged', { status: 403 });
      await call('post', `/v1/email/unsubscribe${query(links.unsubscribeUrl(buyer.id, tenant))}`);

      // A BUYER API token is refused, with 403 and the error schema, on a tenant admin's route.
      await call('post', '/v1/watchlist', { token: token.body.token, body: { kind: 'ELEMENT' }, status: 403 });
      await call('delete', '/v1/api-tokens/{id}', { ...t, params: { id: token.body.id }, status: 204 });

      await call('post', '/v1/auth/password-reset', { body: { email: 'nobody@nowhere.example' }, status: 202 });
      const session = await call('post', '/v1/auth/login', { body: ADMIN });
      const refreshed = await call('post', '/v1/auth/refresh', { body: { refreshToken: session.body.refreshToken } });
      await call('post', '/v1/auth/logout', { token: refreshed.body.accessToken, status: 204 });
      await call('post', '/v1/auth/login', { body: { ...ADMIN, password: 'wrong-password-000' }, status: 401 });
    });
  });
});
