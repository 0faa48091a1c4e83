import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from '../../testing/test-app.js';
import { buildOpenApiDocument, openApiFile, renderOpenApiDocument } from './generate.js';

describe('the OpenAPI document', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp({ DATABASE_URL: 'pglite://memory' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is the same at /docs-json (the running app) as built offline by cli/openapi.ts', async () => {
    const served = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(served.body).toEqual(await buildOpenApiDocument());
  });

  it('is committed up to date in apps/api/openapi.json (run the api build and commit the file when this fails)', async () => {
    expect(readFileSync(openApiFile(), 'utf8')).toBe(await renderOpenApiDocument());
  });
});
