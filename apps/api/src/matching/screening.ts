/**
 * Screening: which of the tenants' suppliers appear on a screening list (Entity List, SDN, DPL ...). Pure functions.
 * Names are compared with {@link companyKey} (NFKC, case folding, legal forms removed); a full bilingual resolver is
 * being built on branch issue-3-suppliers and should replace the comparison when it lands.
 */
import { companyKey } from './normalize.js';

/** A list entry as the matcher needs it. */
export interface ScreeningEntrySpec {
  id: string;
  listName: string;
  listCode: string | null;
  name: string;
  /** companyKey of the name and every alternative name. */
  nameKeys: string[];
  countries: string[];
  federalRegisterNotice: string | null;
}

/** A supplier as the matcher needs it. */
export interface ScreeningSupplierSpec {
  id: string;
  tenantId: string;
  legalNameEn: string;
  legalNameZh: string | null;
  aliases: string[];
  country: string | null;
}

export interface ScreeningHit {
  tenantId: string;
  supplierId: string;
  supplierLabel: string;
  entryId: string;
  /** The supplier name that matched (as the tenant wrote it). */
  matchedName: string;
  /** The entry name or alternative name it matched. */
  entryKey: string;
  text: string;
}

// Keys shorter than this are too generic to report on their own (e.g. "abc").
const MIN_KEY = 4;

/**
 * The names of an entry: its name, the former / other names it embeds ("X (f.k.a. Y)", "a.k.a.", "formerly"), and its
 * alternative names. Source of the hazard: shared/data/us/consolidated_screening_list_examples.json.
 */
export function entryNames(name: string, altNames: string[]): string[] {
  const names = [name, ...altNames];
  const embedded = /\((?:f\.?k\.?a\.?|a\.?k\.?a\.?|formerly(?: known as)?|also known as)\s+([^)]+)\)/gi;
  for (const n of [name, ...altNames]) for (const m of n.matchAll(embedded)) names.push(m[1]!.trim());
  return [...new Set(names.map((n) => n.replace(embedded, '').replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

/** companyKey of every name of an entry, without the empty and too-short ones. */
export function entryKeys(name: string, altNames: string[]): string[] {
  return [...new Set(entryNames(name, altNames).map(companyKey).filter((k) => k.length >= MIN_KEY))];
}

/** Severity of a hit: Entity List, SDN and Denied Persons are CRITICAL (exports need a licence or are barred); others HIGH. */
export function screeningSeverity(listCode: string | null): 'CRITICAL' | 'HIGH' {
  return listCode && ['EL', 'SDN', 'DPL'].includes(listCode) ? 'CRITICAL' : 'HIGH';
}

/**
 * Every (supplier, entry) pair whose names share a key. When both sides name countries and none is shared, the pair
 * is not reported (a namesake elsewhere).
 */
export function screen(entries: ScreeningEntrySpec[], suppliers: ScreeningSupplierSpec[]): ScreeningHit[] {
  const byKey = new Map<string, ScreeningEntrySpec[]>();
  for (const e of entries) for (const k of e.nameKeys) byKey.set(k, [...(byKey.get(k) ?? []), e]);
  const hits: ScreeningHit[] = [];
  for (const s of suppliers) {
    const seen = new Set<string>();
    for (const name of [s.legalNameEn, s.legalNameZh, ...s.aliases].filter((n): n is string => !!n)) {
      const key = companyKey(name);
      if (key.length < MIN_KEY) continue;
      for (const e of byKey.get(key) ?? []) {
        if (seen.has(e.id)) continue;
        if (s.country && e.countries.length && !e.countries.includes(s.country)) continue;
        seen.add(e.id);
        hits.push({
          tenantId: s.tenantId,
          supplierId: s.id,
          supplierLabel: s.legalNameEn,
          entryId: e.id,
          matchedName: name,
          entryKey: key,
          text:
            `Your supplier ${s.legalNameEn} appears on the ${e.listName} as "${e.name}"` +
            `${name !== s.legalNameEn ? ` (matched by the name ${name})` : ''}${e.federalRegisterNotice ? `; listed in ${e.federalRegisterNotice}` : ''}`,
        });
      }
    }
  }
  return hits;
}
