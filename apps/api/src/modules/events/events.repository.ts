import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/prisma.service.js';
import type { Prisma } from '../../generated/prisma/client.js';

/**
 * Stores and reads policy changes and permit events (platform data, not tenant data), always inside the ingestion
 * transaction the caller passes as `tx`.
 */
@Injectable()
export class EventsRepository {
  findPolicyChange(tx: Tx, source: string, externalId: string) {
    return tx.policyChange.findUnique({ where: { source_externalId: { source, externalId } } });
  }

  findPermitEvent(tx: Tx, source: string, externalId: string) {
    return tx.permitEvent.findUnique({ where: { source_externalId: { source, externalId } } });
  }

  /** Policy changes of `source` with these external ids (the measures a newer event affects). */
  findPolicyChanges(tx: Tx, source: string, externalIds: string[]) {
    if (!externalIds.length) return Promise.resolve([]);
    return tx.policyChange.findMany({ where: { source, externalId: { in: externalIds } } });
  }

  createPolicyChange(tx: Tx, data: Prisma.PolicyChangeCreateInput) {
    return tx.policyChange.create({ data });
  }

  createPermitEvent(tx: Tx, data: Prisma.PermitEventCreateInput) {
    return tx.permitEvent.create({ data });
  }
}
