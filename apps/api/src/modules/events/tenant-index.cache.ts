import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/prisma.service.js';
import { TenantIndex } from '../../matching/matcher.js';
import type { ReferenceIndex } from '../../matching/reference-index.js';
import { TenantsRepository } from '../tenants/tenants.repository.js';

/**
 * The {@link TenantIndex} of every active tenant's watches, suppliers and supplier-name decisions, built once and kept
 * until they change. Change is seen through the database's matching-profile version (the sum of per-tenant counters
 * raised by triggers in the same transaction as the change, whichever process or code path made it), so every API
 * process sharing a database rebuilds after another one's edit, and an ingestion never matches against a profile
 * older than its own snapshot of the version. Building reads every profile (100,000 watches and 200,000 supplier aliases: seconds); matching an event
 * against a built index takes about a millisecond (`npm run bench -- match`).
 */
@Injectable()
export class TenantIndexCache {
  private current: { version: bigint; reference: ReferenceIndex; index: TenantIndex } | undefined;
  private rebuilds = 0;

  constructor(private readonly tenants: TenantsRepository) {}

  /**
   * The index for the profiles visible to `tx`; rebuilt when the profile version or the reference index changed.
   */
  async get(tx: Tx, reference: ReferenceIndex): Promise<TenantIndex> {
    const version = await this.tenants.matchingProfileVersion(tx);
    const cached = this.current;
    if (cached && cached.version === version && cached.reference === reference) return cached.index;
    const { watches, suppliers, supplierDecisions } = await this.tenants.matchingProfiles(tx);
    const index = new TenantIndex(reference, watches, suppliers, supplierDecisions);
    this.rebuilds++;
    // Keep the newest: a slower concurrent rebuild of an older version must not replace it.
    if (!this.current || this.current.reference !== reference || this.current.version <= version)
      this.current = { version, reference, index };
    return index;
  }

  /** How many times the index was built in this process (for tests and the health of the cache). */
  get builds(): number {
    return this.rebuilds;
  }
}
