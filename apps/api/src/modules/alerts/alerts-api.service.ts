import { Injectable, NotFoundException } from '@nestjs/common';
import { FieldValidationException } from '../../common/validation.js';
import type { Principal } from '../auth/principal.js';
import { MeasuresService } from '../measures/measures.service.js';
import { PartsImpactService } from '../parts/parts-impact.service.js';
import { type AlertFilter, AlertsApiRepository } from './alerts-api.repository.js';
import { TransactionRunner } from '../../database/transaction-runner.js';

type AlertStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

/** Reading and acting on a tenant's alerts; each change is written to the alert's history in the same transaction. */
@Injectable()
export class AlertsApiService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: AlertsApiRepository,
    private readonly measures: MeasuresService,
    private readonly partsImpact: PartsImpactService,
  ) {}

  /**
   * A page of alerts and the cursor of the next page (null at the end). Each policy-change alert carries
   * `measure: { key, label, status, until }`, read from the measure its event is about (the measure is the one
   * source of status: a lapse shows here the moment it shows on GET /v1/measures/:key); null for other alerts.
   */
  async list(tenantId: string, filter: AlertFilter, limit: number, cursor?: string) {
    const rows = await this.repository.list(tenantId, filter, limit + 1, cursor);
    const items = await this.withMeasures(rows.slice(0, limit));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }

  /**
   * Every alert matching `filter`, newest first, as pages of `pageSize` read one at a time (keyset pagination), for
   * exports: the caller never holds more than one page.
   */
  async *pages(tenantId: string, filter: AlertFilter, pageSize = 500) {
    let cursor: string | undefined;
    do {
      const page = await this.list(tenantId, filter, pageSize, cursor);
      if (page.items.length) yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * One alert with its history and its `impact` on the tenant's parts (PartsImpactService: parts, products, spend per
   * currency, quantity, element mass, sourcing).
   * @throws NotFoundException (404) when the alert is not this tenant's.
   */
  async get(tenantId: string, id: string) {
    const alert = await this.repository.find(null, tenantId, id);
    if (!alert) throw new NotFoundException('Alert not found');
    const [withMeasure] = await this.withMeasures([alert]);
    const impact = (await this.partsImpact.ofAlerts(tenantId, [alert])).get(alert.id)!;
    return { ...withMeasure!, impact, history: await this.repository.history(tenantId, id) };
  }

  /** Adds the current status of each policy-change alert's measure (its event's own, else the one it affects or cites). */
  private async withMeasures<T extends { policyChangeId: string | null }>(alerts: T[]) {
    const ids = alerts.flatMap((a) => (a.policyChangeId ? [a.policyChangeId] : []));
    const links = await this.measures.measuresOfEvents(null, ids);
    const keys = [...new Set([...links.values()].map((l) => l[0]!.key))];
    const states = keys.length ? await this.measures.statuses(null, keys) : new Map();
    return alerts.map((a) => {
      const s = a.policyChangeId ? states.get(links.get(a.policyChangeId)?.[0]?.key ?? '') : undefined;
      return { ...a, measure: s ? { key: s.key, label: s.label, status: s.status, until: s.until } : null };
    });
  }

  /**
   * {@link pages} with each alert's `impact` on the tenant's parts (one part-index lookup per alert; the index is
   * cached per tenant), for exports.
   */
  async *pagesWithImpact(tenantId: string, filter: AlertFilter, pageSize = 500) {
    for await (const page of this.pages(tenantId, filter, pageSize)) {
      const impacts = await this.partsImpact.ofAlerts(tenantId, page);
      yield page.map((a) => ({ ...a, impact: impacts.get(a.id) }));
    }
  }

  /** @throws NotFoundException (404) when the alert is not this tenant's. */
  async history(tenantId: string, id: string) {
    if (!(await this.repository.find(null, tenantId, id))) throw new NotFoundException('Alert not found');
    return this.repository.history(tenantId, id);
  }

  /** Sets the status (ACKNOWLEDGED is recorded as an acknowledgement). No-op changes are still recorded. */
  setStatus(principal: Principal, tenantId: string, id: string, status: AlertStatus) {
    return this.transactions.run(
      async (tx) => {
        const before = await this.repository.find(tx, tenantId, id);
        if (!before) throw new NotFoundException('Alert not found');
        const after = await this.repository.update(tx, tenantId, id, { status });
        await this.repository.addActivity(tx, tenantId, {
          alertId: id,
          actorUserId: principal.userId,
          kind: status === 'ACKNOWLEDGED' ? 'ACKNOWLEDGED' : 'STATUS_CHANGED',
          before: { status: before.status },
          after: { status },
        });
        return after;
      },
      { label: 'AlertsApiService.setStatus' },
    );
  }

  /**
   * Assigns the alert to an active user of the same tenant (or unassigns with null).
   * @throws NotFoundException; FieldValidationException (field `userId`) for a user not in this tenant.
   */
  assign(principal: Principal, tenantId: string, id: string, userId: string | null) {
    return this.transactions.run(
      async (tx) => {
        const before = await this.repository.find(tx, tenantId, id);
        if (!before) throw new NotFoundException('Alert not found');
        if (userId && !(await this.repository.userOfTenant(tx, tenantId, userId))) {
          throw new FieldValidationException([
            { field: 'userId', messages: ['userId must be an active user of this tenant'] },
          ]);
        }
        const after = await this.repository.update(tx, tenantId, id, { assigneeId: userId });
        await this.repository.addActivity(tx, tenantId, {
          alertId: id,
          actorUserId: principal.userId,
          kind: userId ? 'ASSIGNED' : 'UNASSIGNED',
          before: { assigneeId: before.assigneeId },
          after: { assigneeId: userId },
        });
        return after;
      },
      { label: 'AlertsApiService.assign' },
    );
  }

  /** Adds a comment to the alert's history. @returns the history entry. */
  comment(principal: Principal, tenantId: string, id: string, text: string) {
    return this.transactions.run(
      async (tx) => {
        if (!(await this.repository.find(tx, tenantId, id))) throw new NotFoundException('Alert not found');
        return this.repository.addActivity(tx, tenantId, {
          alertId: id,
          actorUserId: principal.userId,
          kind: 'COMMENTED',
          comment: text,
        });
      },
      { label: 'AlertsApiService.comment' },
    );
  }
}
