import { createHash } from 'node:crypto';
import { MAX_DEPTH } from '../../common/validation.js';
import {
  BadRequestException,
  type CallHandler,
  ConflictException,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, type Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { CLOCK, type Clock } from '../../common/clock.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** A claim that has not completed after this long is considered dead (its process crashed) and may be retaken. */
export const IDEMPOTENCY_STALE_MS = 5 * 60_000;

/**
 * Idempotency-Key semantics for ingestion endpoints (header `Idempotency-Key`, 1-255 visible ASCII characters):
 * - the same key with the same request (method, path and body: the same JSON value, whatever the key order and white
 *   space; a text body byte for byte) returns the first response, status included, with `Idempotent-Replayed: true`;
 * - the same key with another body is 422;
 * - the same key while the first request is still being processed is 409;
 * - a request that failed (any error) releases its key.
 * Without the header, requests pass unchanged. Keys are scoped per endpoint path.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repository: IdempotencyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Idempotency-Key must be 1-255 visible ASCII characters',
        errors: [{ field: 'Idempotency-Key', messages: ['must be 1-255 visible ASCII characters'] }],
      });
    }
    const scope = `${req.method} ${req.path}`;
    const body = typeof req.body === 'string' ? req.body : canonicalJson(req.body ?? null);
    const requestHash = createHash('sha256').update(scope).update('\n').update(body).digest('hex');
    const now = this.clock.now();
    const found = await this.repository.begin(
      scope,
      key,
      requestHash,
      now,
      new Date(now.getTime() - IDEMPOTENCY_STALE_MS),
    );
    switch (found.state) {
      case 'replay':
        res.status(found.status);
        res.setHeader('Idempotent-Replayed', 'true');
        return of(found.response);
      case 'mismatch':
        throw new UnprocessableEntityException(
          `Idempotency-Key "${key}" was already used with a different request body`,
        );
      case 'in-flight':
        throw new ConflictException(`A request with Idempotency-Key "${key}" is still being processed; retry later`);
    }
    return next.handle().pipe(
      mergeMap((response) =>
        from(this.repository.complete(scope, key, res.statusCode, response, this.clock.now()).then(() => response)),
      ),
      catchError((error: unknown) => from(this.repository.abandon(scope, key).then(() => Promise.reject(error)))),
    );
  }
}

/**
 * JSON with object keys sorted at every depth and no white space: two bodies that are the same JSON value (keys in
 * another order, other spacing) give the same text, so a client that re-serialises its retry is not refused with 422.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  // The validation pipe refuses such a body with a 400 after this; here it must only not exhaust the stack.
  if (depth > MAX_DEPTH) return '"(too deep)"';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
