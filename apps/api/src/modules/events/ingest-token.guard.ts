import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/**
 * When INGEST_API_TOKEN is set, ingestion requires `Authorization: Bearer <token>` (401 otherwise).
 * Unset (the embedded default on localhost), ingestion is open.
 */
@Injectable()
export class IngestTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.expected = config.ingestToken ? Buffer.from(config.ingestToken) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.expected) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const given = Buffer.from(/^Bearer (.+)$/.exec(header)?.[1] ?? '');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new UnauthorizedException('A valid ingestion token is required: Authorization: Bearer <INGEST_API_TOKEN>');
  }
}
