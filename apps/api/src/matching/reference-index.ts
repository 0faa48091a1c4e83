import { entryUnder, normalizeEntryCode } from './normalize.js';
import type { ReferenceData } from './types.js';

type RawForm = NonNullable<ReferenceData['materialForms']>[number];

/** A control-list item as the matcher uses it: normalised entry code, a stable id, every element it names. */
export interface RefEntry {
  /** "<announcementId>|<itemKey>", e.g. "MOFCOM-GAC-2025-18|1C904.a.4". */
  id: string;
  announcement: string;
  itemKey: string;
  /** Normalised ("1C904.a.4"); null for items published without one. */
  entryCode: string | null;
  itemEn: string;
  elementSymbol: string;
  elementSymbols: string[];
  materialForm: string | null;
  customsCodes: string[];
}

export type RefForm = RawForm;

/**
 * Lookups over reference data: element names, control-list items by code, material forms, and the
 * customs-code-to-element map. A customs code tied to several elements (3824999922 appears under all seven No. 18
 * elements; 2931900032 under bismuth and indium items of 2025 No. 10) is ambiguous and never implies one element on
 * its own: {@link codesTiedTo} leaves it out and {@link elementsOfCode} returns every element.
 */
export class ReferenceIndex {
  private readonly elementInfo = new Map<string, ReferenceData['elements'][number]>();
  private readonly entriesByCategory = new Map<string, RefEntry[]>();
  private readonly allEntries: RefEntry[] = [];
  private readonly elementsByCode = new Map<string, Set<string>>();
  private readonly entriesByCode = new Map<string, RefEntry[]>();
  private readonly formsByCode = new Map<string, RefForm>();
  private readonly hsDescriptions = new Map<string, string>();

  constructor(data: ReferenceData) {
    for (const e of data.elements) this.elementInfo.set(e.symbol, e);
    const addCode = (code: string, symbols: Iterable<string>) => {
      const set = this.elementsByCode.get(code) ?? new Set<string>();
      for (const s of symbols) set.add(s);
      this.elementsByCode.set(code, set);
    };
    for (const raw of data.controlEntries) {
      const entryCode = raw.entryCode ? normalizeEntryCode(raw.entryCode) : null;
      const itemKey = raw.itemKey ?? raw.entryCode ?? raw.itemEn;
      const entry: RefEntry = {
        id: `${raw.announcementId ?? raw.announcement}|${itemKey}`,
        announcement: raw.announcement,
        itemKey,
        entryCode,
        itemEn: raw.itemEn,
        elementSymbol: raw.elementSymbol,
        elementSymbols: raw.elementSymbols?.length ? raw.elementSymbols : [raw.elementSymbol],
        materialForm: raw.materialForm ?? null,
        customsCodes: raw.customsCodes,
      };
      this.allEntries.push(entry);
      if (entryCode) {
        const category = entryCode.split('.')[0]!;
        const list = this.entriesByCategory.get(category) ?? [];
        list.push(entry);
        this.entriesByCategory.set(category, list);
      }
      for (const code of entry.customsCodes) {
        addCode(code, entry.elementSymbols);
        const list = this.entriesByCode.get(code) ?? [];
        list.push(entry);
        this.entriesByCode.set(code, list);
      }
    }
    for (const h of data.hsCodes ?? []) {
      if (h.jurisdiction === 'US') continue; // US lines are not tied to elements here
      if (h.elementSymbols.length) addCode(h.code, h.elementSymbols);
      if (!this.hsDescriptions.has(h.code)) this.hsDescriptions.set(h.code, h.descriptionEn);
    }
    for (const f of data.materialForms ?? []) this.formsByCode.set(f.code, f);
  }

  hasElement(symbol: string): boolean {
    return this.elementInfo.has(symbol);
  }

  /** Every element, as given. */
  elements(): ReferenceData['elements'] {
    return [...this.elementInfo.values()];
  }

  /** "dysprosium (Dy)"; graphite is "graphite (C)"; the bare symbol when unknown. */
  label(symbol: string): string {
    const name = this.elementInfo.get(symbol)?.nameEn;
    return name ? `${name.replace(/\s*\(.*\)$/, '').toLowerCase()} (${symbol})` : symbol;
  }

  /**
   * Reference items equal to, under, or above `code` (an event citing "1C902" covers every 1C902 item). Answers are
   * remembered per code (the reference data never changes; matching asks for the same few codes for every event):
   * the returned array is shared, do not modify it.
   */
  entriesFor(code: string): readonly RefEntry[] {
    let found = this.entriesForCode.get(code);
    if (!found) {
      const c = normalizeEntryCode(code);
      const list = this.entriesByCategory.get(c.split('.')[0]!) ?? [];
      found = list.filter((e) => entryUnder(e.entryCode!, c) || entryUnder(c, e.entryCode!));
      if (this.entriesForCode.size >= 10_000) this.entriesForCode.clear();
      this.entriesForCode.set(code, found);
    }
    return found;
  }
  private readonly entriesForCode = new Map<string, RefEntry[]>();

  /** Every control-list item (with or without entry code), in seed order. */
  entries(): readonly RefEntry[] {
    return this.allEntries;
  }

  /** Items citing a customs code (digits only). */
  entriesCiting(code: string): readonly RefEntry[] {
    return this.entriesByCode.get(code) ?? [];
  }

  /**
   * Elements the reference data ties to a customs code or HS prefix (digits only, exact): the elements of the items
   * citing it and those its tariff description names. Empty when unknown; several when ambiguous.
   */
  elementsOfCode(code: string): ReadonlySet<string> {
    return this.elementsByCode.get(code) ?? new Set();
  }

  /** Codes and prefixes the reference data ties to `symbol` and to no other element, sorted. */
  codesTiedTo(symbol: string): string[] {
    const out: string[] = [];
    for (const [code, set] of this.elementsByCode) if (set.size === 1 && set.has(symbol)) out.push(code);
    return out.sort();
  }

  /** Codes tied to `symbol` together with other elements (listed in expansions, never matched alone), sorted. */
  ambiguousCodesOf(symbol: string): { code: string; elements: string[] }[] {
    const out: { code: string; elements: string[] }[] = [];
    for (const [code, set] of this.elementsByCode)
      if (set.size > 1 && set.has(symbol)) out.push({ code, elements: [...set].sort() });
    return out.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Every code the reference data knows with elements (for the code-to-element map). */
  codes(): string[] {
    return [...this.elementsByCode.keys()].sort();
  }

  form(code: string): RefForm | undefined {
    return this.formsByCode.get(code);
  }

  forms(): RefForm[] {
    return [...this.formsByCode.values()];
  }

  /** Tariff description of a code, when the reference data has one. */
  hsDescription(code: string): string | undefined {
    return this.hsDescriptions.get(code);
  }
}
