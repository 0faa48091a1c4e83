import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';

/** Reads reference data (elements, control-list entries, HS codes). Not tenant data. */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly prisma: PrismaService) {}

  elements() {
    return this.prisma.db.element.findMany({ orderBy: { atomicNumber: 'asc' } });
  }

  controlListEntries(filter: { elementSymbol?: string; announcementId?: string } = {}) {
    return this.prisma.db.controlListEntry.findMany({
      where: { elementSymbol: filter.elementSymbol, announcementId: filter.announcementId },
      orderBy: [{ announcementId: 'asc' }, { entryCode: 'asc' }],
    });
  }

  hsCodes(prefix?: string) {
    return this.prisma.db.hsCode.findMany({
      where: prefix ? { code: { startsWith: prefix } } : undefined,
      orderBy: [{ jurisdiction: 'asc' }, { code: 'asc' }],
    });
  }
}
