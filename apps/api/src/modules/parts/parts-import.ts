import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { TimeSlicer } from '../../common/yield.js';
import { splitList, type CsvColumns, type CsvRecord, type CsvRowError } from '../watchlist/csv-import.js';

/** Columns of a parts import (CSV or the first worksheet of an XLSX workbook). */
export const PART_COLUMNS: CsvColumns = {
  known: [
    'partNumber',
    'description',
    'hsCode',
    'sites',
    'unitMass',
    'unitMassUnit',
    'annualQuantity',
    'quantityUnit',
    'annualSpend',
    'currency',
    'materials',
    'suppliers',
    'products',
  ],
  required: ['partNumber'],
};

const NUMERIC = ['unitMass', 'annualQuantity'] as const;

/** A number cell as a number; anything else is passed on as given, for the DTO to name. */
function num(cell: string | undefined): unknown {
  if (cell === undefined) return undefined;
  return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
}

/**
 * One material token of the `materials` cell: `[FORM:]SYMBOL[=MASS]`, `FORM[=MASS]` or `SYMBOL[=MASS]`, where MASS is
 * a mass per piece with its unit (`4.5g`, `120mg`, `0.2kg`) or a share of the part's unit mass in percent (`3.2%`).
 * Examples: `NDFEB_MAGNET:Dy=4.5g`, `NDFEB_MAGNET:Nd=60g`, `Ga=0.7%`, `SMCO_MAGNET`.
 * @returns the material in the DTO's shape, or a reason when the token cannot be read.
 */
export function parseMaterialToken(token: string): Record<string, unknown> | string {
  const m = /^(?:([A-Z][A-Z0-9_]+):)?([A-Za-z][A-Za-z0-9_]*)(?:\s*=\s*(\d+(?:\.\d+)?)\s*(mg|g|kg|%))?$/i.exec(token);
  if (!m) return `"${token}" is not FORM:SYMBOL=MASS (e.g. NDFEB_MAGNET:Dy=4.5g, Ga=0.7%, SMCO_MAGNET)`;
  const [, form, name, mass, unit] = m;
  const out: Record<string, unknown> = {};
  if (form) {
    out.materialForm = form;
    out.elementSymbol = name;
  } else if (/^[A-Z][a-z]?$/.test(name!)) out.elementSymbol = name;
  else out.materialForm = name;
  if (mass !== undefined) {
    if (unit === '%') out.massFraction = Number((Number(mass) / 100).toFixed(8));
    else {
      out.massPerUnit = Number(mass);
      out.massUnit = unit!.toUpperCase();
    }
  }
  return out;
}

/** `name=share` or `name` (share 0..1 or a percentage `70%`). */
function parseShare(token: string, key: 'name' | 'code', valueKey: 'shareOfVolume' | 'quantityPerProduct') {
  const i = token.lastIndexOf('=');
  if (i === -1) return { [key]: token };
  const raw = token.slice(i + 1).trim();
  const value = raw.endsWith('%') ? Number(raw.slice(0, -1)) / 100 : Number(raw);
  return { [key]: token.slice(0, i).trim(), [valueKey]: Number.isFinite(value) ? value : raw };
}

/**
 * Turns the cells of one row into the shape of {@link import('./parts.dto.js').ImportPartRowDto}: numbers read,
 * lists split on ";" (`sites`, `materials`, `suppliers` as `name=share`, `products` as `code=quantity`). A material
 * that cannot be read is kept as a string so that validation names `materials[i]`.
 */
export function partRowToPlain(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const k of NUMERIC) if (row[k] !== undefined) out[k] = num(row[k]);
  if (row.unitMassUnit) out.unitMassUnit = row.unitMassUnit.toUpperCase();
  if (row.quantityUnit) out.quantityUnit = row.quantityUnit.toUpperCase();
  if (row.currency) out.currency = row.currency.toUpperCase();
  if (row.hsCode) out.hsCode = row.hsCode.replace(/[.\s]/g, '');
  out.sites = splitList(row.sites);
  out.materials = splitList(row.materials)?.map((t) => parseMaterialToken(t));
  delete out.suppliers;
  delete out.products;
  out.supplierNames = splitList(row.suppliers)?.map((t) => parseShare(t, 'name', 'shareOfVolume'));
  out.productCodes = splitList(row.products)?.map((t) => parseShare(t, 'code', 'quantityPerProduct'));
  return out;
}

/** Text of an XLSX cell value as a CSV cell would give it (numbers plain, dates ISO-8601, rich text joined). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value).trim();
}

/**
 * Reads the first worksheet of an XLSX workbook with exceljs' streaming reader (rows as they are unzipped and parsed,
 * yielding to the event loop between slices): row 1 is the header (the columns of {@link PART_COLUMNS}), each later
 * row a record whose `line` is its row number. Empty rows are skipped.
 * @returns the records, or the file's errors (unknown or missing columns on line 1; an unreadable file).
 */
export async function readXlsxRecords(
  data: Buffer,
  columns: CsvColumns,
  slicer: TimeSlicer,
): Promise<{ records: CsvRecord[]; errors: CsvRowError[] }> {
  const records: CsvRecord[] = [];
  let header: string[] | null = null;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (!header) {
          header = values;
          const errors: CsvRowError[] = [];
          for (const h of header)
            if (h && !columns.known.includes(h))
              errors.push({ line: 1, field: h, reason: `unknown column; known columns: ${columns.known.join(', ')}` });
          for (const r of columns.required)
            if (!header.includes(r)) errors.push({ line: 1, field: r, reason: 'required column is missing' });
          if (errors.length) return { records: [], errors };
          continue;
        }
        if (values.every((v) => v === '')) continue;
        const record: Record<string, string> = {};
        for (const [i, h] of header.entries()) if (h) record[h] = values[i] ?? '';
        records.push({ line: row.number, record });
        await slicer.maybeYield();
      }
      break; // the first worksheet only
    }
  } catch (error) {
    return {
      records: [],
      errors: [{ line: 1, field: '(file)', reason: `not a readable XLSX workbook: ${(error as Error).message}` }],
    };
  }
  if (!header) return { records: [], errors: [{ line: 1, field: '(file)', reason: 'the first worksheet is empty' }] };
  return { records, errors: [] };
}
