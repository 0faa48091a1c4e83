// Three tiers (see README "Tests"): unit (pure), db (PostgreSQL + PGlite, migrations applied), e2e (HTTP + SMTP).
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
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    // database and HTTP tiers start databases and apps: allow for a loaded machine (2 shared cores)
    { ...base, displayName: 'db', testMatch: ['<rootDir>/src/**/*.db-spec.ts'], setupFilesAfterEnv: ['<rootDir>/src/testing/slow-tiers.setup.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/src/testing/slow-tiers.setup.ts'] },
  ],
};
