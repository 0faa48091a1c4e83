/**
 * Writes the API's OpenAPI document (the same one served at /docs-json) to src/api/openapi.json without listening on a
 * port or opening a database: the Nest application is created (providers constructed, no onModuleInit) on an in-memory
 * database, the document is built exactly as bootstrap.ts builds it, and the application is dropped.
 *
 * When the `contract` branch lands `apps/api/openapi.json`, this script prefers that file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const apiDir = join(here, '../../api');
const out = join(here, '../src/api/openapi.json');

const committed = join(apiDir, 'openapi.json');
let document;
if (existsSync(committed)) {
  document = JSON.parse(readFileSync(committed, 'utf8'));
} else {
  process.env.DATABASE_URL = 'pglite://memory';
  process.env.LOG_LEVEL = 'silent';
  process.env.SCHEDULES_ENABLED = 'false';
  await import(join(apiDir, 'node_modules/reflect-metadata/Reflect.js')).catch(() => import('reflect-metadata'));
  const { NestFactory } = await import('@nestjs/core');
  const { DocumentBuilder, SwaggerModule } = await import('@nestjs/swagger');
  const { AppModule } = await import(join(apiDir, 'dist/app.module.js'));
  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
  document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Lodestone API').setVersion('0.1.0').addBearerAuth().build(),
  );
}
writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
console.log(`OpenAPI document: ${Object.keys(document.paths).length} paths -> ${out}`);
process.exit(0);
