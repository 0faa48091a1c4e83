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

/**
 * CSV text as an import receives it: a string, or the bytes of the request body (UTF-8) in the chunks they arrived in,
 * so that a 20 MB file is never decoded or copied in one piece on the event loop (the parser decodes cell by cell).
 */
export type CsvText = string | readonly Uint8Array[];

/** Characters or bytes handed to the CSV parser at a time (~1-2 ms of work); the slicer yields between them. */
const PARSE_CHUNK = 16 * 1024;

/** Pieces of at most {@link PARSE_CHUNK} characters or bytes, in order; a string is never cut inside a surrogate pair. */
function* pieces(text: CsvText): Generator<string | Uint8Array> {
  if (typeof text !== 'string') {
    for (const chunk of text)
      for (let i = 0; i < chunk.length; i += PARSE_CHUNK) yield chunk.subarray(i, i + PARSE_CHUNK);
    return;
  }
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + PARSE_CHUNK);
    // The stream encodes each written string on its own: a pair split in two would become two U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(i, end);
    i = end;
  }
}

/**
 * Length of the text in UTF-16 code units (a string's `length`): exact for a string and for chunks of up to 1 MiB;
 * larger chunks count their bytes (more than 4 × 256 Ki characters' worth either way, see SYNC_IMPORT_CHARS).
 */
export function csvTextLength(text: CsvText | { length: number }): number {
  if (typeof text === 'string' || !Array.isArray(text)) return (text as { length: number }).length;
  const chunks = text as readonly Uint8Array[];
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  if (bytes > 1024 * 1024) return bytes;
  return Buffer.concat(chunks).toString('utf8').length;
}

/**
 * Reads CSV text with a header row (csv-parse: RFC 4180 quoting, UTF-8, BOM stripped, cells trimmed, empty lines
 * skipped) in pieces of 16 KB, yielding to the event loop between them (every ~10 ms), and hands each record to
 * `onRecord` as soon as it is read: no list of records is built, so a 100,000-row file does not keep 100,000 objects
 * alive. Unknown columns and missing required columns are reported on line 1 and no record is handed on (the rest of
 * the file is still read, so that malformed CSV is reported as such).
 * @param onRecord called once per data record in file order, with the line it starts on (awaited); omit it to count.
 * @returns the number of data records, or the file's errors (malformed CSV: one `(file)` error; then `onRecord` may
 *   have seen the records before the malformed one).
 */
export async function readCsvRecords(
  text: CsvText,
  columns: CsvColumns,
  slicer = new TimeSlicer(),
  onRecord?: (record: CsvRecord) => void | Promise<void>,
): Promise<{ rows: number; errors: CsvRowError[] }> {
  let header: string[] | undefined;
  let headerErrors: CsvRowError[] = [];
  const parser = parse({
    columns: (names: string[]) => {
      header = names;
      headerErrors = headerProblems(names, columns);
      return names;
    },
    skip_empty_lines: true,
    trim: true,
    bom: true,
    info: true,
    raw: true,
    relax_column_count: false,
  });
  let failure: { lines?: number; message: string } | null = null;
  parser.on('error', (error: { lines?: number; message: string }) => {
    failure ??= error;
  });
  let rows = 0;
  const drain = async () => {
    for (
      let r: { info: { lines: number }; raw: string; record: Record<string, string> } | null = parser.read();
      r !== null;
      r = parser.read()
    ) {
      rows++;
      if (!onRecord || headerErrors.length) continue;
      // info.lines is where the record ends; raw may start with skipped empty lines.
      const line =
        r.info.lines -
        (r.raw
          .replace(/^(\r?\n)+/, '')
          .replace(/\r?\n$/, '')
          .match(/\n/g)?.length ?? 0);
      await onRecord({ line, record: r.record });
    }
  };
  const failed = () => failure ?? (parser.errored as { lines?: number; message: string } | null);
  for (const piece of pieces(text)) {
    parser.write(piece);
    // Read the piece's records now: left to the 'readable' event, backpressure (an object-mode buffer of 16) would
    // queue the written pieces and parse them all in one synchronous read loop (640 ms for 5 MB, measured).
    await drain();
    if (failed()) break;
    await slicer.maybeYield();
  }
  if (!failed()) {
    const ended = new Promise<void>((resolve) => {
      parser.once('finish', resolve);
      parser.once('error', () => resolve());
    });
    parser.end();
    await ended;
    await drain();
  }
  const e = failed();
  if (e) return { rows: 0, errors: [{ line: e.lines ?? 1, field: '(file)', reason: `not valid CSV: ${e.message}` }] };
  // An empty file has no header: as a header of one empty column.
  if (!header) headerErrors = headerProblems([''], columns);
  return headerErrors.length ? { rows: 0, errors: headerErrors } : { rows, errors: [] };
}

/** Unknown and missing columns of a header row, as errors on line 1. */
function headerProblems(header: readonly string[], columns: CsvColumns): CsvRowError[] {
  const errors: CsvRowError[] = [];
  for (const h of header)
    if (!columns.known.includes(h))
      errors.push({ line: 1, field: h, reason: `unknown column; known columns: ${columns.known.join(', ')}` });
  for (const r of columns.required)
    if (!header.includes(r)) errors.push({ line: 1, field: r, reason: 'required column is missing' });
  return errors;
}

/**
 * Parses CSV text into a list of records (see {@link readCsvRecords}, which reads them one by one without a list).
 * @returns the records with the line each starts on, or the file's errors (and no record).
 */
export async function parseCsvRecords(
  text: CsvText,
  columns: CsvColumns,
  slicer = new TimeSlicer(),
): Promise<{ records: CsvRecord[]; errors: CsvRowError[] }> {
  const records: CsvRecord[] = [];
  const { errors } = await readCsvRecords(text, columns, slicer, (r) => {
    records.push(r);
  });
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
  text: CsvText,
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
