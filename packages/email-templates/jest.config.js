/**
 * Jest (ESM) for @lodestone/email-templates: TypeScript/TSX through @swc/jest, React's automatic JSX runtime.
 * Run with `npm test` (node --experimental-vm-modules).
 * @type {import('jest').Config}
 */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', tsx: true },
    target: 'es2022',
    transform: { react: { runtime: 'automatic' } },
  },
  module: { type: 'es6' },
};

export default {
  testEnvironment: 'node',
  testMatch: ['**/src/**/*.spec.ts?(x)'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', swcOptions] },
  moduleNameMapper: {
    // Tests run against shared-types' source, so they do not need its dist to be built first.
    '^@lodestone/shared-types$': '<rootDir>/../shared-types/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};
