import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceSeedFile } from '../../database/repo-files.js';
import type { RawPayload } from './source-connector.js';
import { createElementTagger, type Tagger } from './tagging/element-tagger.js';

/** The tagger over the real reference elements (prisma/seed/reference.json), for unit tests. */
export function referenceTagger(): Tagger {
  const seed = JSON.parse(readFileSync(referenceSeedFile(), 'utf8')) as { elements: { symbol: string; nameEn: string; nameZh: string }[] };
  return createElementTagger(seed.elements);
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
