/**
 * Jest (native ESM, no transform) for @lodestone/prisma-wasm-engine. Run with `npm test` (node --experimental-vm-modules).
 * The tests drive the real Prisma CLI against PostgreSQL and PGlite, so they are slow-ish: one file, run serially.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.mjs'],
  transform: {},
  testTimeout: 180_000, // generous: a loaded machine slows the CLI runs several-fold
};
