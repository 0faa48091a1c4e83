import { readFileSync } from 'node:fs';
import type { PrismaClient } from '../generated/prisma/client.js';
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
  materialForms: {
    code: string;
    nameEn: string;
    nameZh: string;
    nameZhHant: string;
    elements: string[];
    additiveElements: string[];
    hsCodes: string[];
    aliases: string[];
    source: string;
  }[];
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
 * Upserts the reference data (elements, material forms, control-list entries, HS codes) in one transaction. Idempotent; facts that
 * changed in the seed file are updated. Returns the row counts of the seed.
 */
export async function seedReference(prisma: PrismaClient, seed = readReferenceSeed()): Promise<Record<string, number>> {
  await prisma.$transaction(async (tx) => {
    for (const e of seed.elements) {
      await tx.element.upsert({ where: { symbol: e.symbol }, create: e, update: e });
    }
    for (const f of seed.materialForms) {
      await tx.materialForm.upsert({ where: { code: f.code }, create: f, update: f });
    }
    for (const c of seed.controlListEntries) {
      await tx.controlListEntry.upsert({
        where: { announcementId_itemKey: { announcementId: c.announcementId, itemKey: c.itemKey } },
        create: c,
        update: c,
      });
    }
    for (const h of seed.hsCodes) {
      await tx.hsCode.upsert({ where: { jurisdiction_code: { jurisdiction: h.jurisdiction, code: h.code } }, create: h, update: h });
    }
  });
  return {
    elements: seed.elements.length,
    materialForms: seed.materialForms.length,
    controlListEntries: seed.controlListEntries.length,
    hsCodes: seed.hsCodes.length,
  };
}
