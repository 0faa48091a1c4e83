import { SEVERITY_ORDER, type MatchReason, type Severity } from '@lodestone/shared-types';
import { quietHoursRelease, type DigestSchedule, type QuietHours } from './schedule.js';

/** A tenant's defaults (TenantNotificationSettings), or the built-in ones when the tenant has none. */
export interface TenantDefaults {
  immediateEnabled: boolean;
  immediateMinSeverity: Severity;
  digestFrequency: 'NONE' | 'DAILY' | 'WEEKLY';
  digestLocalTime: string;
  digestWeekday: number;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  criticalOverridesQuietHours: boolean;
  sendEmptyDigest: boolean;
}

/** Built-in defaults: an immediate email for MEDIUM and above, no digest, no quiet hours. */
export const BUILT_IN_DEFAULTS: TenantDefaults = {
  immediateEnabled: true,
  immediateMinSeverity: 'MEDIUM',
  digestFrequency: 'NONE',
  digestLocalTime: '08:00',
  digestWeekday: 1,
  quietHoursStart: null,
  quietHoursEnd: null,
  criticalOverridesQuietHours: true,
  sendEmptyDigest: false,
};

/** A user's own preferences (UserNotificationPreference); null fields inherit the tenant's. */
export interface UserOverrides {
  immediateEnabled?: boolean | null;
  immediateMinSeverity?: Severity | null;
  digestFrequency?: 'NONE' | 'DAILY' | 'WEEKLY' | null;
  digestLocalTime?: string | null;
  digestWeekday?: number | null;
  quietHoursEnabled?: boolean | null;
  quietHoursStart?: string | null;
  quietHoursEnd?: string | null;
  criticalOverridesQuietHours?: boolean | null;
  sendEmptyDigest?: boolean | null;
  mutedElements?: string[];
  mutedSupplierIds?: string[];
  unsubscribedAt?: Date | null;
}

/** What applies to one user, after merging built-in defaults, tenant defaults and the user's own choices. */
export interface EffectivePreferences {
  timeZone: string;
  unsubscribed: boolean;
  immediate: { enabled: boolean; minSeverity: Severity };
  digest: DigestSchedule | null;
  sendEmptyDigest: boolean;
  quietHours: QuietHours | null;
  criticalOverridesQuietHours: boolean;
  mutedElements: string[];
  mutedSupplierIds: string[];
}

/** Merges the three layers. Pure. */
export function resolvePreferences(
  tenant: TenantDefaults | null,
  user: UserOverrides | null,
  timeZone: string,
): EffectivePreferences {
  const t = tenant ?? BUILT_IN_DEFAULTS;
  const u = user ?? {};
  const pick = <K extends keyof TenantDefaults>(k: K): TenantDefaults[K] =>
    ((u as Record<string, unknown>)[k] ?? t[k]) as TenantDefaults[K];
  const frequency = pick('digestFrequency');
  const quietStart = u.quietHoursEnabled === false ? null : (u.quietHoursStart ?? t.quietHoursStart);
  const quietEnd = u.quietHoursEnabled === false ? null : (u.quietHoursEnd ?? t.quietHoursEnd);
  return {
    timeZone,
    unsubscribed: !!u.unsubscribedAt,
    immediate: { enabled: pick('immediateEnabled'), minSeverity: pick('immediateMinSeverity') },
    digest:
      frequency === 'NONE'
        ? null
        : { frequency, localTime: pick('digestLocalTime'), weekday: pick('digestWeekday'), timeZone },
    sendEmptyDigest: pick('sendEmptyDigest'),
    quietHours: quietStart && quietEnd ? { start: quietStart, end: quietEnd } : null,
    criticalOverridesQuietHours: pick('criticalOverridesQuietHours'),
    mutedElements: u.mutedElements ?? [],
    mutedSupplierIds: u.mutedSupplierIds ?? [],
  };
}

/** `a >= b` in severity order (INFO < LOW < MEDIUM < HIGH < CRITICAL). */
export function severityAtLeast(a: Severity, b: Severity): boolean {
  return SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b);
}

/**
 * Whether an alert is muted for a user: every reason is about a muted element or a muted supplier (an alert that
 * also matches something unmuted still counts).
 */
export function isMuted(
  prefs: Pick<EffectivePreferences, 'mutedElements' | 'mutedSupplierIds'>,
  reasons: MatchReason[],
): boolean {
  if (!reasons.length || (!prefs.mutedElements.length && !prefs.mutedSupplierIds.length)) return false;
  return reasons.every(
    (r) =>
      (r.subject.type === 'SUPPLIER' && prefs.mutedSupplierIds.includes(r.subject.supplierId)) ||
      (r.element !== undefined && r.subject.type === 'WATCH' && prefs.mutedElements.includes(r.element)),
  );
}

/** What to do with one alert for one user right now. */
export type ImmediateDecision =
  | { send: true; at: Date; heldByQuietHours: boolean }
  | { send: false; reason: 'unsubscribed' | 'muted' | 'immediate-off' | 'below-threshold' };

/**
 * Decides the immediate email of an alert: not sent when unsubscribed, muted, immediate emails are off or the
 * severity is below the threshold (the alert still goes into the digest, if any); otherwise sent at `now`, or when
 * quiet hours end (a CRITICAL alert skips the wait when `criticalOverridesQuietHours`).
 */
export function decideImmediate(
  prefs: EffectivePreferences,
  alert: { severity: Severity; reasons: MatchReason[] },
  now: Date,
): ImmediateDecision {
  if (prefs.unsubscribed) return { send: false, reason: 'unsubscribed' };
  if (isMuted(prefs, alert.reasons)) return { send: false, reason: 'muted' };
  if (!prefs.immediate.enabled) return { send: false, reason: 'immediate-off' };
  if (!severityAtLeast(alert.severity, prefs.immediate.minSeverity)) return { send: false, reason: 'below-threshold' };
  if (alert.severity === 'CRITICAL' && prefs.criticalOverridesQuietHours)
    return { send: true, at: now, heldByQuietHours: false };
  const at = quietHoursRelease(prefs.quietHours, prefs.timeZone, now);
  return { send: true, at, heldByQuietHours: at.getTime() !== now.getTime() };
}
