import type { MatchReason, Severity } from '@lodestone/shared-types';
import type { EventFacts } from './types.js';

/**
 * Severity of an alert from the event and how it matched. The rules, highest first:
 * - a permit event for one of the tenant's suppliers that is DENIED or REVOKED: CRITICAL; EXPIRING: HIGH;
 *   APPLIED or GRANTED: MEDIUM;
 * - a policy change that IMPOSES, AMENDS or REINSTATES a control on something watched: HIGH;
 *   a SUSPENSION, a LIFT, a LICENSING_RULE or a TARIFF: MEDIUM; a NOTICE (proposal, investigation): LOW;
 * - a permit event that matched only by element, code or entry, or only as a possible supplier match
 *   (SUPPLIER_POSSIBLE, until a buyer confirms it): LOW.
 */
export function severityOf(event: EventFacts, reasons: MatchReason[]): Severity {
  const supplierHit = reasons.some((r) => r.subject.type === 'SUPPLIER' && r.via !== 'SUPPLIER_POSSIBLE');
  if (event.type === 'PERMIT_EVENT') {
    if (!supplierHit) return 'LOW';
    switch (event.permitStatus) {
      case 'DENIED':
      case 'REVOKED':
        return 'CRITICAL';
      case 'EXPIRING':
        return 'HIGH';
      default:
        return 'MEDIUM';
    }
  }
  switch (event.action) {
    case 'IMPOSED':
    case 'AMENDED':
    case 'REINSTATED':
      return 'HIGH';
    case 'NOTICE':
      return 'LOW';
    default:
      return 'MEDIUM';
  }
}
