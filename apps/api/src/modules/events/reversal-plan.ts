import type { MatchReason } from '@lodestone/shared-types';
import type { Tx } from '../../database/prisma.service.js';
import type { TenantMatch } from '../../matching/types.js';
import type { ReversalChange } from '../alerts/alert-raiser.js';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { REVERSAL_STATUS, type ReversalForTenant } from '../notifications/notifications.service.js';
import type { PolicyChangeDto } from './dto/policy-change.dto.js';
import { EventsRepository } from './events.repository.js';

/**
 * Plans the REVERSAL raise of a suspension / amendment / reinstatement / lift naming measures in `affects` (external
 * ids, same source): every tenant's alerts on those measures (`earlier`) take the new measure status and point at
 * this event's alert for that tenant; a tenant the event did not match by itself gets an alert too (`added`, HIGH when
 * an earlier alert was CRITICAL or HIGH, else MEDIUM, with the earlier alerts' reasons). `updates` is, per tenant, the
 * update its buyers get instead of a fresh alert email. Reads only; the {@link AlertRaiser} writes. `inScope` keeps
 * the tenants of one shard (a match job of sharded matching: `matches` are the shard's already); every tenant by default.
 */
export async function planReversal(
  tx: Tx,
  events: EventsRepository,
  alerts: AlertsRepository,
  dto: PolicyChangeDto,
  matches: readonly TenantMatch[],
  inScope: (tenantId: string) => boolean = () => true,
): Promise<ReversalChange & { added: TenantMatch[] }> {
  const status = REVERSAL_STATUS[dto.action]!;
  const earlierEvents = await events.findPolicyChanges(tx, dto.source, dto.affects ?? []);
  const earlierAlerts = (
    await alerts.alertsOfPolicyChanges(
      tx,
      earlierEvents.map((e) => e.id),
    )
  ).filter((a) => inScope(a.tenantId));
  const byTenant = new Map<string, typeof earlierAlerts>();
  for (const a of earlierAlerts) {
    const list = byTenant.get(a.tenantId);
    if (list) list.push(a);
    else byTenant.set(a.tenantId, [a]);
  }
  const matched = new Set(matches.map((m) => m.tenantId));
  const added: TenantMatch[] = [...byTenant].flatMap(([tenantId, earlier]) =>
    matched.has(tenantId)
      ? []
      : [
          {
            tenantId,
            severity: earlier.some((e) => e.severity === 'CRITICAL' || e.severity === 'HIGH')
              ? ('HIGH' as const)
              : ('MEDIUM' as const),
            reasons: earlier.flatMap((e) => e.reasons as unknown as MatchReason[]),
          },
        ],
  );
  const updates = new Map<string, ReversalForTenant>();
  const ref = dto.reference ?? dto.title;
  for (const [tenantId, earlier] of byTenant) {
    const names = [...new Set(earlier.map((e) => e.policyChange?.reference ?? e.title))];
    const verb = { SUSPENDED: 'suspends', AMENDED: 'amends', REINSTATED: 'reinstates', LIFTED: 'lifts' }[
      dto.action as 'SUSPENDED'
    ];
    const until = dto.action === 'SUSPENDED' && dto.endDate ? ` until ${dto.endDate}` : '';
    const effect =
      dto.action === 'SUSPENDED'
        ? ` The controls it imposed do not apply${until ? ' until then' : ''}; Lodestone reminds you before the suspension ends.`
        : dto.action === 'REINSTATED'
          ? ' The controls apply again.'
          : dto.action === 'LIFTED'
            ? ' The controls no longer apply.'
            : ' Check the announcement for what changed.';
    updates.set(tenantId, {
      change: dto.action === 'REINSTATED' ? 'REINSTATED' : (status as 'SUSPENDED' | 'AMENDED' | 'LIFTED'),
      whatChanged: `${ref} ${verb} ${names.join(', ')}${dto.effectiveDate ? ` from ${dto.effectiveDate}` : ''}${until}.${effect}`,
      event: {
        title: dto.title,
        reference: dto.reference ?? null,
        effectiveDate: dto.effectiveDate ?? null,
        endDate: dto.endDate ?? null,
        sourceUrl: dto.sourceUrl ?? null,
      },
      earlier: earlier.map((e) => ({
        alertId: e.id,
        title: e.title,
        reference: e.policyChange?.reference ?? null,
        newStatus: status,
      })),
    });
  }
  return {
    earlier: earlierAlerts.map((e) => ({ id: e.id, tenantId: e.tenantId })),
    measureStatus: status,
    updates,
    added,
  };
}
