import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The API's source folder (apps/api/src), which the architecture tests scan. */
export const API_SRC = join(import.meta.dirname, '..');

/**
 * Every application TypeScript file under `dir` (default: all of src/), as paths relative to src/ with forward slashes:
 * not the tests (`*.spec.ts`, `*.db-spec.ts`, `*.e2e-spec.ts`, which may seed rows or open transactions), the test
 * helpers in `testing/`, nor the generated Prisma client. Used by the architecture tests (alert pipeline,
 * transactions).
 */
export function applicationSources(dir: string = API_SRC): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'generated' || entry.name === 'testing' || entry.name === 'node_modules') continue;
      out.push(...applicationSources(path));
    } else if (entry.name.endsWith('.ts') && !/\.(spec|db-spec|e2e-spec)\.ts$/.test(entry.name)) {
      out.push(relative(API_SRC, path).split(sep).join('/'));
    }
  }
  return out;
}
