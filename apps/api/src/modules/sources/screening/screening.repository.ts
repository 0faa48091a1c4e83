import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service.js';
import type { Prisma } from '../../../generated/prisma/client.js';

/** Screening-list entries (platform data, not tenant data). */
@Injectable()
export class ScreeningRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The stored entries of a source: id, externalId, content hash and whether removed. */
  index(source: string) {
    return this.prisma.db.screeningEntry.findMany({
      where: { source },
      select: { id: true, externalId: true, contentHash: true, removedAt: true },
    });
  }

  create(data: Prisma.ScreeningEntryCreateInput) {
    return this.prisma.db.screeningEntry.create({ data, select: { id: true } });
  }

  update(id: string, data: Prisma.ScreeningEntryUpdateInput) {
    return this.prisma.db.screeningEntry.update({ where: { id }, data, select: { id: true } });
  }

  markRemoved(ids: string[], at: Date) {
    return this.prisma.db.screeningEntry.updateMany({ where: { id: { in: ids } }, data: { removedAt: at } });
  }

  /** Entries in force (not removed). */
  active() {
    return this.prisma.db.screeningEntry.findMany({ where: { removedAt: null } });
  }
}
