import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (the folder holding `prisma/migrations`), found by walking up from this module, so the same
 * code works from `src/` under jest and from `dist/` in production.
 * @throws Error when no ancestor holds `prisma/migrations`.
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'prisma', 'migrations'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find prisma/migrations above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const migrationsDir = (): string => join(repoRoot(), 'prisma', 'migrations');
export const referenceSeedFile = (): string => join(repoRoot(), 'prisma', 'seed', 'reference.json');
