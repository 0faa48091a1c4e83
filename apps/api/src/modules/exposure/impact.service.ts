import { Injectable, NotFoundException } from '@nestjs/common';
import { FieldValidationException, type FieldError } from '../../common/validation.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import type { SetApplicabilityDto, SetImpactDto } from './impact.dto.js';
import { ImpactRepository, type ImpactRow } from './impact.repository.js';
import { TransactionRunner } from '../../database/transaction-runner.js';

/**
 * The impact workflow: per (tenant, measure) an assessment (POTENTIAL, CONFIRMED with an expected duration,
 * NO_IMPACT, RESOLVED), an owner and a note, with its history; per alert, "applies to us / does not apply" with a
 * reason, in the alert's history. Every change is audited (impact.update, alert.applicability) in its transaction.
 */
@Injectable()
export class ImpactService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: ImpactRepository,
    private readonly audit: AuditService,
  ) {}

  /** The tenant's assessments, most recently changed first. */
  list(tenantId: string) {
    return this.repository.list(tenantId);
  }

  /** Assessments by measure key (for the exposure). */
  async byMeasure(tenantId: string): Promise<Map<string, ImpactRow>> {
    return new Map((await this.repository.list(tenantId)).map((i) => [i.measureKey, i]));
  }

  /** The assessment of one measure (null when none) and its history, oldest first. */
  async get(tenantId: string, measureKey: string) {
    const impact = await this.repository.find(null, tenantId, measureKey);
    return { measureKey, impact, history: impact ? await this.repository.history(tenantId, impact.id) : [] };
  }

  /**
   * Sets the assessment of a measure (creating it). Fields left out are cleared, except `ownerId` (kept when absent,
   * cleared with null).
   * @throws NotFoundException (404) for a measure key no event has named;
   *   FieldValidationException (400) naming `expectedDurationDays` (required for CONFIRMED, only for CONFIRMED) or
   *   `ownerId` (not an active user of this tenant).
   */
  set(principal: Principal, tenantId: string, measureKey: string, dto: SetImpactDto) {
    return this.transactions.run(
      async (tx) => {
        if (!(await this.repository.measureExists(tx, measureKey)))
          throw new NotFoundException(`No measure ${measureKey}`);
        const errors: FieldError[] = [];
        if (dto.status === 'CONFIRMED' && dto.expectedDurationDays === undefined)
          errors.push({
            field: 'expectedDurationDays',
            messages: ['expectedDurationDays is required when status is CONFIRMED'],
          });
        if (dto.status !== 'CONFIRMED' && dto.expectedDurationDays !== undefined)
          errors.push({
            field: 'expectedDurationDays',
            messages: ['expectedDurationDays is only for status CONFIRMED'],
          });
        if (dto.ownerId && !(await this.repository.activeUser(tx, tenantId, dto.ownerId)))
          errors.push({ field: 'ownerId', messages: ['ownerId must be an active user of this tenant'] });
        if (errors.length) throw new FieldValidationException(errors);
        const before = await this.repository.find(tx, tenantId, measureKey);
        const after = await this.repository.upsert(tx, tenantId, measureKey, {
          status: dto.status,
          expectedDurationDays: dto.expectedDurationDays ?? null,
          ownerId: dto.ownerId === undefined ? (before?.ownerId ?? null) : dto.ownerId,
          note: dto.note ?? null,
        });
        const change = (i: ImpactRow | null) =>
          i && { status: i.status, expectedDurationDays: i.expectedDurationDays, ownerId: i.ownerId, note: i.note };
        await this.repository.addChange(tx, tenantId, {
          impactId: after.id,
          actorUserId: principal.userId,
          before: change(before),
          after: change(after),
        });
        await this.audit.record(
          tx,
          principal,
          'impact.update',
          { type: 'measure-impact', id: after.id, tenantId },
          { before: change(before), after: { measureKey, ...change(after) } },
        );
        return after;
      },
      { label: 'ImpactService.set' },
    );
  }

  /**
   * Records whether an alert applies to the tenant, with a reason; written to the alert's history and the audit log.
   * @throws NotFoundException (404) when the alert is not this tenant's.
   */
  setApplicability(principal: Principal, tenantId: string, alertId: string, dto: SetApplicabilityDto) {
    return this.transactions.run(
      async (tx) => {
        const before = await this.repository.findAlert(tx, tenantId, alertId);
        if (!before) throw new NotFoundException('Alert not found');
        const after = await this.repository.setApplicability(tx, tenantId, alertId, {
          applies: dto.applies,
          appliesReason: dto.reason.trim(),
          appliesSetById: principal.userId,
          appliesSetAt: new Date(),
        });
        const pick = (a: typeof before) => ({ applies: a.applies, reason: a.appliesReason });
        await this.repository.addActivity(tx, tenantId, {
          alertId,
          actorUserId: principal.userId,
          kind: 'APPLICABILITY_SET',
          comment: after.appliesReason,
          before: pick(before),
          after: pick(after),
        });
        await this.audit.record(
          tx,
          principal,
          'alert.applicability',
          { type: 'alert', id: alertId, tenantId },
          { before: pick(before), after: pick(after) },
        );
        return after;
      },
      { label: 'ImpactService.setApplicability' },
    );
  }
}
