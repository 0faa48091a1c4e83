/**
 * What "still applies" and "where it stands" mean for the exposure. Pure; no I/O. Dates are YYYY-MM-DD (UTC calendar).
 */
import type { StoredEventMeta } from './event-index.cache.js';

/** Where something that reaches a tenant stands today. */
export type ExposureStatus =
  | 'IN_FORCE'
  | 'SUSPENDED'
  | 'LAPSED'
  | 'LIFTED'
  | 'PROPOSED'
  | 'NEWS_ONLY'
  | 'LICENCE_VALID'
  | 'LICENCE_EXPIRED'
  | 'LICENCE_PENDING'
  | 'LICENCE_REFUSED';

/** A measure's current status as {@link MeasuresService.statuses} gives it. */
export interface MeasureNow {
  status: string;
  until: string | null;
}

/** The exposure status of a measure status (EXPIRED: a suspension measure whose end date passed reads LAPSED). */
export function measureExposureStatus(status: string): ExposureStatus {
  switch (status) {
    case 'SUSPENDED':
      return 'SUSPENDED';
    case 'LIFTED':
      return 'LIFTED';
    case 'EXPIRED':
      return 'LAPSED';
    case 'PROPOSED':
      return 'PROPOSED';
    case 'REPORTED':
      return 'NEWS_ONLY';
    default:
      return 'IN_FORCE';
  }
}

/**
 * Where a stored event stands today, with the measure it is read from (its own, else the one it affects or cites):
 * - a policy change: its measure's status; without a measure, NEWS_ONLY for unofficial reports, LIFTED for a lift,
 *   else IN_FORCE; a suspension whose end date has passed is LAPSED;
 * - a permit: LICENCE_VALID until its validTo (inclusive), then LICENCE_EXPIRED; APPLIED is LICENCE_PENDING; DENIED
 *   and REVOKED are LICENCE_REFUSED.
 */
export function eventStanding(
  e: StoredEventMeta,
  measures: (key: string) => MeasureNow | undefined,
  today: string,
): { status: ExposureStatus; until: string | null; measureKey: string | null } {
  if (e.type === 'PERMIT_EVENT') {
    if (e.permitStatus === 'DENIED' || e.permitStatus === 'REVOKED')
      return { status: 'LICENCE_REFUSED', until: null, measureKey: null };
    if (e.permitStatus === 'APPLIED') return { status: 'LICENCE_PENDING', until: null, measureKey: null };
    if (e.validTo && e.validTo < today) return { status: 'LICENCE_EXPIRED', until: e.validTo, measureKey: null };
    return { status: 'LICENCE_VALID', until: e.validTo, measureKey: null };
  }
  if (e.action === 'SUSPENDED' && e.endDate && e.endDate <= today)
    return { status: 'LAPSED', until: e.endDate, measureKey: e.measures[0]?.key ?? null };
  for (const link of e.measures) {
    const m = measures(link.key);
    if (!m) continue;
    // A news report about a measure in force is reported, not the measure itself: read the measure's status.
    return { status: measureExposureStatus(m.status), until: m.until, measureKey: link.key };
  }
  if (!e.official) return { status: 'NEWS_ONLY', until: null, measureKey: null };
  return { status: e.action === 'LIFTED' ? 'LIFTED' : 'IN_FORCE', until: null, measureKey: null };
}

/** Whether an event still applies (back-matching turns only those into alerts): not lapsed, lifted, expired or refused. */
export function stillApplies(status: ExposureStatus): boolean {
  return !ENDED.has(status);
}
const ENDED: ReadonlySet<ExposureStatus> = new Set(['LAPSED', 'LIFTED', 'LICENCE_EXPIRED', 'LICENCE_REFUSED']);

/** A sentence for people: "In force", "Suspended until 2026-11-10", "Licence valid until 2026-12-01". */
export function standingLabel(s: { status: ExposureStatus; until: string | null }): string {
  switch (s.status) {
    case 'IN_FORCE':
      return s.until ? `In force until ${s.until}` : 'In force';
    case 'SUSPENDED':
      return s.until ? `Suspended until ${s.until}` : 'Suspended';
    case 'LAPSED':
      return s.until ? `Lapsed on ${s.until}` : 'Lapsed';
    case 'LIFTED':
      return 'Lifted';
    case 'PROPOSED':
      return 'Proposed, nothing in force yet';
    case 'NEWS_ONLY':
      return 'Reported by news only, not an official measure';
    case 'LICENCE_VALID':
      return s.until ? `Licence valid until ${s.until}` : 'Licence granted (no end date given)';
    case 'LICENCE_EXPIRED':
      return `Licence expired on ${s.until}`;
    case 'LICENCE_PENDING':
      return 'Licence applied for';
    case 'LICENCE_REFUSED':
      return 'Licence denied or revoked';
  }
}

/** Whole days from `today` to `date` (negative when past). */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
