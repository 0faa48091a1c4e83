// Three tiers (see docs/testing.md): unit (pure), db (PostgreSQL + PGlite, migrations applied), e2e (HTTP + SMTP).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];
const base = {
  transform: { '^.+\\.ts$': swc },
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};
export default {
  // Database and e2e tiers open databases and servers; on a loaded 2-core machine that can take seconds.
  testTimeout: 60_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...base, displayName: 'db', testMatch: ['<rootDir>/src/**/*.db-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'] },
  ],
};
