import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceSeedFile } from '../../database/repo-files.js';
import type { RawPayload } from './source-connector.js';
import { ReferenceIndex } from '../../matching/reference-index.js';
import type { ParseContext } from './source-connector.js';

/** The parse context over the real reference data (prisma/seed/reference.json), for unit tests. */
export function referenceContext(): ParseContext {
  const seed = JSON.parse(readFileSync(referenceSeedFile(), 'utf8'));
  const reference = new ReferenceIndex({
    elements: seed.elements,
    controlEntries: seed.controlListEntries,
    materialForms: seed.materialForms,
    hsCodes: seed.hsCodes,
  });
  return { reference };
}

const here = dirname(fileURLToPath(import.meta.url));

/** Reads a fixture file under modules/sources (e.g. "federal-register/federal_register_examples.json"). */
export function fixture(path: string): string {
  return readFileSync(join(here, path), 'utf8');
}

/** A payload as a file replay would give it. */
export function filePayload(body: string, contentType: string | null = null): RawPayload {
  return { url: null, status: null, contentType, body };
}
