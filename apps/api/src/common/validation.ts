import {
  ParseUUIDPipe,
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';

/** One bad field: `field` is a path such as `items[0].hsCode`; `messages` say what is wrong. */
export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * 400 Bad Request whose body names each bad field:
 * `{ statusCode: 400, error: "Bad Request", message: "Validation failed: <fields>", errors: FieldError[] }`.
 */
export class FieldValidationException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: `Validation failed: ${errors.map((e) => e.field).join(', ')}`,
      errors,
    });
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    if (e.constraints) {
      out.push({
        field,
        messages: Object.entries(e.constraints).map(([key, message]) =>
          key === 'whitelistValidation' ? `${field} is not a known field` : message,
        ),
      });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** Deepest nesting of a body the API reads (no DTO nests more than a few levels; a deeper one would only exhaust the stack). */
export const MAX_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Strings PostgreSQL cannot store as text: a NUL character (U+0000), or a lone UTF-16 surrogate (not valid Unicode;
 * JSON can carry it as "\ud800"). Every one found in `value` (a parsed body or query, at any depth), by field path.
 */
export function unstorableText(value: unknown, path = ''): FieldError[] {
  const out: FieldError[] = [];
  const visit = (v: unknown, at: string, depth: number) => {
    if (depth > MAX_DEPTH) {
      out.push({ field: at || '(body)', messages: [`nests deeper than ${MAX_DEPTH} levels`] });
      return;
    }
    if (typeof v === 'string') {
      const messages: string[] = [];
      if (v.includes('\u0000'))
        messages.push(`${at || 'body'} contains a NUL character (U+0000), which cannot be stored`);
      if (LONE_SURROGATE.test(v)) messages.push(`${at || 'body'} contains a lone UTF-16 surrogate (not valid Unicode)`);
      if (messages.length) out.push({ field: at || '(body)', messages });
    } else if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
      // Binary data (an XLSX body) holds no text; its entries would be one per byte.
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) visit(x, `${at}[${i}]`, depth + 1);
    } else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) visit(x, at ? `${at}.${k}` : k, depth + 1);
  };
  visit(value, path, 0);
  return out;
}

/**
 * {@link ValidationPipe} that first refuses bodies, queries and path parameters holding text the database cannot store
 * or nesting deeper than {@link MAX_DEPTH}, naming the parameter (`status`, `key`) or the body field.
 */
class StorableTextValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const bad = unstorableText(value, metadata.data ?? '');
      if (bad.length) throw new FieldValidationException(bad);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The global pipe: DTOs are validated with class-validator; unknown fields are rejected (not dropped); every error
 * names its field; text PostgreSQL cannot store (NUL, lone surrogates) is refused with 400 naming the field.
 */
export function createValidationPipe(): ValidationPipe {
  return new StorableTextValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new FieldValidationException(flatten(errors)),
  });
}

/**
 * Validates a plain object against a DTO class exactly as the HTTP pipe does (unknown fields rejected).
 * @returns the DTO instance.
 * @throws FieldValidationException whose fields are prefixed with `path` (e.g. `policyChanges[2].elements[0]`).
 */
export async function validateDto<T extends object>(cls: new () => T, plain: unknown, path = ''): Promise<T> {
  const { plainToInstance } = await import('class-transformer');
  const { validate } = await import('class-validator');
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new FieldValidationException([{ field: path || '(root)', messages: ['must be a JSON object'] }]);
  }
  const bad = unstorableText(plain, path);
  if (bad.length) throw new FieldValidationException(bad);
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) throw new FieldValidationException(flatten(errors, path));
  return instance;
}

/**
 * A route parameter pipe: `field` must be a UUID, else 400 naming it (`{ field, messages: ["id must be a UUID"] }`,
 * as the body validation answers), e.g. `@Param('id', uuidParam('id'))`.
 */
export const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new FieldValidationException([{ field, messages: [`${field} must be a UUID`] }]),
  });
