// @ts-check
/**
 * Generates the typed client from the API's committed OpenAPI document (apps/api/openapi.json, written by the api build)
 * into src/generated (git-ignored): types for every schema and operation, an SDK function per operation, and Hey API's
 * fetch client. See docs/api-contract.md.
 */
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: '../../apps/api/openapi.json',
  output: { path: 'src/generated', clean: true },
  plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-fetch'],
  logs: { level: 'warn', file: false },
});
