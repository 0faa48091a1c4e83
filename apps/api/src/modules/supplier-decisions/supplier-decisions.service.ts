import { Injectable, NotFoundException } from '@nestjs/common';
import { FieldValidationException } from '../../common/validation.js';
import { nameKey } from '../../matching/suppliers/name.js';
import { ExposureService } from '../exposure/exposure.service.js';
import { SupplierDecisionsRepository } from './supplier-decisions.repository.js';

/** A remembered decision, as returned by the service. */
export interface SupplierNameDecisionView {
  supplierId: string;
  /** The name as the event gave it. */
  name: string;
  /** Normalised key under which the decision applies to every spelling variant of the name. */
  nameKey: string;
  decision: 'CONFIRMED' | 'REJECTED';
  decidedBy: string | null;
  /** ISO-8601 with zone (UTC). */
  decidedAt: string;
}

/**
 * Buyers confirm or reject possible supplier matches (alert reasons with via SUPPLIER_POSSIBLE, from permit events
 * and screening lists); the decision is remembered for (tenant, supplier, name) and applied by the matcher and the
 * screening to every later event or list entry naming the same company (any spelling that normalises to the same
 * key). A confirmation makes it a match; a rejection stops it from matching that supplier at all, whatever the score.
 */
@Injectable()
export class SupplierDecisionsService {
  constructor(
    private readonly decisions: SupplierDecisionsRepository,
    private readonly exposure: ExposureService,
  ) {}

  /**
   * Records (or replaces) a decision. `name` is the company name as the event gave it (e.g. the alert reason's
   * `matched.value`). Throws FieldValidationException (400) naming `name` when it is empty or has nothing to compare
   * (e.g. only "Co., Ltd.") or `decision` when it is not CONFIRMED or REJECTED; NotFoundException (404) when the
   * supplier is not one of the tenant's. Writes one row or nothing; a confirmation then back-matches the supplier
   * against stored events (ExposureService.backfill, trigger SUPPLIER_DECISION); a rejection drops the possible match
   * from the exposure (the alert stays, as history).
   */
  async decide(
    tenantId: string,
    input: { supplierId: string; name: string; decision: string; decidedBy?: string | null },
  ): Promise<SupplierNameDecisionView> {
    const errors = [];
    const key = typeof input.name === 'string' ? nameKey(input.name.trim()) : '';
    if (!key)
      errors.push({
        field: 'name',
        messages: ['name must be a company name with at least one word or identifier besides legal forms'],
      });
    if (input.decision !== 'CONFIRMED' && input.decision !== 'REJECTED') {
      errors.push({ field: 'decision', messages: ['decision must be one of CONFIRMED, REJECTED'] });
    }
    if (errors.length) throw new FieldValidationException(errors);
    const supplier = await this.decisions.findSupplier(tenantId, input.supplierId);
    if (!supplier) throw new NotFoundException(`supplierId: no supplier ${input.supplierId} in this tenant`);
    const row = await this.decisions.upsert({
      tenantId,
      supplierId: supplier.id,
      nameKey: key,
      name: input.name.trim(),
      decision: input.decision as 'CONFIRMED' | 'REJECTED',
      decidedBy: input.decidedBy ?? null,
    });
    // The exposure reads rejections at once; a confirmation may make stored events apply to this supplier.
    if (row.decision === 'CONFIRMED')
      await this.exposure.backfill(undefined, tenantId, { supplierIds: [supplier.id], trigger: 'SUPPLIER_DECISION' });
    return view(row);
  }

  /** The tenant's remembered decisions, newest first. */
  async list(tenantId: string): Promise<SupplierNameDecisionView[]> {
    return (await this.decisions.list(tenantId)).map(view);
  }
}

function view(row: {
  supplierId: string;
  name: string;
  nameKey: string;
  decision: 'CONFIRMED' | 'REJECTED';
  decidedBy: string | null;
  updatedAt: Date;
}): SupplierNameDecisionView {
  return {
    supplierId: row.supplierId,
    name: row.name,
    nameKey: row.nameKey,
    decision: row.decision,
    decidedBy: row.decidedBy,
    decidedAt: row.updatedAt.toISOString(),
  };
}
