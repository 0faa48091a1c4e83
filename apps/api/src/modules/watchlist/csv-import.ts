import { parse } from 'csv-parse';
import { FieldValidationException, type FieldError, validateDto } from '../../common/validation.js';
import { TimeSlicer } from '../../common/yield.js';

/** One problem of a CSV file: `line` is 1-based (line 1 is the header), `field` the column. */
export interface CsvRowError {
  line: number;
  field: string;
  reason: string;
  /** Set when the row was valid but skipped by a per-row check (e.g. a duplicate); such rows do not reject a file. */
  skipped?: true;
}

/** Outcome of a CSV import or dry run. */
export interface CsvImportReport {
  /** The import job (GET /v1/imports/:id). */
  importId: string;
  dryRun: boolean;
  partial: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Rows without errors. */
  valid: number;
  /** Rows stored by this call (0 for a dry run, and for an invalid file without `partial`). */
  imported: number;
  /** Valid rows skipped by a per-row check (duplicates); each is also in `errors` with `skipped: true`. */
  skipped: number;
  /** How many errors were found; `errors` holds at most the first 1,000. */
  errorCount: number;
  errors: CsvRowError[];
  /** Watchlist imports: rows skipped because they repeat a stored watch or an earlier row (see watch-identity.ts). */
  duplicates?: ({ line: number; duplicateOfLine: number } | { line: number; duplicateOfId: string })[];
}

/** The columns of an import: every known column, and those that must be present. */
export interface CsvColumns {
  known: readonly string[];
  required: readonly string[];
}

/** One data record of a CSV file with the line it starts on. */
export interface CsvRecord {
  line: number;
  record: Record<string, string>;
}

/** Characters handed to the CSV parser at a time (~1-2 ms of work); the slicer yields between them every ~10 ms. */
const PARSE_CHUNK = 16 * 1024;

/**
 * Parses CSV text with a header row (csv-parse: RFC 4180 quoting, UTF-8, BOM stripped, cells trimmed, empty lines
 * skipped) in chunks, yielding to the event loop between them, so a 20 MB file does not stall other requests.
 * Unknown columns and missing required columns are reported on line 1 (and no record is returned).
 * @returns the records with the line each starts on, or the file's errors (malformed CSV: one `(file)` error).
 */
export async function parseCsvRecords(
  text: string,
  columns: CsvColumns,
  slicer = new TimeSlicer(),
): Promise<{ records: CsvRecord[]; errors: CsvRowError[] }> {
  const records: CsvRecord[] = [];
  let failure: { lines?: number; message: string } | null = null;
  const parser = parse({
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
    info: true,
    raw: true,
    relax_column_count: false,
  });
  parser.on('error', (error: { lines?: number; message: string }) => {
    failure ??= error;
  });
  const drain = () => {
    let r: { info: { lines: number }; raw: string; record: Record<string, string> } | null = parser.read();
    while (r !== null) {
      // info.lines is where the record ends; raw may start with skipped empty lines.
      const line =
        r.info.lines -
        (r.raw
          .replace(/^(\r?\n)+/, '')
          .replace(/\r?\n$/, '')
          .match(/\n/g)?.length ?? 0);
      records.push({ line, record: r.record });
      r = parser.read();
    }
  };
  parser.on('readable', drain);
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let i = 0; i < text.length && !failure; i += PARSE_CHUNK) {
    parser.write(text.slice(i, i + PARSE_CHUNK));
    // Read the chunk's records now: left to the 'readable' event, backpressure (an object-mode buffer of 16) would
    // queue the written chunks and parse them all in one synchronous read loop (640 ms for 5 MB, measured).
    drain();
    await slicer.maybeYield();
  }
  if (!failure) parser.end();
  await ended;
  drain();
  if (failure) {
    const e = failure as { lines?: number; message: string };
    return { records: [], errors: [{ line: e.lines ?? 1, field: '(file)', reason: `not valid CSV: ${e.message}` }] };
  }
  const errors: CsvRowError[] = [];
  // The first line only: no copy or split of the whole (up to 20 MB) text on the event loop.
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const eol = text.indexOf('\n', start);
  const header = text
    .slice(start, eol === -1 ? text.length : eol)
    .replace(/\r$/, '')
    .split(',')
    .map((h) => h.trim().replace(/^"|"$/g, ''));
  for (const h of header)
    if (!columns.known.includes(h))
      errors.push({ line: 1, field: h, reason: `unknown column; known columns: ${columns.known.join(', ')}` });
  for (const r of columns.required)
    if (!header.includes(r)) errors.push({ line: 1, field: r, reason: 'required column is missing' });
  return { records: errors.length ? [] : records, errors };
}

/**
 * Validates one record against a DTO class, after `toPlain` turns it into the DTO's shape (empty cells omitted).
 * @returns the DTO, or the row's errors.
 */
export async function validateCsvRecord<T extends object>(
  { line, record }: CsvRecord,
  cls: new () => T,
  toPlain: (row: Record<string, string>) => Record<string, unknown>,
  extraErrors: (dto: T) => FieldError[] | Promise<FieldError[]> = () => [],
): Promise<{ dto: T; errors?: undefined } | { dto?: undefined; errors: CsvRowError[] }> {
  const plain = toPlain(Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')));
  try {
    const dto = await validateDto(cls, plain);
    const more = await extraErrors(dto);
    if (more.length) throw new FieldValidationException(more);
    return { dto };
  } catch (error) {
    if (!(error instanceof FieldValidationException)) throw error;
    const errors: CsvRowError[] = [];
    for (const fe of error.errors) for (const reason of fe.messages) errors.push({ line, field: fe.field, reason });
    return { errors };
  }
}

/**
 * Parses CSV text and validates each row against a DTO class (see {@link parseCsvRecords} and
 * {@link validateCsvRecord}), yielding to the event loop as it goes.
 * @returns the number of data rows, the valid rows with their line, and every error.
 */
export async function parseCsvRows<T extends object>(
  text: string,
  columns: CsvColumns,
  cls: new () => T,
  toPlain: (row: Record<string, string>) => Record<string, unknown>,
  extraErrors?: (dto: T) => FieldError[] | Promise<FieldError[]>,
): Promise<{ rows: number; valid: { line: number; dto: T }[]; errors: CsvRowError[] }> {
  const slicer = new TimeSlicer();
  const parsed = await parseCsvRecords(text, columns, slicer);
  const valid: { line: number; dto: T }[] = [];
  const errors = [...parsed.errors];
  for (const record of parsed.records) {
    const out = await validateCsvRecord(record, cls, toPlain, extraErrors);
    if (out.dto) valid.push({ line: record.line, dto: out.dto });
    else errors.push(...(out.errors ?? []));
    await slicer.maybeYield();
  }
  return { rows: parsed.records.length, valid, errors };
}

/** Splits a multi-value cell ("a; b; c") into values. */
export function splitList(cell: string | undefined): string[] | undefined {
  if (cell === undefined) return undefined;
  return cell
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
