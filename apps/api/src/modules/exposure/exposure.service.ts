import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MatchReason, PartsImpact, Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import { FieldValidationException } from '../../common/validation.js';
import type { Tx } from '../../database/prisma.service.js';
import { AlertRaiser, type BackfillCause, type BackfillHit } from '../alerts/alert-raiser.js';
import { type MeasureState, MeasuresService } from '../measures/measures.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import { PartsImpactService } from '../parts/parts-impact.service.js';
import { EventIndexCache } from './event-index.cache.js';
import {
  daysBetween,
  type ExposureStatus,
  eventStanding,
  type MeasureNow,
  standingLabel,
  stillApplies,
} from './exposure-rules.js';
import { ExposureRepository } from './exposure.repository.js';
import { ImpactService } from './impact.service.js';

/** Milliseconds of matching between two turns of the event loop during a back-match. */
export const BACKFILL_STEP_MS = 10;
/** Alerts written per statement by a back-match. */
export const BACKFILL_WRITE = 200;

/** Why back-matching ran (shown in the summary email). */
export type BackfillTrigger = BackfillCause;

/** What to back-match: some watches and/or suppliers of the tenant; neither: the whole tenant. */
export interface BackfillScope {
  watchIds?: string[];
  supplierIds?: string[];
  trigger?: BackfillTrigger;
}

/** What one back-matching did. */
export interface BackfillResult {
  /** Alerts created (origin BACKFILL); events already alerted for the tenant are not alerted again. */
  alerts: number;
  /** "Your current exposure" summary emails queued (one per buyer; none when nothing new was found). */
  emailsQueued: number;
  /** Stored events in the index when matching ran. */
  storedEvents: number;
  /** Milliseconds spent matching (index lookups and explanations), without database time. */
  matchMs: number;
}

/** One thing that reaches a watch or supplier: a measure (or news report) or a licence, through an alert. */
export interface ExposureItem {
  alertId: string;
  /** ISO-8601 UTC instant the alert was raised (what changed lately; the home's alerts per week). */
  alertedAt: string;
  /** EVENT: alerted when it arrived; BACKFILL: found when the watch, supplier or tenant was added. */
  origin: 'EVENT' | 'BACKFILL';
  severity: Severity;
  eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  eventId: string;
  title: string;
  reference: string | null;
  sourceUrl: string | null;
  /** The measure it is read from ("MOFCOM-GAC-2025-18"), null for licences and events about no measure. */
  measureKey: string | null;
  status: ExposureStatus;
  /** YYYY-MM-DD: end of the suspension, of the licence's validity, or the date it lapsed; else null. */
  until: string | null;
  /** "In force", "Suspended until 2026-11-10", "Licence valid until 2026-12-01" ... */
  statusLabel: string;
  /** The reasons of the alert that concern this watch or supplier (as on the alert). */
  reasons: MatchReason[];
  /** A person's answer on the alert: applies to us (true), does not (false), not said (null); with the reason. */
  applies: boolean | null;
  appliesReason: string | null;
  /** The tenant's impact assessment of the measure, when recorded. */
  impact: ImpactSummary | null;
}

/** The tenant's assessment of a measure, as shown in the exposure. */
export interface ImpactSummary {
  status: string;
  expectedDurationDays: number | null;
  ownerId: string | null;
  note: string | null;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

/** A licence held by a supplier (a permit event naming it as exporter or end user). */
export interface LicenceItem extends ExposureItem {
  /** GRANTED, EXPIRING, APPLIED, DENIED, REVOKED. */
  permitStatus: string;
  exporterName: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** Whole days to validTo from today (negative when past); null without an end date. */
  daysToExpiry: number | null;
}

/** A screening-list hit on a supplier. */
export interface ScreeningItem {
  alertId: string;
  /** ISO-8601 UTC instant the alert was raised. */
  alertedAt: string;
  severity: Severity;
  entryId: string;
  name: string;
  listName: string;
  listCode: string | null;
  /** true when a later list import no longer contains the entry. */
  removed: boolean;
  sourceListUrl: string | null;
  reasons: MatchReason[];
}

export interface WatchExposure {
  id: string;
  kind: string;
  label: string;
  elementSymbol: string | null;
  hsPrefix: string | null;
  controlEntry: string | null;
  jurisdiction: string | null;
  items: ExposureItem[];
}

export interface SupplierExposure {
  id: string;
  legalNameEn: string;
  legalNameZh: string | null;
  country: string | null;
  measures: ExposureItem[];
  licences: LicenceItem[];
  screeningHits: ScreeningItem[];
}

/** Counts of a group. */
export interface ExposureCounts {
  measures: number;
  inForce: number;
  suspended: number;
  newsOnly: number;
  licences: number;
  licencesValid: number;
  screeningHits: number;
  alerts: number;
}

export interface ElementGroup {
  symbol: string;
  name: string | null;
  watchIds: string[];
  supplierIds: string[];
  measureKeys: string[];
  alertIds: string[];
  counts: ExposureCounts;
}

export interface SupplierGroup {
  supplierId: string;
  name: string;
  elements: string[];
  alertIds: string[];
  counts: ExposureCounts;
}

export interface MeasureGroup {
  key: string;
  label: string;
  title: string | null;
  /** Known from its own announcement (false: only from events suspending or citing it). */
  known: boolean;
  status: ExposureStatus;
  until: string | null;
  statusLabel: string;
  elements: string[];
  watchIds: string[];
  supplierIds: string[];
  alertIds: string[];
  impact: ImpactSummary | null;
}

/** A tenant's exposure now. */
export interface ExposureView {
  tenantId: string;
  /** ISO-8601 UTC instant it was computed at. */
  asOf: string;
  /** The UTC calendar date statuses are read for. */
  today: string;
  counts: ExposureCounts & { watches: number; suppliers: number };
  watches: WatchExposure[];
  suppliers: SupplierExposure[];
  byElement: ElementGroup[];
  bySupplier: SupplierGroup[];
  byMeasure: MeasureGroup[];
  /**
   * What the alerts shown here mean for the tenant's parts together (issue 15, PartsImpactService): each affected part
   * counted once; the parts themselves are listed by GET /v1/exposure/parts.
   */
  impact: Omit<PartsImpact, 'affectedParts'>;
}

/**
 * The exposure of a tenant: what reaches its watches and suppliers now, computed on read from live state (alerts,
 * the measures' timelines read with the clock, licence validity, screening entries, the current watches and
 * suppliers), so it is current whatever moved; and back-matching, which turns stored events that still apply into
 * alerts (origin BACKFILL) when a tenant, watches or suppliers are added, with one summary email per buyer.
 */
@Injectable()
export class ExposureService {
  private readonly logger = new Logger(ExposureService.name);

  constructor(
    private readonly repository: ExposureRepository,
    private readonly cache: EventIndexCache,
    private readonly reference: ReferenceService,
    private readonly measures: MeasuresService,
    private readonly impacts: ImpactService,
    private readonly partsImpact: PartsImpactService,
    private readonly raiser: AlertRaiser,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Back-matches the tenant's watches and suppliers (those of `scope`, or all) against every stored event: events
   * that still apply (measure in force, suspended, proposed or reported; licence valid or pending) and are not yet
   * alerted for the tenant become alerts with origin BACKFILL, and each active buyer gets one "Your current
   * exposure" email listing them (no alert email each). Safe to repeat: an event is alerted once per tenant.
   *
   * Never holds the database or the event loop for long, whatever the size of the scope (an import of 100,000 rows
   * passes its ids): watches and suppliers are read up to 1,000 per query (SPEC_PAGE; fewer when one query costs over
   * ~8 ms of CPU on this thread, as on PGlite), matching runs in steps of about {@link BACKFILL_STEP_MS} ms with a
   * turn of the event loop between steps, and alerts are written {@link BACKFILL_WRITE} per statement as the matching
   * finds them ({@link EventIndex.matchInBatches}), each statement on its own (PGlite has a single connection: a long
   * transaction would stall every other request, `/health` readiness included). Each statement is
   * atomic and skips events already alerted; the summary emails are queued after the last one, listing every alert
   * this call created. Runs its statements in `tx` when given (the caller's transaction), else each on its own.
   */
  async backfill(tx: Tx | undefined, tenantId: string, scope: BackfillScope = {}): Promise<BackfillResult> {
    const ref = await this.reference.index();
    const db = this.repository.db(tx);
    const none = { alerts: 0, emailsQueued: 0, storedEvents: 0, matchMs: 0 };
    const whole = !scope.watchIds && !scope.supplierIds;
    if (!whole && !scope.watchIds?.length && !scope.supplierIds?.length) return none;
    const tenant = await this.repository.tenant(db, tenantId);
    if (tenant?.status !== 'ACTIVE') return none;
    const { index, meta } = await this.cache.get(db, ref);
    if (!index.size) return none;
    const watches = whole || scope.watchIds ? await this.repository.watchSpecs(db, tenantId, scope.watchIds) : [];
    const suppliers =
      whole || scope.supplierIds ? await this.repository.supplierSpecs(db, tenantId, scope.supplierIds) : [];
    if (!watches.length && !suppliers.length) return { ...none, storedEvents: index.size };
    const today = this.today();
    const states = await this.measures.statuses(db, undefined);
    const standing = (id: string) => eventStanding(meta.get(id)!, (k) => states.get(k), today);
    const decisions = suppliers.length ? await this.repository.supplierDecisions(db, tenantId) : [];
    // Alerts are written as the matching finds them, BACKFILL_WRITE per statement, by the raiser (matchInBatches):
    // a whole tenant's hits and their reason texts are never all held at once. matchMs counts the matching only.
    let matchMs = 0;
    const steps = index.matchInBatches(
      watches,
      suppliers,
      decisions,
      (e) => stillApplies(standing(e.id).status),
      BACKFILL_STEP_MS,
      BACKFILL_WRITE,
    );
    function* hits(): Generator<BackfillHit[] | undefined> {
      for (;;) {
        const started = performance.now();
        const step = steps.next();
        matchMs += performance.now() - started;
        if (step.done) return;
        yield step.value?.map((h) => ({
          eventType: h.type as 'POLICY_CHANGE' | 'PERMIT_EVENT',
          eventId: h.eventId,
          title: meta.get(h.eventId)!.title,
          severity: h.severity,
          reasons: h.reasons,
        }));
      }
    }
    const cause =
      scope.trigger ?? (whole ? 'ADDED' : scope.watchIds && !scope.supplierIds ? 'WATCHES_ADDED' : 'SUPPLIERS_ADDED');
    // The raiser's subscriber queues the summary emails after the last batch, listing every alert created.
    const raised = await this.raiser.raise(db, { trigger: 'BACKFILL', tenantId, cause, hits: hits() });
    // Each statement committed on its own (or the caller commits `tx`); the after-commit step only counts the alerts.
    await raised.afterCommit();
    matchMs = Math.round(matchMs);
    const emailsQueued = raised.rowsWritten;
    if (!raised.alerts.length) return { ...none, storedEvents: index.size, matchMs };
    this.logger.log(
      `back-matching ${tenantId}: ${raised.alerts.length} alert(s) over ${index.size} stored events in ${matchMs} ms, ${emailsQueued} summary email(s)`,
    );
    return { alerts: raised.alerts.length, emailsQueued, storedEvents: index.size, matchMs };
  }

  /** Today's UTC calendar date on the injected clock. */
  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /**
   * The tenant's exposure now (see {@link ExposureView}). Alerts whose watches and suppliers were all removed drop out;
   * their history stays in GET /v1/alerts.
   */
  async exposure(tenantId: string): Promise<ExposureView> {
    return (await this.compute(tenantId)).view;
  }

  /**
   * GET /v1/exposure/parts: every part the alerts of the exposure reach, with reasons, sourcing, spend, quantity and
   * element mass, and the alerts reaching each part (`alertsByPart`, in the order of the affected parts).
   */
  async parts(tenantId: string) {
    const { view, parts } = await this.compute(tenantId);
    return {
      tenantId,
      asOf: view.asOf,
      impact: parts.impact,
      alertsByPart: parts.impact.affectedParts.map((p) => ({
        partId: p.partId,
        alertIds: parts.alertIdsByPart.get(p.partId) ?? [],
      })),
    };
  }

  private async compute(tenantId: string) {
    const ref = await this.reference.index();
    const db = this.repository.db();
    const [watches, suppliers, alerts, { meta }, states, impactRows, decisions] = await Promise.all([
      this.repository.watches(db, tenantId),
      this.repository.suppliers(db, tenantId),
      this.repository.alerts(tenantId),
      this.cache.get(db, ref),
      this.measures.statuses(null),
      this.impacts.byMeasure(tenantId),
      this.repository.supplierDecisions(db, tenantId),
    ]);
    // A possible supplier match that a buyer rejected is not exposure (the alert stays, as history).
    const rejected = new Set(
      decisions.filter((d) => d.decision === 'REJECTED').map((d) => `${d.supplierId}\u0000${d.nameKey}`),
    );
    const isRejected = (r: MatchReason) =>
      r.subject.type === 'SUPPLIER' &&
      r.via === 'SUPPLIER_POSSIBLE' &&
      !!r.nameKey &&
      rejected.has(`${r.subject.supplierId}\u0000${r.nameKey}`);
    const impactOf = (key: string | null): ImpactSummary | null => {
      const i = key ? impactRows.get(key) : undefined;
      return i
        ? {
            status: i.status,
            expectedDurationDays: i.expectedDurationDays,
            ownerId: i.ownerId,
            note: i.note,
            updatedAt: i.updatedAt.toISOString(),
          }
        : null;
    };
    const today = this.today();
    const measureNow = (k: string): MeasureNow | undefined => states.get(k);
    const watchViews = new Map<string, WatchExposure>(
      watches.map((w) => [
        w.id,
        {
          id: w.id,
          kind: w.kind,
          label: w.kind === 'ELEMENT' && w.elementSymbol ? ref.label(w.elementSymbol) : watchLabel(w),
          elementSymbol: w.elementSymbol,
          hsPrefix: w.hsPrefix,
          controlEntry: w.controlEntry,
          jurisdiction: w.jurisdiction,
          items: [],
        },
      ]),
    );
    const supplierViews = new Map<string, SupplierExposure>(
      suppliers.map((s) => [
        s.id,
        {
          id: s.id,
          legalNameEn: s.legalNameEn,
          legalNameZh: s.legalNameZh,
          country: s.country,
          measures: [],
          licences: [],
          screeningHits: [],
        },
      ]),
    );
    const elements = new Map<string, ElementGroup>();
    const byMeasure = new Map<string, MeasureGroup>();
    const element = (symbol: string) => {
      let g = elements.get(symbol);
      if (!g) {
        g = {
          symbol,
          name: ref.label(symbol),
          watchIds: [],
          supplierIds: [],
          measureKeys: [],
          alertIds: [],
          counts: emptyCounts(),
        };
        elements.set(symbol, g);
      }
      return g;
    };
    const counted = new Map<ElementGroup | SupplierExposure | 'all', Set<string>>();
    const count = (bucket: ElementGroup | SupplierExposure | 'all', counts: ExposureCounts, item: ExposureItem) => {
      const seen = counted.get(bucket) ?? new Set<string>();
      counted.set(bucket, seen);
      if (seen.has(item.alertId)) return;
      seen.add(item.alertId);
      addCount(counts, item);
    };
    const total = emptyCounts();

    let seenAlerts = 0;
    for (const a of alerts) {
      // A tenant with 100,000 alerts: a turn of the event loop every 1,000 (each costs well under 10 ms).
      if (++seenAlerts % 1000 === 0) await new Promise(setImmediate);
      const reasons = (a.reasons as unknown as MatchReason[]).filter(
        (r) =>
          !isRejected(r) &&
          (r.subject.type === 'WATCH' ? watchViews.has(r.subject.watchId) : supplierViews.has(r.subject.supplierId)),
      );
      if (a.screeningEntry) {
        for (const r of reasons) {
          if (r.subject.type !== 'SUPPLIER') continue;
          const s = supplierViews.get(r.subject.supplierId)!;
          if (s.screeningHits.some((h) => h.alertId === a.id)) continue;
          s.screeningHits.push({
            alertId: a.id,
            alertedAt: a.createdAt.toISOString(),
            severity: a.severity,
            entryId: a.screeningEntry.id,
            name: a.screeningEntry.name,
            listName: a.screeningEntry.listName,
            listCode: a.screeningEntry.listCode,
            removed: !!a.screeningEntry.removedAt,
            sourceListUrl: a.screeningEntry.sourceListUrl,
            reasons: reasons.filter((x) => x.subject.type === 'SUPPLIER' && x.subject.supplierId === s.id),
          });
          if (!a.screeningEntry.removedAt) total.screeningHits++;
        }
        continue;
      }
      const eventId = a.policyChangeId ?? a.permitEventId;
      const e = eventId ? meta.get(eventId) : undefined;
      if (!e || !reasons.length) continue;
      const st = eventStanding(e, measureNow, today);
      const base: ExposureItem = {
        alertId: a.id,
        alertedAt: a.createdAt.toISOString(),
        origin: a.origin,
        severity: a.severity,
        eventType: e.type,
        eventId: e.id,
        title: e.title,
        reference: e.reference,
        sourceUrl: e.sourceUrl,
        measureKey: st.measureKey,
        status: st.status,
        until: st.until,
        statusLabel: standingLabel(st),
        reasons: [],
        applies: a.applies,
        appliesReason: a.appliesReason,
        impact: impactOf(st.measureKey),
      };
      const state = st.measureKey ? states.get(st.measureKey) : undefined;
      const groupElements = new Set<string>();
      for (const r of reasons) {
        const mine = reasons.filter((x) => sameSubject(x, r));
        if (r.subject.type === 'WATCH') {
          const w = watchViews.get(r.subject.watchId)!;
          if (!w.items.some((i) => i.alertId === a.id)) w.items.push({ ...base, reasons: mine });
          const symbol = r.element ?? w.elementSymbol;
          if (symbol) {
            groupElements.add(symbol);
            pushOnce(element(symbol).watchIds, w.id);
          }
        } else {
          const s = supplierViews.get(r.subject.supplierId)!;
          if (e.type === 'PERMIT_EVENT') {
            if (!s.licences.some((l) => l.alertId === a.id))
              s.licences.push({
                ...base,
                reasons: mine,
                permitStatus: e.permitStatus!,
                exporterName: e.exporterName,
                validFrom: e.validFrom,
                validTo: e.validTo,
                daysToExpiry: e.validTo ? daysBetween(today, e.validTo) : null,
              });
          } else if (!s.measures.some((m) => m.alertId === a.id)) s.measures.push({ ...base, reasons: mine });
          for (const symbol of e.elements) groupElements.add(symbol);
        }
      }
      count('all', total, base);
      for (const symbol of groupElements) {
        const g = element(symbol);
        pushOnce(g.alertIds, a.id);
        if (st.measureKey) pushOnce(g.measureKeys, st.measureKey);
        for (const r of reasons) if (r.subject.type === 'SUPPLIER') pushOnce(g.supplierIds, r.subject.supplierId);
        count(g, g.counts, base);
      }
      if (st.measureKey) {
        const m = byMeasure.get(st.measureKey) ?? {
          ...measureGroup(st.measureKey, state, st),
          impact: impactOf(st.measureKey),
        };
        byMeasure.set(st.measureKey, m);
        pushOnce(m.alertIds, a.id);
        for (const r of reasons)
          if (r.subject.type === 'WATCH') pushOnce(m.watchIds, r.subject.watchId);
          else pushOnce(m.supplierIds, r.subject.supplierId);
      }
    }
    const supplierList = [...supplierViews.values()];
    const bySupplier: SupplierGroup[] = supplierList
      .filter((s) => s.measures.length + s.licences.length + s.screeningHits.length > 0)
      .map((s) => {
        const counts = emptyCounts();
        for (const i of [...s.measures, ...s.licences]) addCount(counts, i);
        counts.screeningHits = s.screeningHits.filter((h) => !h.removed).length;
        counts.alerts += s.screeningHits.length;
        return {
          supplierId: s.id,
          name: s.legalNameEn,
          elements: [...elements.values()].filter((g) => g.supplierIds.includes(s.id)).map((g) => g.symbol),
          alertIds: [...s.measures, ...s.licences, ...s.screeningHits].map((i) => i.alertId),
          counts,
        };
      });
    total.alerts += supplierList.reduce((n, s) => n + s.screeningHits.length, 0);
    const shown = new Set<string>();
    for (const w of watchViews.values()) for (const i of w.items) shown.add(i.alertId);
    // A licence in good standing (granted, not past its end date) puts no part at risk: the roll-up leaves it out, so a
    // part is not "sole-sourced from an affected supplier" because its supplier was granted a licence. Its own alert
    // still carries the impact (which parts depend on that supplier).
    const atRisk = (l: LicenceItem) =>
      !(l.permitStatus === 'GRANTED' && (l.daysToExpiry === null || l.daysToExpiry >= 0));
    for (const s of supplierList)
      for (const i of [...s.measures, ...s.licences.filter(atRisk), ...s.screeningHits]) shown.add(i.alertId);
    const parts = await this.partsImpact.ofAll(
      tenantId,
      alerts.filter((a) => shown.has(a.id)),
    );
    const { affectedParts: _list, ...impact } = parts.impact;
    const view: ExposureView = {
      tenantId,
      asOf: this.clock.now().toISOString(),
      today,
      counts: { ...total, watches: watches.length, suppliers: suppliers.length },
      watches: [...watchViews.values()],
      suppliers: supplierList,
      byElement: [...elements.values()].sort((a, b) => (a.symbol < b.symbol ? -1 : 1)),
      bySupplier,
      byMeasure: [...byMeasure.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
      impact,
    };
    return { view, parts };
  }

  /**
   * The exposure of one element: its group, and the watches and suppliers reaching it with their items.
   * @throws FieldValidationException (400, field `symbol`) for a symbol Lodestone does not know (GET /v1/elements).
   */
  async element(tenantId: string, symbol: string) {
    const ref = await this.reference.index();
    if (!ref.hasElement(symbol))
      throw new FieldValidationException([
        { field: 'symbol', messages: [`symbol ${symbol} is not an element Lodestone knows (see GET /v1/elements)`] },
      ]);
    const all = await this.exposure(tenantId);
    const group = all.byElement.find((g) => g.symbol === symbol) ?? {
      symbol,
      name: ref.label(symbol),
      watchIds: [],
      supplierIds: [],
      measureKeys: [],
      alertIds: [],
      counts: emptyCounts(),
    };
    const alertIds = new Set(group.alertIds);
    return {
      tenantId,
      asOf: all.asOf,
      today: all.today,
      element: group,
      watches: all.watches
        .filter((w) => group.watchIds.includes(w.id))
        .map((w) => ({ ...w, items: w.items.filter((i) => alertIds.has(i.alertId)) })),
      suppliers: all.suppliers
        .filter((s) => group.supplierIds.includes(s.id))
        .map((s) => ({
          ...s,
          measures: s.measures.filter((i) => alertIds.has(i.alertId)),
          licences: s.licences.filter((i) => alertIds.has(i.alertId)),
        })),
      measures: all.byMeasure.filter((m) => group.measureKeys.includes(m.key)),
    };
  }
}

function watchLabel(w: { kind: string; hsPrefix: string | null; controlEntry: string | null }): string {
  if (w.kind === 'HS_CODE') return `HS ${w.hsPrefix}`;
  return `control-list entry ${w.controlEntry}`;
}

function sameSubject(a: MatchReason, b: MatchReason): boolean {
  return a.subject.type === 'WATCH'
    ? b.subject.type === 'WATCH' && a.subject.watchId === b.subject.watchId
    : b.subject.type === 'SUPPLIER' && a.subject.supplierId === b.subject.supplierId;
}

function pushOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function emptyCounts(): ExposureCounts {
  return {
    measures: 0,
    inForce: 0,
    suspended: 0,
    newsOnly: 0,
    licences: 0,
    licencesValid: 0,
    screeningHits: 0,
    alerts: 0,
  };
}

function addCount(c: ExposureCounts, i: ExposureItem): void {
  c.alerts++;
  if (i.eventType === 'PERMIT_EVENT') {
    c.licences++;
    if (i.status === 'LICENCE_VALID') c.licencesValid++;
    return;
  }
  c.measures++;
  if (i.status === 'IN_FORCE') c.inForce++;
  if (i.status === 'SUSPENDED') c.suspended++;
  if (i.status === 'NEWS_ONLY') c.newsOnly++;
}

function measureGroup(
  key: string,
  state: MeasureState | undefined,
  st: { status: ExposureStatus; until: string | null },
): MeasureGroup {
  return {
    key,
    label: state?.label ?? key,
    title: state?.title ?? null,
    known: state?.known ?? false,
    status: st.status,
    until: st.until,
    statusLabel: standingLabel(st),
    elements: state?.elements ?? [],
    watchIds: [],
    supplierIds: [],
    alertIds: [],
    impact: null,
  };
}
