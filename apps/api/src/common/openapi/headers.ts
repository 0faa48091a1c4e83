import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from './errors.js';

/** Header a platform admin names the tenant with on tenant routes (see auth/decorators.ts resolveTenantId). */
export const TENANT_ID_HEADER = 'X-Tenant-Id';

/**
 * Documents the optional `Idempotency-Key` header of an ingestion route (see IdempotencyInterceptor) and its errors:
 * 400 for a malformed key, 409 while the first request with the key is in flight, 422 for the key reused with another
 * body. The same key and body again answers the first response.
 */
export function ApiIdempotencyKey(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1-255 visible ASCII characters. The same key and body again returns the first response (with the header ' +
        '`Idempotent-Replayed: true`); another body: 422',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    }),
    ApiErrors(
      { status: 409, description: 'A request with this Idempotency-Key is still in flight' },
      { status: 422, description: 'This Idempotency-Key was used with another body' },
    ),
  );
}
