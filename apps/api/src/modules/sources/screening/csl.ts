import { parse as parseCsv } from 'csv-parse/sync';
import { findIdentifiers } from '../../../matching/suppliers/identifiers.js';
import { parseCalendarDate } from '../dates.js';
import { PayloadError, type ItemError } from '../source-connector.js';

/** One screening-list entry as imported (before keys and hashes). */
export interface ScreeningEntryInput {
  externalId: string;
  listName: string;
  listCode: string | null;
  name: string;
  altNames: string[];
  countries: string[];
  programs: string[];
  federalRegisterNotice: string | null;
  /** YYYY-MM-DD. */
  startDate: string | null;
  sourceListUrl: string | null;
  raw: Record<string, unknown>;
}

/** "Entity List (EL) - Bureau of Industry and Security" -> "EL"; "Military End User (MEU) List - ..." -> "MEU". */
export function listCode(listName: string): string | null {
  return /\(([A-Z-]{2,10})\)/.exec(listName)?.[1] ?? null;
}

function s(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

function many(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x.trim() : '')).filter(Boolean);
  // CSV cells pack several values with "; " (shared/data/us/consolidated_screening_list_format.md).
  return typeof v === 'string'
    ? v
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
}

function countriesOf(addresses: unknown): string[] {
  if (Array.isArray(addresses)) {
    return [
      ...new Set(
        addresses
          .map((a) => s((a as Record<string, unknown>)?.country))
          .filter((c): c is string => !!c && /^[A-Z]{2}$/.test(c)),
      ),
    ];
  }
  // CSV: "45 Ulitsa Elektrolesovskaya, Volgograd, Volgogradskaya Oblast, 400011, RU"; several addresses joined by ";".
  return [
    ...new Set(
      many(addresses)
        .map((a) => a.split(',').at(-1)!.trim())
        .filter((c) => /^[A-Z]{2}$/.test(c)),
    ),
  ];
}

function entryOf(r: Record<string, unknown>, where: string): ScreeningEntryInput | ItemError {
  const externalId = s(r.id) ?? s(r._id);
  if (!externalId) return { item: `${where}.id`, message: 'entry has no id (the only unique key of the list)' };
  const name = s(r.name);
  if (!name) return { item: `${where}.name`, message: `entry ${externalId} has no name` };
  const listName = s(r.source) ?? s(r.sourceList);
  if (!listName) return { item: `${where}.source`, message: `entry ${externalId} names no list` };
  const start = s(r.start_date);
  return {
    externalId,
    listName,
    listCode: listCode(listName),
    name,
    altNames: many(r.alt_names ?? r.altNames),
    countries: countriesOf(r.addresses),
    programs: many(r.programs),
    federalRegisterNotice: s(r.federal_register_notice),
    startDate: start ? parseCalendarDate(start) : null,
    sourceListUrl: s(r.source_list_url),
    raw: r,
  };
}

/**
 * The company identifiers a list entry gives that name one legal entity: China's USCC and the LEI, canonical (check
 * characters verified; see matching/suppliers/identifiers.ts), from the entry's `ids` (JSON: `[{ type, number,
 * country, ... }]`, e.g. type "Unified Social Credit Code (USCC)"; CSV: one cell, several ids joined with ";").
 * Other ids (registration numbers, passports, websites) are not kept: they name nothing a supplier record holds.
 * `raw` is the entry as imported (ScreeningEntryInput.raw).
 */
export function listedIdentifiers(raw: Record<string, unknown>): string[] {
  const ids = raw.ids;
  const texts = Array.isArray(ids)
    ? ids.map((i) =>
        i && typeof i === 'object'
          ? String((i as Record<string, unknown>).number ?? '')
          : typeof i === 'string'
            ? i
            : '',
      )
    : typeof ids === 'string'
      ? ids.split(';')
      : [];
  const found = texts.flatMap((t) =>
    findIdentifiers(t.normalize('NFKC'))
      .filter((f) => f.scheme === 'USCC' || f.scheme === 'LEI')
      .map((f) => f.value),
  );
  return [...new Set(found)];
}

/**
 * Parses the US Consolidated Screening List (trade.gov) in its JSON forms (search envelope `{ total, sources_used,
 * results }`, or a bare array) or its CSV download (header `_id,source,entity_number,...`, multi-valued cells joined
 * with ";", a stray 0x1A end-of-file line tolerated). Format: shared/data/us/consolidated_screening_list_format.md.
 * @throws PayloadError for unreadable JSON/CSV or a CSV without the `_id`, `source` and `name` columns.
 */
export function parseConsolidatedScreeningList(body: string): { entries: ScreeningEntryInput[]; errors: ItemError[] } {
  const text = body.replace(/^\uFEFF/, '');
  let rows: Record<string, unknown>[];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw new PayloadError(`screening list is not valid JSON: ${(error as Error).message}`);
    }
    const results = Array.isArray(json) ? json : (json as { results?: unknown }).results;
    if (!Array.isArray(results)) throw new PayloadError('screening list JSON has no results array');
    rows = results as Record<string, unknown>[];
  } else {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: U+001A is the DOS end-of-file byte some CSV exports end with
    const cleaned = text.replace(/\r?\n\x1a\s*$/, '\n').replace(/\x1a\s*$/, '');
    try {
      rows = parseCsv(cleaned, {
        columns: true,
        skip_empty_lines: true,
        relax_column_count: true,
        trim: false,
        bom: true,
      });
    } catch (error) {
      throw new PayloadError(`screening list is not readable CSV: ${(error as Error).message}`);
    }
    const header = Object.keys(rows[0] ?? {});
    for (const required of ['_id', 'source', 'name']) {
      if (rows.length && !header.includes(required))
        throw new PayloadError(
          `screening list CSV has no "${required}" column (got: ${header.slice(0, 8).join(', ')})`,
        );
    }
    if (!rows.length) throw new PayloadError('screening list CSV has no rows');
  }
  const entries: ScreeningEntryInput[] = [];
  const errors: ItemError[] = [];
  rows.forEach((r, i) => {
    const e =
      r && typeof r === 'object'
        ? entryOf(r, `results[${i}]`)
        : { item: `results[${i}]`, message: 'entry is not an object' };
    if ('message' in e) errors.push(e);
    else entries.push(e);
  });
  return { entries, errors };
}
