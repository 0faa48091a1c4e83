import { parse } from 'csv-parse/sync';
import { FieldValidationException, validateDto } from '../../common/validation.js';

/** One problem of a CSV file: `line` is 1-based (line 1 is the header), `field` the column. */
export interface CsvRowError {
  line: number;
  field: string;
  reason: string;
}

/** Outcome of a CSV import or dry run. */
export interface CsvImportReport {
  dryRun: boolean;
  partial: boolean;
  /** Data rows in the file. */
  rows: number;
  /** Rows without errors. */
  valid: number;
  /** Rows stored by this call (0 for a dry run, and for an invalid file without `partial`). */
  imported: number;
  errors: CsvRowError[];
  /** Watchlist imports: rows skipped because they repeat a stored watch or an earlier row (see watch-identity.ts). */
  duplicates?: ({ line: number; duplicateOfLine: number } | { line: number; duplicateOfId: string })[];
}

/**
 * Parses CSV text with a header row (csv-parse: RFC 4180 quoting, UTF-8, BOM stripped, cells trimmed, empty lines
 * skipped) and validates each row against a DTO class, after `toPlain` turns the row into the DTO's shape.
 * Unknown columns and missing required columns are reported on line 1.
 * @returns the valid rows with their line, and every error.
 */
export async function parseCsvRows<T extends object>(
  text: string,
  columns: { known: readonly string[]; required: readonly string[] },
  cls: new () => T,
  toPlain: (row: Record<string, string>) => Record<string, unknown>,
  extraErrors: (dto: T) => Promise<{ field: string; messages: string[] }[]> = async () => [],
): Promise<{ rows: number; valid: { line: number; dto: T }[]; errors: CsvRowError[] }> {
  let records: { info: { lines: number }; raw: string; record: Record<string, string> }[];
  try {
    records = parse(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      raw: true,
      relax_column_count: false,
    });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    return {
      rows: 0,
      valid: [],
      errors: [{ line: e.lines ?? 1, field: '(file)', reason: `not valid CSV: ${e.message}` }],
    };
  }
  const errors: CsvRowError[] = [];
  const header = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',')
    .map((h) => h.trim().replace(/^"|"$/g, ''));
  for (const h of header)
    if (!columns.known.includes(h))
      errors.push({ line: 1, field: h, reason: `unknown column; known columns: ${columns.known.join(', ')}` });
  for (const r of columns.required)
    if (!header.includes(r)) errors.push({ line: 1, field: r, reason: 'required column is missing' });
  if (errors.length) return { rows: records.length, valid: [], errors };

  const valid: { line: number; dto: T }[] = [];
  for (const { info, raw, record } of records) {
    // info.lines is where the record ends; raw may start with skipped empty lines.
    const line =
      info.lines -
      (raw
        .replace(/^(\r?\n)+/, '')
        .replace(/\r?\n$/, '')
        .match(/\n/g)?.length ?? 0);
    const plain = toPlain(Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '')));
    try {
      const dto = await validateDto(cls, plain);
      const more = await extraErrors(dto);
      if (more.length) throw new FieldValidationException(more);
      valid.push({ line, dto });
    } catch (error) {
      if (!(error instanceof FieldValidationException)) throw error;
      for (const fe of error.errors) for (const reason of fe.messages) errors.push({ line, field: fe.field, reason });
    }
  }
  return { rows: records.length, valid, errors };
}

/** Splits a multi-value cell ("a; b; c") into values. */
export function splitList(cell: string | undefined): string[] | undefined {
  if (cell === undefined) return undefined;
  return cell
    .split(';')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
