import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
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

/**
 * The global pipe: DTOs are validated with class-validator; unknown fields are rejected (not dropped); every error
 * names its field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length) throw new FieldValidationException(flatten(errors, path));
  return instance;
}
