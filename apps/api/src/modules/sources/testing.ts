import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedReferenceIndex } from '../../testing/reference.js';
import type { ParseContext, RawPayload } from './source-connector.js';

/** The parse context over the real reference data (prisma/seed/reference.json), for unit tests. */
export function referenceContext(): ParseContext {
  return { reference: seedReferenceIndex() };
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
