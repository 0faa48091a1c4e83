import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Name of the bearer security scheme every authenticated operation refers to. */
export const BEARER_SCHEME = 'bearer';

/**
 * Builds the API's OpenAPI document from the application's controllers and DTO decorators. The single source of the
 * document: `configureApp` serves it at /docs and /docs-json, and `cli/openapi.ts` writes it to apps/api/openapi.json
 * (from which packages/api-client is generated). The app need not be initialised: a `preview: true` application
 * (providers not instantiated, no database opened) gives the same document.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Lodestone API')
    .setDescription('Procurement alerting for rare earths and other critical minerals')
    .setVersion('0.1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'A session access token (POST /v1/auth/login) or an API token',
      },
      BEARER_SCHEME,
    )
    .build();
  return SwaggerModule.createDocument(app, config);
}
