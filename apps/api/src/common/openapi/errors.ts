import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** One bad field of a 4xx answer (see common/validation.ts FieldError). */
export class FieldErrorDto {
  @ApiProperty({
    example: 'items[0].hsCode',
    description: 'Path of the field: a body field (dots and [i]), a query or path parameter, or a header name',
  })
  field!: string;

  @ApiProperty({ type: [String], example: ['hsCode must be 4 to 10 digits'] })
  messages!: string[];
}

/**
 * The body of every error the API answers (Nest's HttpException body, which the validation pipe and the services
 * extend): `{ statusCode, message, error?, errors? }`. `errors` names each bad field (400 validation, 409 conflicts,
 * 403 bad signed links); 429 adds `retryAfterSeconds`; a CSV import's 422 adds the import report's fields.
 */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ example: 'Validation failed: email', description: 'What went wrong, in words' })
  message!: string;

  @ApiPropertyOptional({ example: 'Bad Request', description: 'The status text (absent on 500)' })
  error?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Each bad field, when the error is about fields' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ type: 'integer', description: '429 only: seconds until a retry may succeed' })
  retryAfterSeconds?: number;
}

/** What each documented error status means when an operation gives no description of its own. */
export const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Bad request: `errors` names each bad field (body, query, path parameter or header)',
  401: 'No valid credentials: missing, invalid or expired token',
  403: "Forbidden: the caller's role may not do this",
  404: 'Not found (or not visible to this tenant)',
  409: 'Conflict with existing data, or the same Idempotency-Key still in flight',
  410: 'Gone: the link was used or has expired',
  413: 'Request body larger than 1 MB',
  415: 'Unsupported media type',
  422: 'Well-formed but unusable: nothing was stored',
  429: 'Too many requests: see the Retry-After header and `retryAfterSeconds`',
  503: 'Service unavailable',
};

/** A status documented with {@link ApiErrors}: a bare code, or a code with the operation's own description. */
export type ApiErrorSpec = number | { status: number; description: string };

/**
 * Documents error answers of an operation (or of every operation of a controller), all with {@link ErrorResponseDto}:
 * `@ApiErrors(404, 409)` or `@ApiErrors({ status: 404, description: 'No such supplier' })`.
 * 400 (validation), 401 and 403 (the auth guard), and the `X-Tenant-Id` errors need not be listed: the document
 * builder adds them from the route's parameters and guard metadata (see document.ts).
 */
export function ApiErrors(...specs: ApiErrorSpec[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...specs.map((spec) => {
      const { status, description } =
        typeof spec === 'number' ? { status: spec, description: ERROR_DESCRIPTIONS[spec] } : spec;
      return ApiResponse({
        status,
        description: description ?? HttpStatus[status] ?? 'Error',
        type: ErrorResponseDto,
      });
    }),
  );
}
