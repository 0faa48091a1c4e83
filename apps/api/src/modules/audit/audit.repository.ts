import { Injectable } from '@nestjs/common';
import type { Role } from '@lodestone/shared-types';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';

/** One audit entry to write. */
export interface AuditEntry {
  tenantId: string | null;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorRole: Role;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
}

/** The audit log. Entries of one tenant are read with its tenantId; platform-wide entries (tenantId null) by platform admins. */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Writes an entry, in `tx` when given (so the entry commits with the change it records). */
  write(tx: Tx | null, entry: AuditEntry) {
    const client = tx ?? this.prisma.db;
    const data = { ...entry, before: (entry.before ?? undefined) as never, after: (entry.after ?? undefined) as never };
    if (entry.tenantId) return client.auditLog.create({ data: { ...data, tenantId: entry.tenantId } });
    return crossTenant('platform-wide audit entries have no tenant', () =>
      client.auditLog.create({ data: { ...data, tenantId: null } }),
    );
  }

  /** Entries of one tenant, newest first, keyset-paginated on id (UUIDv7, time-ordered). */
  listForTenant(tenantId: string, take: number, before?: string) {
    return this.prisma.db.auditLog.findMany({
      where: { tenantId, ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: 'desc' },
      take,
    });
  }
}
