import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service.js';

/** Reads reference data (elements, material forms, control-list entries, HS codes). Not tenant data. */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly prisma: PrismaService) {}

  elements() {
    return this.prisma.db.element.findMany({ orderBy: { atomicNumber: 'asc' } });
  }

  controlListEntries(filter: { elementSymbol?: string; announcementId?: string } = {}) {
    return this.prisma.db.controlListEntry.findMany({
      where: {
        elementSymbols: filter.elementSymbol ? { has: filter.elementSymbol } : undefined,
        announcementId: filter.announcementId,
      },
      orderBy: [{ announcementId: 'asc' }, { itemKey: 'asc' }],
    });
  }

  materialForms() {
    return this.prisma.db.materialForm.findMany({ orderBy: { code: 'asc' } });
  }

  hsCodes(prefix?: string) {
    return this.prisma.db.hsCode.findMany({
      where: prefix ? { code: { startsWith: prefix } } : undefined,
      orderBy: [{ jurisdiction: 'asc' }, { code: 'asc' }],
    });
  }
}
