// The reference index the matching benchmarks build on: the seed's elements, control-list entries, material forms and
// HS codes (prisma/seed/reference.json), loaded from the built API (apps/api/dist).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Imports a module of the built matching core, e.g. `await matching('matcher.js')`. */
export const matching = (file) => import(join(root, 'apps/api/dist/matching', file));

/** The seed's reference data (`seed`, as in the file) and a ReferenceIndex over it (`ref`). */
export async function seedReference() {
  const { ReferenceIndex } = await matching('reference-index.js');
  const seed = JSON.parse(readFileSync(join(root, 'prisma/seed/reference.json'), 'utf8'));
  const ref = new ReferenceIndex({
    elements: seed.elements,
    controlEntries: seed.controlListEntries,
    materialForms: seed.materialForms,
    hsCodes: seed.hsCodes,
  });
  return { seed, ref };
}
