/**
 * The exposure home's data: GET /v1/exposure (the API's exposure model: what reaches the tenant's watches and
 * suppliers now, with statuses read from the measures' timelines), and the views the page draws from it. Nothing is
 * recomputed here that the API already says (statuses, labels, counts); this module only groups and sorts.
 */
import { useQuery } from '@tanstack/react-query';
import { api, type ExposureItem, type ExposureStatus, type ExposureView, type Severity } from '../api/client';

export type MeasureGroup = ExposureView['byMeasure'][number];
export type ElementGroup = ExposureView['byElement'][number];

/** Measure statuses, strongest first: an element takes the strongest status of the measures reaching it. */
export const STATUS_STRENGTH: ExposureStatus[] = ['IN_FORCE', 'SUSPENDED', 'PROPOSED', 'NEWS_ONLY', 'LAPSED', 'LIFTED'];

/** A status whose end date (`until`) is this many days away or less is "lapsing soon". */
export const LAPSING_SOON_DAYS = 30;

/** One cell of the periodic table. */
export interface ElementExposure {
  symbol: string;
  /** "dysprosium (Dy)" from the API, or the symbol. */
  name: string;
  /** The strongest status of the measures reaching the tenant through this element; null: none reaches it. */
  status: ExposureStatus | null;
  /** YYYY-MM-DD the strongest measure's status ends (end of a suspension, of a time-limited measure), or null. */
  until: string | null;
  /** `until` is within {@link LAPSING_SOON_DAYS} days. */
  lapsingSoon: boolean;
  /** One of the tenant's watches is on this element. */
  watched: boolean;
  measures: MeasureGroup[];
  group: ElementGroup | null;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD). */
export function daysFrom(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The periodic table's cells: every element reached by a measure or watched by the tenant. */
export function elementsOf(x: ExposureView): Map<string, ElementExposure> {
  const measures = new Map(x.byMeasure.map((m) => [m.key, m]));
  const out = new Map<string, ElementExposure>();
  const cell = (symbol: string, name: string | null) => {
    let e = out.get(symbol);
    if (!e) {
      e = {
        symbol,
        name: name ?? symbol,
        status: null,
        until: null,
        lapsingSoon: false,
        watched: false,
        measures: [],
        group: null,
      };
      out.set(symbol, e);
    }
    return e;
  };
  for (const g of x.byElement) {
    const e = cell(g.symbol, g.name);
    e.group = g;
    for (const key of g.measureKeys) {
      const m = measures.get(key);
      if (!m) continue;
      e.measures.push(m);
      const rank = STATUS_STRENGTH.indexOf(m.status);
      if (rank < 0) continue;
      if (e.status === null || rank < STATUS_STRENGTH.indexOf(e.status)) {
        e.status = m.status;
        e.until = m.until;
      }
    }
    e.lapsingSoon =
      !!e.until &&
      (e.status === 'IN_FORCE' || e.status === 'SUSPENDED') &&
      daysFrom(x.today, e.until) >= 0 &&
      daysFrom(x.today, e.until) <= LAPSING_SOON_DAYS;
  }
  for (const w of x.watches) if (w.kind === 'ELEMENT' && w.elementSymbol) cell(w.elementSymbol, w.label).watched = true;
  return out;
}

/** An alert of the exposure with where it was found (a watch's label or a supplier's name). */
export interface ExposureEntry {
  alertId: string;
  alertedAt: string;
  severity: Severity;
  title: string;
  statusLabel: string;
  measureKey: string | null;
  /** Watch labels and supplier names it reaches. */
  reaches: string[];
}

/** Every alert of the exposure once (watch items, suppliers' measures, licences and screening hits), newest first. */
export function entriesOf(x: ExposureView): ExposureEntry[] {
  const byId = new Map<string, ExposureEntry>();
  const add = (i: Pick<ExposureItem, 'alertId' | 'alertedAt' | 'severity'> & Partial<ExposureItem>, via: string) => {
    const e = byId.get(i.alertId) ?? {
      alertId: i.alertId,
      alertedAt: i.alertedAt,
      severity: i.severity,
      title: i.title ?? '',
      statusLabel: i.statusLabel ?? '',
      measureKey: i.measureKey ?? null,
      reaches: [],
    };
    if (!e.reaches.includes(via)) e.reaches.push(via);
    byId.set(i.alertId, e);
  };
  for (const w of x.watches) for (const i of w.items) add(i, w.label);
  for (const s of x.suppliers) {
    for (const i of [...s.measures, ...s.licences]) add(i, s.legalNameEn);
    for (const h of s.screeningHits)
      add(
        {
          ...h,
          title: `${s.legalNameEn} appears on ${h.listName}`,
          statusLabel: h.removed ? 'No longer on the list' : 'On the list',
        },
        s.legalNameEn,
      );
  }
  return [...byId.values()].sort((a, b) => (a.alertedAt < b.alertedAt ? 1 : a.alertedAt > b.alertedAt ? -1 : 0));
}

/** Entries raised in the `days` before `asOf` (ISO instant). */
export function changedSince(entries: ExposureEntry[], asOf: string, days = 7): ExposureEntry[] {
  const from = Date.parse(asOf) - days * 86_400_000;
  return entries.filter((e) => Date.parse(e.alertedAt) >= from);
}

export const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];

/** Alerts per ISO week (weeks start on Monday, UTC) and severity, for the last `weeks` weeks up to `asOf`. */
export function alertsPerWeek(
  entries: ExposureEntry[],
  asOf: string,
  weeks = 12,
): { weekStart: string; counts: Record<Severity, number> }[] {
  const end = new Date(asOf);
  const monday = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  const starts: number[] = [];
  for (let i = weeks - 1; i >= 0; i--) starts.push(monday.getTime() - i * 7 * 86_400_000);
  const rows = starts.map((t) => ({
    weekStart: new Date(t).toISOString().slice(0, 10),
    counts: { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFO: 0 } as Record<Severity, number>,
  }));
  for (const e of entries) {
    const t = Date.parse(e.alertedAt);
    const week = Math.floor((t - starts[0]!) / (7 * 86_400_000));
    if (week >= 0 && week < rows.length) rows[week]!.counts[e.severity]++;
  }
  return rows;
}

export function useExposure(enabled = true) {
  return useQuery({ queryKey: ['exposure'], queryFn: api.exposure, enabled });
}
