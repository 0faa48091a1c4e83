import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// Prisma's native schema engine cannot be downloaded here (or in many air-gapped installs).
// packages/prisma-wasm-engine/bin/schema-engine.mjs answers the CLI's schema-engine protocol with Prisma's own engine compiled
// to WASM, so `prisma migrate deploy|status|dev|diff` work without it. Set the variable yourself to use a
// native engine instead.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL('./packages/prisma-wasm-engine/bin/schema-engine.mjs', import.meta.url),
);
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // Same default as the API: the embedded PGlite database under ./.data/db.
    url: process.env.DATABASE_URL ?? 'pglite://./.data/db',
  },
});
