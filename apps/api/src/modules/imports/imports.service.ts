import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { FieldError } from '../../common/validation.js';
import { adaptSize, threadCpuMs, TimeSlicer } from '../../common/yield.js';
import type { ImportJob } from '../../generated/prisma/client.js';
import {
  type CsvColumns,
  type CsvImportReport,
  type CsvRecord,
  type CsvRowError,
  type CsvText,
  readCsvRecords,
  validateCsvRecord,
} from '../watchlist/csv-import.js';
import { ImportsRepository } from './imports.repository.js';

export { MAX_IMPORT_BYTES } from './csv-body.js';
/** Errors kept per job (and returned by a synchronous import); `errorCount` still counts them all. */
export const MAX_STORED_ERRORS = 1000;
/** On PostgreSQL, an unfinished job older than this at start-up is taken as interrupted (see failInterrupted). */
const STALE_AFTER_MS = 60 * 60 * 1000;
/** The job row's counts are written at most this often while an import runs, in milliseconds. */
const PROGRESS_EVERY_MS = 500;
/**
 * Rows per batch: adapted after every batch so that one batch costs about {@link BATCH_TARGET_MS} of this thread's
 * CPU time (PGlite executes the statement on this thread, without a turn of the event loop until it is done; with
 * PostgreSQL only the statement's preparation costs CPU here, so batches grow to the maximum).
 */
const BATCH_MIN = 50;
const BATCH_MAX = 2000;
const BATCH_TARGET_MS = 8;

/** The next batch size after a batch of `size` rows cost `tookMs` of CPU: toward the target, see {@link adaptSize}. */
export function nextBatchSize(size: number, tookMs: number): number {
  return adaptSize(size, tookMs, BATCH_TARGET_MS, BATCH_MIN, BATCH_MAX);
}

export type ImportKind = ImportJob['kind'];

/**
 * Where an import's records come from when the file is not CSV text (e.g. an XLSX workbook read by a streaming
 * reader): returns the records with their lines, or the file's errors; it should yield through `slicer`.
 */
export type RecordSource = (slicer: TimeSlicer) => Promise<{ records: CsvRecord[]; errors: CsvRowError[] }>;

/** The outcome of a per-row check: null keeps the row; a problem skips it (reported with `skipped: true`). */
export type RowCheck<T> = (dto: T, line: number) => { field: string; reason: string } | null;

/**
 * What an import of one kind does. The runner parses and validates in time slices, then stores the valid rows in
 * batches, in file order.
 */
export interface ImportSpec<T extends object> {
  kind: ImportKind;
  columns: CsvColumns;
  /** The DTO class each row is validated against (as the single-item POST). */
  cls: new () => T;
  /** Turns a CSV record (empty cells omitted) into the DTO's shape. */
  toPlain: (row: Record<string, string>) => Record<string, unknown>;
  /** Checks beyond the DTO for one row; synchronous (load reference data beforehand). */
  extraErrors?: (dto: T) => FieldError[];
  /**
   * Per-row checks against the rest of the file and the stored data, such as duplicate detection: called once per
   * import before validation (load the stored keys there); the function it returns sees every valid row in file order.
   */
  rowCheck?: () => Promise<RowCheck<T>>;
  /**
   * Stores one batch (one statement: all of it or none). The rows are the validated DTOs as plain data (their JSON,
   * parsed again: the runner keeps each valid row as one JSON string until it is written, not as class instances).
   * @returns how many rows were stored.
   */
  writeBatch: (rows: T[]) => Promise<number>;
  /** After batch written: runs once each batch is stored, with its rows (e.g. matching stored events against them). */
  afterBatchWritten?: (rows: T[]) => Promise<void>;
  /** Runs once when an import stored rows (e.g. the audit entry). */
  onStored?: (count: number, importId: string) => Promise<void>;
}

/**
 * An import job for clients (GET /v1/imports/:id): `{ id, kind, status, dryRun, partial, total, processed, valid,
 * created, skipped, errorCount, errors: [{ line, field, reason, skipped? }] (one page), errorsNextOffset,
 * lastStoredLine, failure, createdAt, finishedAt }`; times are ISO-8601 UTC, `total` is null until the file is parsed.
 */
export interface ImportJobView {
  id: string;
  kind: ImportKind;
  status: ImportJob['status'];
  dryRun: boolean;
  partial: boolean;
  total: number | null;
  processed: number;
  valid: number;
  created: number;
  skipped: number;
  errorCount: number;
  errors: CsvRowError[];
  /** Offset of the next page of `errors` (null when this page is the last kept). */
  errorsNextOffset: number | null;
  lastStoredLine: number | null;
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** How an import ended, with the report of a synchronous import. */
export interface ImportOutcome {
  status: 'SUCCEEDED' | 'REJECTED' | 'FAILED';
  report: CsvImportReport & { status: ImportOutcome['status']; lastStoredLine: number | null; failure?: string };
}

/**
 * Runs CSV imports as jobs in this process without blocking the event loop: parsing and validation yield every
 * ~10 ms, rows are written in batches of ~20 ms, and the job row records progress. Semantics: the whole file is
 * validated before anything is written; a dry run stores nothing; a file with errors stores nothing unless `partial`
 * (REJECTED); rows are then stored in file order, batch by batch, each batch atomically, so an import that fails
 * mid-way (FAILED) has stored exactly the valid rows up to `lastStoredLine` (`created` of them).
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ImportsService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly repository: ImportsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Jobs a previous process left unfinished are marked FAILED (their counts say what was stored). */
  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.now();
    const n = await this.repository.failInterrupted(now, new Date(now.getTime() - STALE_AFTER_MS));
    if (n) this.logger.warn(`${n} import job(s) interrupted by a restart marked FAILED`);
  }

  /** Lets running imports finish before the database is closed. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /**
   * Creates an import job and starts it on the next turn of the event loop. `csv` is CSV text (a string, or the
   * request body's bytes in chunks), or a {@link RecordSource} for other formats (XLSX).
   * @returns the job as stored (QUEUED) and a promise of its outcome (never rejects: failures end as FAILED).
   */
  async start<T extends object>(
    tenantId: string,
    spec: ImportSpec<T>,
    csv: CsvText | RecordSource,
    opts: { dryRun: boolean; partial: boolean },
  ): Promise<{ job: ImportJobView; done: Promise<ImportOutcome> }> {
    const job = await this.repository.create(tenantId, { kind: spec.kind, ...opts });
    const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(job, spec, csv));
    this.running.add(done);
    void done.finally(() => this.running.delete(done));
    return { job: view(job, 0, 0), done };
  }

  /**
   * One job of the tenant with a page of its errors.
   * @param errorsOffset first error to return (0-based); `errorsLimit` how many (1-1000).
   * @throws NotFoundException (404) when the job is not this tenant's.
   */
  async get(tenantId: string, id: string, errorsOffset = 0, errorsLimit = 100): Promise<ImportJobView> {
    const job = await this.repository.find(tenantId, id);
    if (!job) throw new NotFoundException('Import job not found');
    return view(job, errorsOffset, errorsLimit);
  }

  private async run<T extends object>(
    job: ImportJob,
    spec: ImportSpec<T>,
    csv: CsvText | RecordSource,
  ): Promise<ImportOutcome> {
    const { tenantId, id } = job;
    const s = {
      total: null as number | null,
      processed: 0,
      valid: 0,
      created: 0,
      skipped: 0,
      errorCount: 0,
      invalidRows: 0,
      errors: [] as CsvRowError[],
      lastStoredLine: null as number | null,
    };
    const addErrors = (errors: CsvRowError[]) => {
      s.errorCount += errors.length;
      for (const e of errors) if (s.errors.length < MAX_STORED_ERRORS) s.errors.push(e);
    };
    const counts = () => ({
      total: s.total,
      processed: s.processed,
      valid: s.valid,
      created: s.created,
      skipped: s.skipped,
      errorCount: s.errorCount,
      lastStoredLine: s.lastStoredLine,
    });
    let lastProgress = performance.now();
    const progress = async () => {
      if (performance.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = performance.now();
      await this.repository.update(tenantId, id, counts());
    };
    const finish = async (status: ImportOutcome['status'], failure?: string): Promise<ImportOutcome> => {
      const data = { ...counts(), status, errors: JSON.parse(JSON.stringify(s.errors)), finishedAt: this.clock.now() };
      try {
        await this.repository.update(tenantId, id, failure ? { ...data, failure } : data);
      } catch (error) {
        this.logger.error(`import ${id}: could not record its end (${status}): ${(error as Error).message}`);
      }
      return {
        status,
        report: {
          importId: id,
          status,
          dryRun: job.dryRun,
          partial: job.partial,
          rows: s.total ?? 0,
          valid: s.valid,
          imported: s.created,
          skipped: s.skipped,
          errorCount: s.errorCount,
          errors: s.errors,
          lastStoredLine: s.lastStoredLine,
          ...(failure ? { failure } : {}),
        },
      };
    };

    try {
      const slicer = new TimeSlicer();
      await this.repository.update(tenantId, id, { status: 'RUNNING' });
      let check: RowCheck<T> | null = null;
      // The valid rows to store, as their DTOs' JSON outside the JS heap (100,000 DTOs with their nested objects kept
      // alive made garbage collection pause the event loop for up to 80 ms), with their lines.
      const rows = new RowStore();
      const validate = async (record: CsvRecord) => {
        const out = await validateCsvRecord(record, spec.cls, spec.toPlain, spec.extraErrors);
        if (out.dto) {
          s.valid++;
          // Per-row checks against the file so far and the stored rows (duplicates) slot in here.
          const problem = check?.(out.dto, record.line);
          if (problem) {
            s.skipped++;
            addErrors([{ line: record.line, ...problem, skipped: true }]);
          } else {
            rows.push(JSON.stringify(out.dto), record.line);
          }
        } else {
          s.invalidRows++;
          addErrors(out.errors ?? []);
        }
        s.processed++;
        await slicer.maybeYield();
        await progress();
      };
      if (typeof csv === 'function') {
        const parsed = await csv(slicer);
        addErrors(parsed.errors);
        s.invalidRows += parsed.errors.length ? 1 : 0;
        s.total = parsed.records.length;
        const records = parsed.records;
        parsed.records = []; // `records` is emptied as it is validated: the GC need not keep (and trace) what is done
        check = spec.rowCheck ? await spec.rowCheck() : null;
        for (let r = 0; r < records.length; r++) {
          const record = records[r]!;
          records[r] = undefined as unknown as CsvRecord;
          await validate(record);
        }
      } else {
        // Read the file twice rather than keep its records: once to count them (and find malformed CSV or a bad
        // header, which reject the whole file before any row is validated), once to validate them as they are read.
        const counted = await readCsvRecords(csv, spec.columns, slicer);
        addErrors(counted.errors);
        s.invalidRows += counted.errors.length ? 1 : 0;
        s.total = counted.rows;
        await this.repository.update(tenantId, id, counts());
        check = spec.rowCheck ? await spec.rowCheck() : null;
        if (!counted.errors.length) await readCsvRecords(csv, spec.columns, slicer, validate);
      }
      if (job.dryRun) return await finish('SUCCEEDED');
      if (s.invalidRows && !job.partial) return await finish('REJECTED');

      let size = BATCH_MIN;
      for (let i = 0; i < rows.length; ) {
        const t0 = threadCpuMs();
        const batch = rows.read(i, size) as T[];
        const lastLine = rows.line(i + batch.length - 1);
        i += batch.length; // before `size` adapts
        s.created += await spec.writeBatch(batch);
        s.lastStoredLine = lastLine;
        // After batch written: hooks that act on the stored rows go here.
        await spec.afterBatchWritten?.(batch);
        size = nextBatchSize(size, threadCpuMs() - t0);
        await progress();
        await slicer.yieldNow();
      }
      if (s.created) await spec.onStored?.(s.created, id);
      return await finish('SUCCEEDED');
    } catch (error) {
      this.logger.error(`import ${id} failed after storing ${s.created} row(s): ${(error as Error).stack}`);
      return finish('FAILED', `${(error as Error).message}`.slice(0, 1000));
    }
  }
}

/**
 * The valid rows of an import until they are written: each row's JSON, UTF-8 encoded one after the other in one
 * growing buffer (outside the JS heap), and its line. Kept as 100,000 strings or objects, they would be copied by
 * every young-generation garbage collection that found them alive and traced by every full one.
 */
export class RowStore {
  private bytes = Buffer.allocUnsafe(1024 * 1024);
  private used = 0;
  /** Offsets: row i is bytes[ends[i - 1] (or 0) .. ends[i]). */
  private ends = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends one row (its JSON) and the line it starts on. */
  push(json: string, line: number): void {
    const need = Buffer.byteLength(json) + 1;
    if (this.used + need > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + need));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count === this.ends.length) {
      const ends = new Uint32Array(this.count * 2);
      ends.set(this.ends);
      this.ends = ends;
      const lines = new Uint32Array(this.count * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    // Rows are separated by commas, so that a run of them parses as one JSON array.
    this.used += this.bytes.write(json, this.used);
    this.bytes[this.used++] = 0x2c;
    this.ends[this.count] = this.used;
    this.lines[this.count++] = line;
  }

  /** Rows `from` .. `from + n - 1` (fewer at the end), parsed: plain objects, not class instances. */
  read(from: number, n: number): unknown[] {
    const to = Math.min(this.count, from + n);
    if (to <= from) return [];
    const start = from === 0 ? 0 : this.ends[from - 1]!;
    // Without the last row's trailing comma.
    return JSON.parse(`[${this.bytes.toString('utf8', start, this.ends[to - 1]! - 1)}]`) as unknown[];
  }

  /** The line row `i` starts on. */
  line(i: number): number {
    return this.lines[i]!;
  }
}

function view(job: ImportJob, errorsOffset: number, errorsLimit: number): ImportJobView {
  const all = (job.errors ?? []) as unknown as CsvRowError[];
  const end = errorsOffset + errorsLimit;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    dryRun: job.dryRun,
    partial: job.partial,
    total: job.total,
    processed: job.processed,
    valid: job.valid,
    created: job.created,
    skipped: job.skipped,
    errorCount: job.errorCount,
    errors: all.slice(errorsOffset, end),
    errorsNextOffset: end < all.length ? end : null,
    lastStoredLine: job.lastStoredLine,
    failure: job.failure,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
