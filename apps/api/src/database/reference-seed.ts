import { readFileSync } from 'node:fs';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { ReferenceData } from '../matching/types.js';
import { referenceSeedFile } from './repo-files.js';

/** Shape of prisma/seed/reference.json (built by prisma/seed/build-reference.mjs from shared/data). */
export interface ReferenceSeed {
  elements: {
    symbol: string;
    atomicNumber: number;
    nameEn: string;
    nameZh: string;
    nameZhHant: string;
    casRn: string;
    isRareEarth: boolean;
    groupCn: string | null;
    note: string | null;
  }[];
  /** The material forms as matching reads them, with the source of each. */
  materialForms: (NonNullable<ReferenceData['materialForms']>[number] & { source: string })[];
  controlListEntries: {
    issuer: string;
    announcementId: string;
    announcement: string;
    itemKey: string;
    entryCode: string | null;
    itemEn: string;
    itemZh: string;
    customsCodes: string[];
    customsCodesNote: string | null;
    elementSymbol: string;
    elementSymbols: string[];
    materialForm: string | null;
    confidence: string;
    source: string;
  }[];
  hsCodes: {
    jurisdiction: string;
    code: string;
    display: string;
    digits: number;
    descriptionEn: string;
    descriptionZh: string | null;
    notes: string | null;
    source: string;
    elementSymbols: string[];
  }[];
}

export function readReferenceSeed(file = referenceSeedFile()): ReferenceSeed {
  return JSON.parse(readFileSync(file, 'utf8')) as ReferenceSeed;
}

/**
 * Upserts the reference data (elements, material forms, control-list entries, HS codes) in one transaction. Idempotent;
 * facts that changed in the seed file are updated, new ones inserted in bulk, unchanged rows left alone (so a repeat
 * costs four reads). Returns the row counts of the seed.
 */
export async function seedReference(prisma: PrismaClient, seed = readReferenceSeed()): Promise<Record<string, number>> {
  await prisma.$transaction(
    async (tx) => {
      const same = (row: Record<string, unknown>, want: Record<string, unknown>) =>
        Object.entries(want).every(([k, v]) => JSON.stringify(row[k] ?? null) === JSON.stringify(v ?? null));

      const elements = new Map((await tx.element.findMany()).map((r) => [r.symbol, r]));
      const newElements = seed.elements.filter((e) => !elements.has(e.symbol));
      if (newElements.length) await tx.element.createMany({ data: newElements });
      for (const e of seed.elements) {
        const row = elements.get(e.symbol);
        if (row && !same(row, e)) await tx.element.update({ where: { symbol: e.symbol }, data: e });
      }

      const forms = new Map((await tx.materialForm.findMany()).map((r) => [r.code, r]));
      const newForms = seed.materialForms.filter((f) => !forms.has(f.code));
      if (newForms.length) await tx.materialForm.createMany({ data: newForms });
      for (const f of seed.materialForms) {
        const row = forms.get(f.code);
        if (row && !same(row, f)) await tx.materialForm.update({ where: { code: f.code }, data: f });
      }

      const entryKey = (c: { announcementId: string; itemKey: string }) => `${c.announcementId}|${c.itemKey}`;
      const entries = new Map((await tx.controlListEntry.findMany()).map((r) => [entryKey(r), r]));
      const newEntries = seed.controlListEntries.filter((c) => !entries.has(entryKey(c)));
      if (newEntries.length) await tx.controlListEntry.createMany({ data: newEntries });
      for (const c of seed.controlListEntries) {
        const row = entries.get(entryKey(c));
        if (row && !same(row, c)) await tx.controlListEntry.update({ where: { id: row.id }, data: c });
      }

      const hsKey = (h: { jurisdiction: string; code: string }) => `${h.jurisdiction}:${h.code}`;
      const codes = new Map((await tx.hsCode.findMany()).map((r) => [hsKey(r), r]));
      const newCodes = seed.hsCodes.filter((h) => !codes.has(hsKey(h)));
      if (newCodes.length) await tx.hsCode.createMany({ data: newCodes });
      for (const h of seed.hsCodes) {
        const row = codes.get(hsKey(h));
        if (row && !same(row, h)) await tx.hsCode.update({ where: { id: row.id }, data: h });
      }
    },
    { timeout: 120_000, maxWait: 60_000 }, // a loaded machine (2 busy cores) can exceed Prisma's 5 s default
  );
  return {
    elements: seed.elements.length,
    materialForms: seed.materialForms.length,
    controlListEntries: seed.controlListEntries.length,
    hsCodes: seed.hsCodes.length,
  };
}
