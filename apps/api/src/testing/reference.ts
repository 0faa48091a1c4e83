import { readFileSync } from 'node:fs';
import { referenceSeedFile } from '../database/repo-files.js';
import { ReferenceIndex } from '../matching/reference-index.js';
import type { ReferenceData } from '../matching/types.js';

/**
 * The {@link ReferenceIndex} over the real reference data as seeded (prisma/seed/reference.json: elements, control-list
 * entries, material forms, HS codes), for tests that need no database.
 */
export function seedReferenceIndex(): ReferenceIndex {
  return new ReferenceIndex(seedReferenceData());
}

/** The seeded reference data (prisma/seed/reference.json) in the shape ReferenceService loads it. */
export function seedReferenceData(): ReferenceData {
  const seed = JSON.parse(readFileSync(referenceSeedFile(), 'utf8'));
  return {
    elements: seed.elements,
    controlEntries: seed.controlListEntries,
    materialForms: seed.materialForms,
    hsCodes: seed.hsCodes,
  };
}
