import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/prisma.service.js';
import type { Principal } from '../auth/principal.js';
import { AuditRepository } from './audit.repository.js';

/** Records admin and tenant-admin actions: who (user or API token, with role), what, when, before and after. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /**
   * One page of a tenant's audit log, newest first: at most `limit` entries older than the entry `cursor` (an entry
   * id, the previous page's `nextCursor`); `nextCursor` is null on the last page.
   */
  async list(tenantId: string, limit: number, cursor?: string) {
    const rows = await this.repository.listForTenant(tenantId, limit + 1, cursor);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  /**
   * Records `action` (e.g. "user.invite") on a target. `before`/`after` are JSON snapshots (null when the target did
   * not exist before or does not exist after). Pass `tx` to commit the entry with the change.
   */
  record(
    tx: Tx | null,
    principal: Principal,
    action: string,
    target: { type: string; id: string | null; tenantId: string | null },
    change: { before?: unknown; after?: unknown },
  ) {
    return this.repository.write(tx, {
      tenantId: target.tenantId,
      actorUserId: principal.userId,
      actorTokenId: principal.tokenId,
      actorRole: principal.role,
      action,
      targetType: target.type,
      targetId: target.id,
      before: change.before ?? null,
      after: change.after ?? null,
    });
  }
}
