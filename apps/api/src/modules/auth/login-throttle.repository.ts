import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';

/**
 * The `LoginThrottle` table: counters shared by every API process. Each write is one atomic statement, so concurrent
 * attempts from several processes count exactly.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Counts one attempt of `key` in a fixed window of `windowMs` starting at its first attempt.
   * @returns the attempts in the current window (this one included) and when that window started.
   */
  async countInWindow(key: string, now: Date, windowMs: number): Promise<{ count: number; windowStart: Date }> {
    const expired = new Date(now.getTime() - windowMs);
    const rows = await this.prisma.db.$queryRaw<{ count: number; windowStart: Date }[]>`
      INSERT INTO "LoginThrottle" ("key", "count", "windowStart", "updatedAt") VALUES (${key}, 1, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "LoginThrottle"."windowStart" <= ${expired} THEN 1 ELSE "LoginThrottle"."count" + 1 END,
        "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= ${expired} THEN ${now} ELSE "LoginThrottle"."windowStart" END,
        "updatedAt" = ${now}
      RETURNING "count", "windowStart"`;
    const row = rows[0]!;
    return { count: Number(row.count), windowStart: new Date(row.windowStart) };
  }

  /** When `key` may be tried again, or null when it is not blocked (no row, or no block set). */
  async blockedUntil(key: string): Promise<Date | null> {
    const row = await this.prisma.db.loginThrottle.findUnique({ where: { key }, select: { blockedUntil: true } });
    return row?.blockedUntil ?? null;
  }

  /**
   * Adds one failure to `key`'s streak; a streak idle since before `streakExpiredBefore` starts again at 1.
   * @returns the streak length, this failure included.
   */
  async addFailure(key: string, now: Date, streakExpiredBefore: Date): Promise<number> {
    const rows = await this.prisma.db.$queryRaw<{ count: number }[]>`
      INSERT INTO "LoginThrottle" ("key", "count", "windowStart", "updatedAt") VALUES (${key}, 1, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "count" = CASE WHEN "LoginThrottle"."updatedAt" <= ${streakExpiredBefore} THEN 1 ELSE "LoginThrottle"."count" + 1 END,
        "windowStart" = CASE WHEN "LoginThrottle"."updatedAt" <= ${streakExpiredBefore} THEN ${now} ELSE "LoginThrottle"."windowStart" END,
        "blockedUntil" = CASE WHEN "LoginThrottle"."updatedAt" <= ${streakExpiredBefore} THEN NULL ELSE "LoginThrottle"."blockedUntil" END,
        "updatedAt" = ${now}
      RETURNING "count"`;
    return Number(rows[0]!.count);
  }

  /** Blocks `key` until `until` (never shortens an existing block). */
  async block(key: string, until: Date): Promise<void> {
    await this.prisma.db.loginThrottle.updateMany({
      where: { key, OR: [{ blockedUntil: null }, { blockedUntil: { lt: until } }] },
      data: { blockedUntil: until },
    });
  }

  /** Forgets `key` (a successful login ends the pair's streak). */
  async clear(key: string): Promise<void> {
    await this.prisma.db.loginThrottle.deleteMany({ where: { key } });
  }

  /** Deletes rows untouched since `before`. @returns how many. */
  async prune(before: Date): Promise<number> {
    return (await this.prisma.db.loginThrottle.deleteMany({ where: { updatedAt: { lt: before } } })).count;
  }
}
