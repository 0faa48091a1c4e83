import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { repoRoot } from '../../database/repo-files.js';
import { createOpenApiDocument } from './document.js';

/**
 * The OpenAPI document of the whole AppModule, built from a Nest application in preview mode: modules and controllers
 * are scanned, no provider is instantiated (so no database is opened and no configuration is read), nothing listens.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../../app.module.js');
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** {@link buildOpenApiDocument} as the text of apps/api/openapi.json: 2-space JSON ending with a newline. */
export async function renderOpenApiDocument(): Promise<string> {
  return `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
}

/** The committed document the web console's client (packages/api-client) is generated from. */
export const openApiFile = (): string => join(repoRoot(), 'apps', 'api', 'openapi.json');
