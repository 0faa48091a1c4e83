import type { TestingModule } from '@nestjs/testing';
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
    moduleRef = await createTestingModule({ DATABASE_URL: testDb.url });
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

    const no57 = await measures.timeline('MOFCOM-GAC-2025-57');
    expect(no57).toMatchObject({ status: 'SUSPENDED' });
    expect(no57!.timeline.map((s) => [s.policyChange.externalId, s.role, s.action, s.statusAfter])).toEqual([
      ['MOFCOM-GAC-2025-57', 'SELF', 'IMPOSED', 'IN_FORCE'],
      ['MOFCOM-GAC-2025-70', 'AFFECTS', 'SUSPENDED', 'SUSPENDED'],
    ]);

    const no70 = await measures.timeline('MOFCOM-GAC-2025-70');
    expect(no70!.timeline.map((s) => [s.policyChange.source, s.role, s.official, s.statusAfter])).toEqual([
      ['mofcom', 'SELF', true, 'IN_FORCE'],
      ['news', 'CITES', false, 'IN_FORCE'], // the news item reports No. 70: linked, never changes the status
    ]);
    expect(no70!.timeline[0]!.occurredOn?.toISOString().slice(0, 10)).toBe('2025-11-07');

    const no18 = await measures.timeline('MOFCOM-GAC-2025-18');
    expect(no18).toMatchObject({ status: 'IN_FORCE', title: '公布对部分中重稀土相关物项实施出口管制的决定' });
  });
});
