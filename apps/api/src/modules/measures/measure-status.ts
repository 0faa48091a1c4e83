/**
 * A measure's status now, from its timeline and today's date. Pure; no I/O. The one place that decides what "in
 * force", "suspended until", "lapsed" mean: GET /v1/measures/:key, alerts and the exposure all read it, so a
 * suspension reaching its end date changes all three at the same instant, whether or not the reminder tick has yet
 * recorded the lapse as a step (MeasuresService.recordLapses).
 */

/** One stored step of a timeline, oldest first (recorded order). Dates are YYYY-MM-DD. */
export interface StatusStep {
  /** SELF, AFFECTS, CITES or LAPSE. */
  role: string;
  action: string;
  official: boolean;
  statusAfter: string;
  policyChangeId: string;
  /** The end date of the step's event (a suspension's "until"), or null. */
  endDate: string | null;
}

/** A lapse that is due (its end date is today or past) and not yet recorded as a step. */
export interface DueLapse {
  /** The suspension event whose end date passed. */
  policyChangeId: string;
  /** YYYY-MM-DD: the end date. */
  on: string;
  /** IN_FORCE for a measure a suspension had suspended; EXPIRED for the suspension itself. */
  statusAfter: 'IN_FORCE' | 'EXPIRED';
}

/** Where a measure stands on a given day. */
export interface CurrentStatus {
  /** IN_FORCE, SUSPENDED, AMENDED, LIFTED, EXPIRED, PROPOSED or REPORTED. */
  status: string;
  /** YYYY-MM-DD the suspension ends (status SUSPENDED), or the suspension measure itself ends (status IN_FORCE); else null. */
  until: string | null;
  /** Set when the status comes from a lapse not yet on the timeline. */
  dueLapse: DueLapse | null;
}

/**
 * The status of a measure on `today` (YYYY-MM-DD, UTC calendar date): the status after its last step, then
 * - suspended by an event with an end date: back IN_FORCE from that date (a lapse), else SUSPENDED `until` it;
 * - the measure is itself a suspension with an end date (e.g. MOFCOM/GAC 2025 No. 70 until 2026-11-10): EXPIRED from
 *   that date, else in force `until` it.
 * A newer official step (reinstatement, lift, another suspension) replaces what an older one said; a recorded LAPSE
 * step is not repeated. A measure without steps is REPORTED.
 */
export function currentStatus(steps: StatusStep[], today: string): CurrentStatus {
  const last = steps[steps.length - 1];
  const status = last?.statusAfter ?? 'REPORTED';
  const lapsed = new Set(steps.filter((s) => s.role === 'LAPSE').map((s) => s.policyChangeId));
  // The last official step that moved the status as another event (AFFECTS) or as a recorded lapse.
  let mover: StatusStep | undefined;
  for (let i = steps.length - 1; i >= 0 && !mover; i--) {
    const s = steps[i]!;
    if (s.official && (s.role === 'AFFECTS' || s.role === 'LAPSE')) mover = s;
  }
  if (mover?.role === 'AFFECTS' && mover.action === 'SUSPENDED' && status === 'SUSPENDED' && mover.endDate) {
    if (lapsed.has(mover.policyChangeId)) return { status, until: null, dueLapse: null };
    if (mover.endDate <= today)
      return {
        status: 'IN_FORCE',
        until: null,
        dueLapse: { policyChangeId: mover.policyChangeId, on: mover.endDate, statusAfter: 'IN_FORCE' },
      };
    return { status, until: mover.endDate, dueLapse: null };
  }
  // The measure is itself a suspension with an end date; nothing official has moved it since.
  const self = steps.find((s) => s.role === 'SELF' && s.official && s.action === 'SUSPENDED' && s.endDate);
  if (self && !mover && status === 'IN_FORCE') {
    if (lapsed.has(self.policyChangeId)) return { status, until: null, dueLapse: null };
    if (self.endDate! <= today)
      return {
        status: 'EXPIRED',
        until: null,
        dueLapse: { policyChangeId: self.policyChangeId, on: self.endDate!, statusAfter: 'EXPIRED' },
      };
    return { status, until: self.endDate, dueLapse: null };
  }
  return { status, until: null, dueLapse: null };
}

/** What is not known about a measure seen only as the target of another event's `affects` or in citations. */
export const UNKNOWN_WITHOUT_OWN_ANNOUNCEMENT = ['title', 'elements', 'effectiveDate', 'scope'] as const;

/** A display label from a key: "MOFCOM-GAC-2025-55" -> "MOFCOM/GAC Announcement 2025 No. 55", "FR-2025-19001" -> "FR Doc. 2025-19001". */
export function measureLabel(key: string): string {
  const m = /^(MOFCOM(?:-COSTIND)?(?:-GAC)?)-(\d{4})-(\d{1,3})$/.exec(key);
  if (m) return `${m[1]!.replaceAll('-', '/')} Announcement ${m[2]} No. ${m[3]}`;
  if (key.startsWith('FR-')) return `FR Doc. ${key.slice(3)}`;
  return key;
}
