import { hsDigits, normalizeEntryCode } from '../../matching/normalize.js';

/** The fields that identify a watch (a create DTO, a CSV row or a stored row). */
export interface WatchIdentityFields {
  kind: 'ELEMENT' | 'HS_CODE' | 'CONTROL_ENTRY';
  elementSymbol?: string | null;
  hsPrefix?: string | null;
  controlEntry?: string | null;
  jurisdiction?: string | null;
}

/**
 * The identity of a watch within its tenant, stored as `WatchlistItem.watchKey` (unique per tenant):
 * `"<kind>:<value>:<jurisdiction>"`, the value normalised as matching reads it (HS prefix digits only: "8505.11" →
 * "850511"; control-list entry in canonical case: "1c902.A" → "1C902.a"; element symbol as given) and the
 * jurisdiction in capitals, empty for "every jurisdiction". E.g. `"ELEMENT:Dy:"`, `"HS_CODE:850511:CN"`.
 * The migration 20261204100000_unique_watches computes the same key in SQL from stored (already normalised) rows.
 *
 * @param w - a watch; only the value field of its kind is read.
 * @returns the key. Never throws.
 */
export function watchKey(w: WatchIdentityFields): string {
  const raw =
    w.kind === 'ELEMENT' ? (w.elementSymbol ?? '') : w.kind === 'HS_CODE' ? (w.hsPrefix ?? '') : (w.controlEntry ?? '');
  const value =
    w.kind === 'HS_CODE'
      ? hsDigits(raw.trim())
      : w.kind === 'CONTROL_ENTRY' && raw
        ? normalizeEntryCode(raw)
        : raw.trim();
  return `${w.kind}:${value}:${(w.jurisdiction ?? '').trim().toUpperCase()}`;
}

/** Why a row of an import is skipped: it repeats an earlier row of the file, or a watch already stored. */
export type WatchDuplicate = { line: number; duplicateOfLine: number } | { line: number; duplicateOfId: string };

/**
 * A per-row duplicate check for an import, rows seen in file order: a row whose {@link watchKey} is that of a stored
 * watch (`duplicateOfId`) or of an earlier row seen by this check (`duplicateOfLine`) is a duplicate; otherwise the
 * row is remembered as the first of its key. O(1) a row.
 *
 * @param stored - key → id of the tenant's stored watches.
 * @returns the check: the duplicate entry for a row, or null for a row to store.
 */
export function duplicateWatchCheck<T extends WatchIdentityFields>(
  stored: ReadonlyMap<string, string>,
): (dto: T, line: number) => WatchDuplicate | null {
  const firstLine = new Map<string, number>();
  return (dto, line) => {
    const key = watchKey(dto);
    const id = stored.get(key);
    if (id !== undefined) return { line, duplicateOfId: id };
    const earlier = firstLine.get(key);
    if (earlier !== undefined) return { line, duplicateOfLine: earlier };
    firstLine.set(key, line);
    return null;
  };
}

/**
 * Splits the rows of an import into the ones to store and the duplicates: a row whose {@link watchKey} is that of a
 * stored watch (`duplicateOfId`) or of an earlier row of the same file (`duplicateOfLine`). Pure; O(rows).
 *
 * @param rows - valid rows with their 1-based file line, in file order.
 * @param stored - key → id of the tenant's stored watches.
 * @returns `fresh` (first occurrences, in order) and `duplicates` (one entry per skipped row, in order).
 */
export function splitDuplicateWatches<T extends WatchIdentityFields>(
  rows: readonly { line: number; dto: T }[],
  stored: ReadonlyMap<string, string>,
): { fresh: { line: number; dto: T }[]; duplicates: WatchDuplicate[] } {
  const check = duplicateWatchCheck<T>(stored);
  const fresh: { line: number; dto: T }[] = [];
  const duplicates: WatchDuplicate[] = [];
  for (const row of rows) {
    const duplicate = check(row.dto, row.line);
    if (duplicate) duplicates.push(duplicate);
    else fresh.push(row);
  }
  return { fresh, duplicates };
}
