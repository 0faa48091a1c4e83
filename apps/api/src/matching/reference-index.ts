import { entryUnder, normalizeEntryCode } from './normalize.js';
import type { ReferenceData } from './types.js';

type Entry = ReferenceData['controlEntries'][number];

/**
 * Lookups over reference data: element names, control-list entries by code, and the customs-code-to-element map.
 * A customs code cited for several elements (3824999922 appears under all seven No. 18 elements) is ambiguous and
 * never implies one element on its own.
 */
export class ReferenceIndex {
  private readonly names = new Map<string, string>();
  private readonly entriesByCategory = new Map<string, Entry[]>();
  private readonly elementsByCode = new Map<string, Set<string>>();

  constructor(data: ReferenceData) {
    for (const e of data.elements) this.names.set(e.symbol, e.nameEn);
    for (const raw of data.controlEntries) {
      const entry = { ...raw, entryCode: normalizeEntryCode(raw.entryCode) };
      const category = entry.entryCode.split('.')[0]!;
      const list = this.entriesByCategory.get(category) ?? [];
      list.push(entry);
      this.entriesByCategory.set(category, list);
      for (const code of entry.customsCodes) {
        const set = this.elementsByCode.get(code) ?? new Set<string>();
        set.add(entry.elementSymbol);
        this.elementsByCode.set(code, set);
      }
    }
  }

  hasElement(symbol: string): boolean {
    return this.names.has(symbol);
  }

  /** "dysprosium (Dy)"; the bare symbol when unknown. */
  label(symbol: string): string {
    const name = this.names.get(symbol);
    return name ? `${name.toLowerCase()} (${symbol})` : symbol;
  }

  /** Reference entries equal to, under, or above `code` (an event citing "1C902" covers every 1C902 item). */
  entriesFor(code: string): Entry[] {
    const c = normalizeEntryCode(code);
    const list = this.entriesByCategory.get(c.split('.')[0]!) ?? [];
    return list.filter((e) => entryUnder(e.entryCode, c) || entryUnder(c, e.entryCode));
  }

  /** Elements the reference data ties to a customs code (digits only); empty when unknown. */
  elementsOfCode(code: string): ReadonlySet<string> {
    return this.elementsByCode.get(code) ?? new Set();
  }
}
