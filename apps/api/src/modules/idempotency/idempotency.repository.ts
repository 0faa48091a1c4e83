import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';

/** What {@link IdempotencyRepository.begin} found. */
export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'replay'; status: number; response: unknown }
  | { state: 'mismatch' }
  | { state: 'in-flight' };

/**
 * Idempotency keys of ingestion requests: one row per (scope, key) with the request's hash, its state and, once done,
 * the response. The primary key makes the first insert win across processes (PostgreSQL) and within one (PGlite).
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims (scope, key) for a request with hash `requestHash`, or says what to do instead. A claim older than
   * `staleBefore` that never completed (its process died) is taken over.
   */
  async begin(
    scope: string,
    key: string,
    requestHash: string,
    now: Date,
    staleBefore: Date,
  ): Promise<IdempotencyBegin> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.prisma.db.idempotencyKey.create({
          data: { scope, key, requestHash, state: 'IN_FLIGHT', createdAt: now },
        });
        return { state: 'new' };
      } catch (error) {
        // A unique violation: Prisma's P2002, or PostgreSQL's 23505 as PGlite's adapter reports it for this key.
        if (!['P2002', '23505'].includes(String((error as { code?: string }).code))) throw error;
      }
      const row = await this.prisma.db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
      if (!row) continue; // abandoned between our insert and read: try again
      if (row.requestHash !== requestHash) return { state: 'mismatch' };
      if (row.state === 'DONE') return { state: 'replay', status: row.status!, response: row.response };
      if (row.createdAt < staleBefore) {
        const { count } = await this.prisma.db.idempotencyKey.updateMany({
          where: { scope, key, state: 'IN_FLIGHT', createdAt: row.createdAt },
          data: { createdAt: now },
        });
        if (count === 1) return { state: 'new' };
      }
      return { state: 'in-flight' };
    }
    return { state: 'in-flight' };
  }

  /** Stores the response of a completed request. */
  async complete(scope: string, key: string, status: number, response: unknown, now: Date): Promise<void> {
    await this.prisma.db.idempotencyKey.update({
      where: { scope_key: { scope, key } },
      data: { state: 'DONE', status, response: (response ?? null) as object, completedAt: now },
    });
  }

  /** Releases a claim whose request failed, so that it can be retried with the same key. */
  async abandon(scope: string, key: string): Promise<void> {
    await this.prisma.db.idempotencyKey.deleteMany({ where: { scope, key, state: 'IN_FLIGHT' } });
  }
}
