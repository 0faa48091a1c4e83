import type { TestingModule } from '@nestjs/testing';
import { FakeClock } from '../../common/clock.js';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../testing/databases.js';
import { createTestingModule } from '../../testing/test-app.js';
import { SourcesService } from '../sources/sources.service.js';
import { filePayload, fixture } from '../sources/testing.js';
import { MeasuresService } from './measures.service.js';

describe.each(ENGINES)('measures on %s', (engine) => {
  let testDb: TestDatabase;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    testDb = await createTestDatabase(engine);
    // Before MOFCOM/GAC 2025 No. 70's suspension ends (2026-11-10).
    moduleRef = await createTestingModule(
      { DATABASE_URL: testDb.url },
      new FakeClock(new Date('2026-03-01T09:00:00Z')),
    );
  });
  afterAll(async () => {
    await moduleRef?.close();
    await testDb?.drop();
  });

  it('links MOFCOM announcements and a news report about the same measure into one status timeline', async () => {
    const sources = moduleRef.get(SourcesService);
    const measures = moduleRef.get(MeasuresService);
    await sources.replay('mofcom', filePayload(fixture('mofcom/fixtures/announcements_index.json')));
    await sources.replay('news', filePayload(fixture('news/fixtures/rare-earth-policy.atom.xml'), 'application/xml'));

    const no57 = await measures.get('MOFCOM-GAC-2025-57');
    expect(no57).toMatchObject({ status: 'SUSPENDED' });
    expect(no57.timeline.map((s) => [s.event.externalId, s.role, s.action, s.statusAfter])).toEqual([
      ['MOFCOM-GAC-2025-57', 'SELF', 'IMPOSED', 'IN_FORCE'],
      ['MOFCOM-GAC-2025-70', 'AFFECTS', 'SUSPENDED', 'SUSPENDED'],
    ]);

    const no70 = await measures.get('MOFCOM-GAC-2025-70');
    expect(no70.timeline.map((s) => [s.event.source, s.role, s.official, s.statusAfter])).toEqual([
      ['mofcom', 'SELF', true, 'IN_FORCE'],
      ['news', 'CITES', false, 'IN_FORCE'], // the news item reports No. 70: linked, never changes the status
    ]);
    expect(no70.timeline[0]!.occurredOn).toBe('2025-11-07');

    const no18 = await measures.get('MOFCOM-GAC-2025-18');
    expect(no18).toMatchObject({ status: 'IN_FORCE', title: '公布对部分中重稀土相关物项实施出口管制的决定' });
  });

  it('lists measures by status and by an element an event names, newest first, page by page', async () => {
    const measures = moduleRef.get(MeasuresService);
    const all = await measures.list({}, 200);
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(12);
    const suspended = await measures.list({ status: 'SUSPENDED' }, 200);
    expect(suspended.items.map((m) => m.key)).toContain('MOFCOM-GAC-2025-57');
    expect(suspended.items.every((m) => m.status === 'SUSPENDED')).toBe(true);
    const ho = await measures.list({ element: 'Ho' }, 200);
    expect(ho.items.map((m) => m.key)).toEqual(['MOFCOM-GAC-2025-57']); // No. 57 (Ho, Er, Tm, Eu, Yb); No. 70 names no element
    expect(ho.items[0]).toMatchObject({ elements: ['Ho', 'Er', 'Tm', 'Eu', 'Yb'], sources: ['mofcom'], events: 2 });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await measures.list({}, 5, cursor);
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((m) => m.key));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((m) => m.key));
  });
});
