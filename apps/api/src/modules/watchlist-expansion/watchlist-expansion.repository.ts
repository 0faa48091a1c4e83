import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';

/** The watches GET /v1/watchlist/expansion pages through. Every query names the tenant. */
@Injectable()
export class WatchlistExpansionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Up to `take` watches of the tenant after the one with id `afterId`, by id (UUIDv7: creation order). */
  watchPage(tenantId: string, take: number, afterId?: string) {
    return this.prisma.db.watchlistItem.findMany({
      where: { tenantId, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: 'asc' },
      take,
    });
  }
}
