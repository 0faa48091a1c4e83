import { IsString, MaxLength } from 'class-validator';
import { FakeClock } from '../../common/clock.js';
import type { ImportJob } from '../../generated/prisma/client.js';
import type { ImportsRepository } from './imports.repository.js';
import { type ImportSpec, ImportsService, nextBatchSize, RowStore } from './imports.service.js';

class NameDto {
  @IsString() @MaxLength(10) name!: string;
}

/** An in-memory ImportsRepository: one job row per id. */
function fakeRepository() {
  const jobs = new Map<string, ImportJob>();
  let n = 0;
  const repo = {
    databaseKind: 'pglite',
    async create(tenantId: string, data: { kind: ImportJob['kind']; dryRun: boolean; partial: boolean }) {
      const job = {
        id: `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
        tenantId,
        status: 'QUEUED',
        total: null,
        processed: 0,
        valid: 0,
        created: 0,
        skipped: 0,
        errorCount: 0,
        errors: [],
        lastStoredLine: null,
        failure: null,
        createdAt: new Date('2026-12-04T12:00:00Z'),
        finishedAt: null,
        ...data,
      } as ImportJob;
      jobs.set(job.id, job);
      return job;
    },
    async find(tenantId: string, id: string) {
      const job = jobs.get(id);
      return job?.tenantId === tenantId ? job : null;
    },
    async update(_tenantId: string, id: string, data: Partial<ImportJob>) {
      Object.assign(jobs.get(id)!, data);
    },
    async failInterrupted() {
      return 0;
    },
  };
  return repo as unknown as ImportsRepository;
}

const csvOf = (names: string[]) => `name\n${names.join('\n')}\n`;

describe('ImportsService (the import runner)', () => {
  const tenant = '00000000-0000-7000-8000-00000000000a';
  let service: ImportsService;
  beforeEach(() => {
    service = new ImportsService(fakeRepository(), new FakeClock(new Date('2026-12-04T12:00:01Z')));
  });

  const spec = (over: Partial<ImportSpec<NameDto>> = {}): ImportSpec<NameDto> => ({
    kind: 'SUPPLIERS',
    columns: { known: ['name'], required: ['name'] },
    cls: NameDto,
    toPlain: (row) => row,
    writeBatch: async (rows) => rows.length,
    ...over,
  });

  it('stores batches in file order and calls the after-batch hook with each stored batch', async () => {
    const names = Array.from({ length: 500 }, (_, i) => `n${i}`);
    const stored: string[] = [];
    const after: number[] = [];
    const { done } = await service.start(
      tenant,
      spec({
        writeBatch: async (rows) => {
          stored.push(...rows.map((r) => r.name));
          return rows.length;
        },
        afterBatchWritten: async (rows) => {
          after.push(rows.length);
        },
      }),
      csvOf(names),
      { dryRun: false, partial: false },
    );
    const out = await done;
    expect(out.status).toBe('SUCCEEDED');
    expect(stored).toEqual(names);
    expect(after.reduce((a, b) => a + b, 0)).toBe(500);
    expect(out.report).toMatchObject({ rows: 500, valid: 500, imported: 500, lastStoredLine: 501, errorCount: 0 });
  });

  it('a failure mid-way ends FAILED and says which rows were stored (the batches before it)', async () => {
    let batches = 0;
    const { job, done } = await service.start(
      tenant,
      spec({
        writeBatch: async (rows) => {
          if (++batches === 2) throw new Error('disk full');
          return rows.length;
        },
      }),
      csvOf(Array.from({ length: 300 }, (_, i) => `n${i}`)),
      { dryRun: false, partial: false },
    );
    const out = await done;
    expect(out.status).toBe('FAILED');
    expect(out.report.failure).toBe('disk full');
    // The first batch holds 50 rows (lines 2-51): exactly those are stored.
    expect(out.report).toMatchObject({ imported: 50, lastStoredLine: 51 });
    expect(await service.get(tenant, job.id)).toMatchObject({
      status: 'FAILED',
      created: 50,
      lastStoredLine: 51,
      failure: 'disk full',
    });
  });

  it('skips the rows a per-row check refuses (duplicates) without rejecting the file, and reports them', async () => {
    const seen = new Set<string>();
    const { done } = await service.start(
      tenant,
      spec({
        rowCheck: async () => (dto) => {
          if (seen.has(dto.name)) return { field: 'name', reason: `duplicate of an earlier row: ${dto.name}` };
          seen.add(dto.name);
          return null;
        },
      }),
      csvOf(['a', 'b', 'a', 'waytoolongname']),
      { dryRun: false, partial: true },
    );
    const { status, report } = await done;
    expect(status).toBe('SUCCEEDED');
    expect(report).toMatchObject({ rows: 4, valid: 3, skipped: 1, imported: 2, errorCount: 2 });
    expect(report.errors).toEqual([
      { line: 4, field: 'name', reason: 'duplicate of an earlier row: a', skipped: true },
      { line: 5, field: 'name', reason: expect.stringContaining('10') },
    ]);
  });

  it('rejects a file with errors without partial (nothing written) and keeps another tenant from reading the job', async () => {
    let writes = 0;
    const write = async (rows: NameDto[]) => {
      writes++;
      return rows.length;
    };
    const { job, done } = await service.start(tenant, spec({ writeBatch: write }), csvOf(['ok', 'waytoolongname']), {
      dryRun: false,
      partial: false,
    });
    expect((await done).status).toBe('REJECTED');
    expect(writes).toBe(0);
    await expect(service.get('00000000-0000-7000-8000-00000000000b', job.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe('nextBatchSize', () => {
  it('scales the batch toward ~8 ms of CPU, at most doubling or quartering, within 50..2000 rows', () => {
    expect(nextBatchSize(100, 4)).toBe(200);
    expect(nextBatchSize(100, 0)).toBe(200);
    expect(nextBatchSize(400, 16)).toBe(200);
    expect(nextBatchSize(400, 100)).toBe(100);
    expect(nextBatchSize(60, 100)).toBe(50);
    expect(nextBatchSize(1500, 1)).toBe(2000);
  });
});

describe('RowStore (valid rows kept outside the JS heap until written)', () => {
  it('gives back the rows pushed, in ranges, with their lines, past its first buffer sizes', () => {
    const store = new RowStore();
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      name: `稀土 ${i} 𠀀 "q" ${'x'.repeat(300)}`,
      aliases: [`a${i}`],
      n: i,
      x: null,
    }));
    for (const [i, r] of rows.entries()) store.push(JSON.stringify(r), i * 2 + 2);
    expect(store.length).toBe(5000);
    expect(store.read(0, 3)).toEqual(rows.slice(0, 3));
    expect(store.read(4998, 50)).toEqual(rows.slice(4998));
    expect(store.read(5000, 10)).toEqual([]);
    const all: unknown[] = [];
    for (let i = 0; i < store.length; i += 777) all.push(...store.read(i, 777));
    expect(all).toEqual(rows);
    expect([store.line(0), store.line(4999)]).toEqual([2, 10000]);
  });
});
