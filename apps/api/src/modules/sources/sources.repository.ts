import { Injectable } from '@nestjs/common';
import type { DigestSourceLine } from '@lodestone/email-templates';
import { PrismaService } from '../../database/prisma.service.js';
import type { PayloadStatus, SourceKind } from '../../generated/prisma/enums.js';
import type { ItemError } from './source-connector.js';

/** The run state of a source as stored. */
export interface SourceRunUpdate {
  /** The run succeeded (lastSuccessAt, cursor); `error` may still name rejected items. */
  ok: boolean;
  itemsSeen: number;
  itemsNew: number;
  /** What went wrong (run-level error, or rejected items); null when nothing did. */
  error: string | null;
  cursor?: unknown;
}

/**
 * Stores sources, their run state, leases and raw payloads (platform data, not tenant data): the only code that reads
 * or writes the Source and SourcePayload tables. Other modules import it from SourceRecordsModule (source-records.module.ts).
 */
@Injectable()
export class SourcesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates the source row if missing and keeps its kind, enabled flag and interval in line with the configuration. */
  ensure(name: string, kind: SourceKind, enabled: boolean, intervalMinutes: number | null) {
    return this.prisma.db.source.upsert({
      where: { name },
      create: { name, kind, enabled, intervalMinutes },
      update: { kind, enabled, intervalMinutes },
    });
  }

  list() {
    return this.prisma.db.source.findMany({ orderBy: { name: 'asc' } });
  }

  get(name: string) {
    return this.prisma.db.source.findUnique({ where: { name } });
  }

  /**
   * Takes the run lease of a source when nobody holds it or the holder's lease expired: one conditional UPDATE, so
   * two processes (or two calls) racing for it cannot both win. Also records the attempt.
   * @returns true when `owner` now holds the lease until `until`.
   */
  async acquireLease(name: string, owner: string, now: Date, until: Date): Promise<boolean> {
    const { count } = await this.prisma.db.source.updateMany({
      where: { name, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { leaseOwner: owner, leaseUntil: until, lastAttemptAt: now },
    });
    return count === 1;
  }

  /** Records how a run ended and releases the lease (only if `owner` still holds it). */
  async finishRun(name: string, owner: string, now: Date, run: SourceRunUpdate): Promise<void> {
    const base = { lastItemsSeen: run.itemsSeen, lastItemsNew: run.itemsNew, leaseOwner: null, leaseUntil: null };
    const data = run.ok
      ? {
          ...base,
          lastSuccessAt: now,
          consecutiveFailures: 0,
          lastError: run.error?.slice(0, 4000) ?? null,
          ...(run.error ? { lastErrorAt: now } : {}),
          ...(run.cursor !== undefined ? { cursor: run.cursor as object } : {}),
        }
      : {
          ...base,
          lastError: (run.error ?? 'failed').slice(0, 4000),
          lastErrorAt: now,
          consecutiveFailures: { increment: 1 },
        };
    await this.prisma.db.source.updateMany({ where: { name, leaseOwner: owner }, data });
  }

  /** Records a pushed payload's outcome on its source (pushes do not take the run lease: they may arrive together). */
  async recordPush(name: string, now: Date, run: SourceRunUpdate): Promise<void> {
    await this.prisma.db.source.update({
      where: { name },
      data: {
        lastAttemptAt: now,
        lastItemsSeen: run.itemsSeen,
        lastItemsNew: run.itemsNew,
        lastError: run.error?.slice(0, 4000) ?? null,
        ...(run.error ? { lastErrorAt: now } : {}),
        ...(run.ok ? { lastSuccessAt: now, consecutiveFailures: 0 } : { consecutiveFailures: { increment: 1 } }),
      },
    });
  }

  /** Stores a raw payload and what became of it. */
  savePayload(p: {
    sourceName: string;
    origin: 'SCHEDULED' | 'REPLAY' | 'PUSH';
    url: string | null;
    contentType: string | null;
    body: string;
    sha256: string;
    status: PayloadStatus;
    itemsSeen: number;
    itemsNew: number;
    errors: ItemError[];
    receivedAt: Date;
  }) {
    return this.prisma.db.sourcePayload.create({ data: { ...p, errors: p.errors as unknown as object[] } });
  }

  payloads(sourceName: string, take = 50) {
    return this.prisma.db.sourcePayload.findMany({ where: { sourceName }, orderBy: { receivedAt: 'desc' }, take });
  }

  /**
   * The enabled sources' run records for a digest's "Sources" section (platform data, read only): last success, the items stored as new by payloads received in [start, end) (scheduled runs, replays
   * and pushes), and, while the latest attempts fail (`consecutiveFailures` > 0), the count and the last error with
   * its time. Sorted by name.
   */
  async digestLines(start: Date, end: Date): Promise<DigestSourceLine[]> {
    const [sources, received] = await Promise.all([
      this.prisma.db.source.findMany({
        where: { enabled: true },
        orderBy: { name: 'asc' },
        select: { name: true, lastSuccessAt: true, lastError: true, lastErrorAt: true, consecutiveFailures: true },
      }),
      this.prisma.db.sourcePayload.groupBy({
        by: ['sourceName'],
        where: { receivedAt: { gte: start, lt: end } },
        _sum: { itemsNew: true },
      }),
    ]);
    const itemsNew = new Map(received.map((r) => [r.sourceName, r._sum.itemsNew ?? 0]));
    return sources.map((s) => ({
      source: s.name,
      lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
      itemsNew: itemsNew.get(s.name) ?? 0,
      failing:
        s.consecutiveFailures > 0
          ? {
              consecutiveFailures: s.consecutiveFailures,
              lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
              lastError: s.lastError,
            }
          : null,
    }));
  }
}
