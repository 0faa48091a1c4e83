import type { TestingModule } from '@nestjs/testing';
import { FakeClock } from '../../common/clock.js';
import { PrismaService } from '../../database/prisma.service.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { magnetMaker } from '../../testing/fixtures.js';
import { createTestingModule } from '../../testing/test-app.js';
import { TenantsService } from '../tenants/tenants.service.js';
import { FederalRegisterConnector } from './federal-register/federal-register.connector.js';
import { HTTP_CLIENT, type HttpClient, type HttpResponse } from './http-client.js';
import { SourcesService } from './sources.service.js';
import { filePayload, fixture } from './testing.js';

const examples = fixture('federal-register/federal_register_examples.json');
const env = {
  SOURCE_FEDERAL_REGISTER_ENABLED: 'true',
  FEDERAL_REGISTER_BASE_URL: 'https://fr.test/api/v1',
  FEDERAL_REGISTER_TERMS: 'rare earth',
  FEDERAL_REGISTER_SINCE: '2025-01-01',
  FEDERAL_REGISTER_INTERVAL_MINUTES: '60',
};

/** Answers every request with the next queued response (or throws the queued error). */
class ScriptedHttp implements HttpClient {
  readonly requested: string[] = [];
  readonly queue: (Partial<HttpResponse> | Error)[] = [];
  /** When set, requests wait for it: a run in progress. */
  hold: Promise<void> | null = null;
  private arrivals: (() => void)[] = [];
  /** Resolves when the next request arrives (a run has taken its lease and started fetching). */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.arrivals.push(resolve));
  }
  async get(url: string): Promise<HttpResponse> {
    this.requested.push(url);
    for (const arrived of this.arrivals.splice(0)) arrived();
    if (await this.hold) await this.hold;
    const next = this.queue.shift() ?? { body: '{"count":0,"results":[]}' };
    if (next instanceof Error) throw next;
    return { url, status: 200, contentType: 'application/json', body: '', ...next };
  }
}

describe.each(ENGINES)('source runs on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;
  let sources: SourcesService;
  let prisma: PrismaService;
  const http = new ScriptedHttp();
  const clock = new FakeClock(new Date('2025-10-01T06:00:00Z'));
  const source = () => prisma.db.source.findUniqueOrThrow({ where: { name: 'federal-register' } });

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url, ...env }, clock, [[HTTP_CLIENT, http]]);
    sources = moduleRef.get(SourcesService);
    prisma = moduleRef.get(PrismaService);
  });
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('lists the configured sources before any run', async () => {
    expect(await sources.list()).toEqual([
      expect.objectContaining({
        name: 'federal-register',
        kind: 'FEDERAL_REGISTER',
        enabled: true,
        intervalMinutes: 60,
        lastAttemptAt: null,
        running: false,
      }),
      expect.objectContaining({ name: 'mofcom', kind: 'MOFCOM', enabled: false, lastAttemptAt: null }),
      expect.objectContaining({ name: 'news', kind: 'NEWS', enabled: false, lastAttemptAt: null }),
      expect.objectContaining({ name: 'us-csl', kind: 'SCREENING_LIST', enabled: false, intervalMinutes: 1440 }),
    ]);
  });

  it('a run ingests the recorded documents, keeps the payload and records the run and the cursor', async () => {
    http.queue.push({ body: examples });
    const report = await sources.run('federal-register');
    expect(report).toMatchObject({ outcome: 'ok', payloads: 1, itemsSeen: 6, itemsNew: 6, errors: [], error: null });
    expect(new URL(http.requested[0]!).searchParams.get('conditions[publication_date][gte]')).toBe('2025-01-01');
    expect(await prisma.db.policyChange.count({ where: { source: 'federal-register' } })).toBe(6);
    const stored = await prisma.db.policyChange.findUniqueOrThrow({
      where: { source_externalId: { source: 'federal-register', externalId: '2025-00480' } },
    });
    expect(stored).toMatchObject({
      issuer: 'BIS',
      action: 'IMPOSED',
      official: true,
      reference: 'FR Doc. 2025-00480, 90 FR 4621',
    });
    expect(stored.publishedOn?.toISOString()).toBe('2025-01-16T00:00:00.000Z');
    const s = await source();
    expect(s).toMatchObject({
      lastItemsSeen: 6,
      lastItemsNew: 6,
      lastError: null,
      consecutiveFailures: 0,
      leaseOwner: null,
      cursor: { publicationDateGte: '2025-09-30' },
    });
    expect(s.lastSuccessAt?.toISOString()).toBe('2025-10-01T06:00:00.000Z');
    const [payload] = await prisma.db.sourcePayload.findMany();
    expect(payload).toMatchObject({
      sourceName: 'federal-register',
      origin: 'SCHEDULED',
      status: 'PARSED',
      itemsSeen: 6,
      itemsNew: 6,
      body: examples,
    });
  });

  it('the next run asks from the cursor; seen items are not new', async () => {
    clock.advance(61 * 60_000);
    http.queue.push({ body: examples });
    const [report] = await sources.runDue();
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 6, itemsNew: 0 });
    expect(new URL(http.requested.at(-1)!).searchParams.get('conditions[publication_date][gte]')).toBe('2025-09-30');
  });

  it('runDue skips a source whose interval has not passed', async () => {
    clock.advance(10 * 60_000);
    expect(await sources.runDue()).toEqual([]);
  });

  it('a truncated payload fails the run visibly, is kept for replay, and leaves the cursor alone', async () => {
    clock.advance(60 * 60_000);
    const before = await source();
    http.queue.push({ body: examples.slice(0, 500) });
    const report = await sources.run('federal-register');
    expect(report.outcome).toBe('failed');
    expect(report.error).toMatch(/not valid JSON/);
    const s = await source();
    expect(s.lastError).toMatch(/not valid JSON/);
    expect(s.lastErrorAt?.toISOString()).toBe(clock.now().toISOString());
    expect(s).toMatchObject({ consecutiveFailures: 1, cursor: { publicationDateGte: '2025-09-30' }, leaseOwner: null });
    expect(s.lastSuccessAt).toEqual(before.lastSuccessAt);
    const failed = await prisma.db.sourcePayload.findFirstOrThrow({ where: { status: 'FAILED' } });
    expect(failed.body).toBe(examples.slice(0, 500));
    expect(failed.errors).toEqual([{ item: '(payload)', message: expect.stringMatching(/not valid JSON/) }]);
  });

  it('an HTTP error and a network error are failures too, with the status or the cause', async () => {
    http.queue.push({ status: 503, contentType: 'text/html', body: '<html>Service Unavailable</html>' });
    expect((await sources.run('federal-register')).error).toMatch(/^HTTP 503 from https:\/\/fr\.test\//);
    http.queue.push(new Error('getaddrinfo ENOTFOUND fr.test'));
    expect((await sources.run('federal-register')).error).toBe('fetch failed: getaddrinfo ENOTFOUND fr.test');
    expect(await source()).toMatchObject({
      consecutiveFailures: 3,
      lastError: 'fetch failed: getaddrinfo ENOTFOUND fr.test',
    });
  });

  it('a bad item is rejected and named; the others in the same payload are ingested', async () => {
    const docs = JSON.parse(examples).results;
    const body = JSON.stringify({
      results: [
        { ...docs[0], document_number: '2099-00001', publication_date: 'sometime in spring' },
        { ...docs[0], document_number: '2099-00002', title: 'x'.repeat(600) },
        { ...docs[0], document_number: '2099-00003', publication_date: '10/02/2025' },
      ],
    });
    http.queue.push({ body });
    const report = await sources.run('federal-register');
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 2, itemsNew: 2 });
    expect(report.errors).toEqual([
      {
        item: 'results[0].publication_date',
        message: 'FR Doc. 2099-00001: unreadable publication_date "sometime in spring"',
      },
    ]);
    const s = await source();
    expect(s.lastError).toBe(
      '1 item(s) rejected; first: results[0].publication_date: FR Doc. 2099-00001: unreadable publication_date "sometime in spring"',
    );
    expect(s).toMatchObject({ consecutiveFailures: 0, cursor: { publicationDateGte: '2025-10-02' } });
    expect((await prisma.db.sourcePayload.findFirstOrThrow({ where: { body } })).status).toBe('PARTIAL');
  });

  it('one run at a time: a second run while the lease is held is skipped; an expired lease is taken over', async () => {
    await prisma.db.source.update({
      where: { name: 'federal-register' },
      data: { leaseOwner: 'other-process', leaseUntil: new Date(clock.now().getTime() + 60_000) },
    });
    expect(await sources.run('federal-register')).toMatchObject({ outcome: 'skipped' });
    expect((await sources.list())[0]!.running).toBe(true);
    clock.advance(2 * 60_000);
    expect(await sources.run('federal-register')).toMatchObject({ outcome: 'ok' });
    expect(await source()).toMatchObject({ leaseOwner: null, leaseUntil: null });
  });

  it('concurrent runs in one process: exactly one runs', async () => {
    let release!: () => void;
    http.hold = new Promise((r) => (release = r));
    const started = http.nextRequest();
    const first = sources.run('federal-register');
    await started; // the first run holds the lease
    expect(await sources.run('federal-register')).toMatchObject({ outcome: 'skipped' });
    http.hold = null;
    release();
    expect(await first).toMatchObject({ outcome: 'ok' });
  });

  it('across processes (two app instances on one PostgreSQL database): exactly one runs', async () => {
    if (engine !== 'postgres') return; // PGlite is single-process by design (lock file), nothing to share
    const other = await createTestingModule({ DATABASE_URL: testDb.url, ...env }, clock, [[HTTP_CLIENT, http]]);
    let release!: () => void;
    http.hold = new Promise((r) => (release = r));
    try {
      const started = http.nextRequest();
      const first = sources.run('federal-register');
      await started; // the first run holds the lease
      expect(await other.get(SourcesService).run('federal-register')).toMatchObject({ outcome: 'skipped' });
      release();
      expect(await first).toMatchObject({ outcome: 'ok' });
    } finally {
      http.hold = null;
      release();
      await other.close();
    }
  });

  it('replays a saved payload through the same path (origin REPLAY)', async () => {
    const report = await sources.replay('federal-register', filePayload(examples));
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 6, itemsNew: 0 });
    expect(await prisma.db.sourcePayload.count({ where: { origin: 'REPLAY' } })).toBe(1);
    await expect(sources.replay('nope', filePayload('{}'))).rejects.toThrow(/Unknown source "nope"/);
  });

  it('replays a MOFCOM announcement file and page (a disabled source still takes replays); the tenant watching Dy is alerted', async () => {
    await moduleRef.get(TenantsService).provision(magnetMaker('alpha'));
    const report = await sources.replay('mofcom', filePayload(fixture('mofcom/fixtures/announcements_index.json')));
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 13, itemsNew: 13, errors: [] });
    const no18 = await prisma.db.policyChange.findUniqueOrThrow({
      where: { source_externalId: { source: 'mofcom', externalId: 'MOFCOM-GAC-2025-18' } },
    });
    expect(await crossTenant('test', () => prisma.db.alert.count({ where: { policyChangeId: no18.id } }))).toBe(1);
    const page = await sources.replay(
      'mofcom',
      filePayload(fixture('mofcom/fixtures/mofcom_2023_39_graphite.html'), 'text/html'),
    );
    expect(page).toMatchObject({ outcome: 'ok', itemsSeen: 1, itemsNew: 0 }); // same announcement as in the index
    const broken = await sources.replay('mofcom', filePayload('<html><body>维护中</body></html>', 'text/html'));
    expect(broken).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/no title/) });
    expect((await source()).lastError).toBeNull(); // the other source is untouched
    expect((await prisma.db.source.findUniqueOrThrow({ where: { name: 'mofcom' } })).lastError).toMatch(/no title/);
  });

  it('news items are stored as unofficial, and the alert email says it is a news report, not an official measure', async () => {
    const tenant = await moduleRef.get(TenantsService).provision({
      slug: 'gallium-user',
      name: 'Gallium User',
      users: [{ email: 'buyer@ga.example', name: 'Ga Buyer', role: 'BUYER' }],
      watches: [{ kind: 'ELEMENT', elementSymbol: 'Ga' }],
      suppliers: [],
    });
    const report = await sources.replay(
      'news',
      filePayload(fixture('news/fixtures/rare-earth-policy.atom.xml'), 'application/xml'),
    );
    expect(report).toMatchObject({ outcome: 'ok', itemsSeen: 5, itemsNew: 5 });
    const event = await prisma.db.policyChange.findUniqueOrThrow({
      where: { source_externalId: { source: 'news', externalId: 'urn:fixture:2025-11-09:policy_change' } },
    });
    expect(event.official).toBe(false);
    const [delivery] = await prisma.db.emailDelivery.findMany({ where: { tenantId: tenant.id, template: 'alert' } });
    expect((delivery!.payload as { event: { actionLabel: string } }).event.actionLabel).toBe(
      'News report, not an official measure: Export control suspended',
    );
  });

  it('connectors are built from configuration', () => {
    expect(moduleRef.get(SourcesService).names()).toEqual(['federal-register', 'mofcom', 'news', 'us-csl']);
    expect(
      new FederalRegisterConnector({
        enabled: false,
        baseUrl: 'https://x.test',
        intervalMinutes: 1,
        agencies: [],
        terms: [],
        since: '2025-01-01',
        maxPages: 1,
      }).enabled,
    ).toBe(false);
  });
});
