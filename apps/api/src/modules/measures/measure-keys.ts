/**
 * Which measure(s) a policy change is about, as stable keys. Pure; no I/O.
 *
 * Keys: MOFCOM/GAC announcements by their ids as in shared/data/cn/announcements_index.json ("MOFCOM-GAC-2025-18",
 * "MOFCOM-2024-46"); Federal Register documents by "FR-<document number>" ("FR-2025-19001"). A policy change is
 * about its own measure (an official announcement or FR document), about the measures it names in `affects`, and
 * (for news and other sources without an own measure) about the announcements or FR documents its text cites.
 */
import type { MeasureStatus, PolicyAction } from '@lodestone/shared-types';

/** How an event is about a measure: its own announcement or document, one it `affects`, or one its text cites. */
export type MeasureRole = 'SELF' | 'AFFECTS' | 'CITES';

export interface MeasureFacts {
  source: string;
  externalId: string;
  reference: string | null;
  title: string;
  summary: string;
  affects: string[];
  /** YYYY-MM-DD, to complete a year-less citation ("No. 70"). */
  publishedOn: string | null;
}

const OWN_ID = /^MOFCOM(?:-COSTIND)?(?:-GAC)?-\d{4}-\d{1,3}$/;

/** The key of the measure the event itself is (an announcement or FR document), or null. */
export function ownMeasureKey(f: MeasureFacts): string | null {
  if (OWN_ID.test(f.externalId)) return f.externalId;
  if (f.source === 'federal-register' && /^\d{4}-\d{4,6}$/.test(f.externalId)) return `FR-${f.externalId}`;
  return null;
}

/** Keys of measures cited in free text: "MOFCOM/GAC Announcement 2025 No. 18", "MOFCOM/GAC No. 70", "FR Doc. 2025-19001". */
export function citedMeasureKeys(text: string, year: string | null): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/\b(MOFCOM(?:\/GAC)?)\s*(?:Announcement\s*)?(?:(\d{4})\s*)?No\.\s*(\d{1,3})\b/g)) {
    const y = m[2] ?? year;
    if (y) keys.add(`${m[1]!.replace('/', '-')}-${y}-${Number(m[3])}`);
  }
  for (const m of text.matchAll(
    /\b(?:FR Doc\.?|federalregister\.gov\/d\/|documents\/\d{4}\/\d{2}\/\d{2}\/)\s*(\d{4}-\d{4,6})\b/g,
  ))
    keys.add(`FR-${m[1]}`);
  return [...keys];
}

/**
 * All measures an event belongs to: its own, those it `affects` (same-source ids, mapped as its own), and those its
 * reference, title and summary cite. Each with the role it plays on that measure's timeline.
 */
export function measureLinks(f: MeasureFacts): { key: string; role: MeasureRole }[] {
  const links = new Map<string, MeasureRole>();
  const own = ownMeasureKey(f);
  if (own) links.set(own, 'SELF');
  for (const a of f.affects) {
    const key = OWN_ID.test(a) ? a : f.source === 'federal-register' && /^\d{4}-\d{4,6}$/.test(a) ? `FR-${a}` : null;
    if (key && !links.has(key)) links.set(key, 'AFFECTS');
  }
  const year = f.publishedOn?.slice(0, 4) ?? null;
  for (const key of citedMeasureKeys(`${f.reference ?? ''}\n${f.title}\n${f.summary}`, year))
    if (!links.has(key)) links.set(key, 'CITES');
  return [...links].map(([key, role]) => ({ key, role }));
}

/**
 * Status of a measure after an event on its timeline. Only official events change it: its own announcement or
 * document puts it in force (a notice or proposal: PROPOSED); an event that `affects` it suspends, lifts or
 * reinstates it; an amendment keeps it in force. A citation (e.g. a news report) changes nothing; a measure known
 * only from unofficial reports is REPORTED.
 */
export function statusAfter(
  action: PolicyAction,
  role: MeasureRole,
  official: boolean,
  current: MeasureStatus | null,
): MeasureStatus {
  if (!official || role === 'CITES') return current ?? 'REPORTED';
  if (role === 'SELF')
    return action === 'NOTICE'
      ? current && current !== 'REPORTED'
        ? current
        : 'PROPOSED'
      : current === 'SUSPENDED' || current === 'LIFTED'
        ? current
        : 'IN_FORCE';
  switch (action) {
    case 'SUSPENDED':
      return 'SUSPENDED';
    case 'LIFTED':
      return 'LIFTED';
    case 'REINSTATED':
    case 'AMENDED':
      return 'IN_FORCE';
    default:
      return current ?? 'REPORTED';
  }
}
