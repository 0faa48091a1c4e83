import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EventSummary, EventType, MatchReason, Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import type { Tx } from '../../database/prisma.service.js';
import type { ShardKey } from '../../matching/shard.js';
import type { TenantMatch } from '../../matching/types.js';
import { uniqueReasons } from '../../matching/unique-reasons.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { ReversalForTenant } from '../notifications/notifications.service.js';
import { ALERT_CHUNK, alertDedupeKey, AlertsRepository, type NewAlert } from './alerts.repository.js';

/**
 * Why alerts are raised (docs/architecture.md, "Alert pipeline"):
 * - `INGESTION`: a policy change or permit event arrived (POST /v1/policy-changes, /v1/permit-events, sources);
 * - `REVERSAL`: an arriving policy change suspends, amends, reinstates or lifts measures (`affects`): the tenants it
 *   matched and the tenants alerted on the affected measures get an alert, the earlier alerts are linked to it;
 * - `SCREENING`: a supplier appears on a screening list entry (ScreeningService);
 * - `BACKFILL`: stored events that still apply, found when a tenant, watches or suppliers are added (origin BACKFILL).
 *
 * A suspension lapsing on its end date raises no alert (it updates existing alerts from the reminder tick,
 * RemindersService), so it is not a trigger here.
 */
export type AlertTrigger = 'INGESTION' | 'REVERSAL' | 'SCREENING' | 'BACKFILL';

/** Why a back-match ran (the exposure summary email says so). */
export type BackfillCause = 'TENANT_CREATED' | 'WATCHES_ADDED' | 'SUPPLIERS_ADDED' | 'SUPPLIER_DECISION' | 'ADDED';

/** The event an alert is raised for: its type and id, and the summary its notifications show (`summary.title`). */
export interface RaisedEvent<T extends EventType = EventType> {
  type: T;
  /** Id of the policy change, permit event or screening entry (UUID). */
  id: string;
  summary: EventSummary;
}

/** How an arriving policy change changes the measures of earlier alerts (a `REVERSAL`). */
export interface ReversalChange {
  /** The earlier alerts (every tenant) on the affected measures; each is linked to its tenant's new alert. */
  earlier: readonly { id: string; tenantId: string }[];
  /** The measure status the earlier alerts take. */
  measureStatus: 'SUSPENDED' | 'AMENDED' | 'IN_FORCE' | 'LIFTED';
  /** tenantId -> the one update its buyers get instead of a fresh alert email (NotificationsService). */
  updates: ReadonlyMap<string, ReversalForTenant>;
}

/** One stored event found for a tenant by a back-match. */
export interface BackfillHit {
  eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  eventId: string;
  /** The event's title (the alert's title). */
  title: string;
  severity: Severity;
  reasons: MatchReason[];
}

/**
 * What to raise, by trigger. Event triggers carry one event and its matches (one alert per matched tenant, with the
 * match's severity and reasons); a back-match carries one tenant and its hits on many stored events, in batches as
 * the matching finds them (`undefined` between batches lets the event loop run; see EventIndex.matchInBatches).
 * The alerts' origin follows from the trigger: BACKFILL for a back-match, EVENT otherwise.
 */
export type RaiseRequest =
  | {
      trigger: 'INGESTION';
      event: RaisedEvent<'POLICY_CHANGE' | 'PERMIT_EVENT'>;
      matches: readonly TenantMatch[];
      /** The shard the matches cover (a match job of sharded matching); every tenant when absent. */
      shard?: ShardKey;
    }
  | {
      trigger: 'REVERSAL';
      event: RaisedEvent<'POLICY_CHANGE'>;
      /** The tenants the event matched, then the tenants alerted only through `change.earlier`. */
      matches: readonly TenantMatch[];
      change: ReversalChange;
      /** As for INGESTION. */
      shard?: ShardKey;
    }
  | { trigger: 'SCREENING'; event: RaisedEvent<'SCREENING_HIT'>; matches: readonly TenantMatch[] }
  | {
      trigger: 'BACKFILL';
      tenantId: string;
      cause: BackfillCause;
      /**
       * Batches of hits as the matcher finds them (one INSERT each up to {@link ALERT_CHUNK} hits); `undefined`: let
       * the event loop run. Consumed once, lazily: the matching runs while the raiser writes.
       */
      hits: Iterable<readonly BackfillHit[] | undefined>;
    };

/** An alert the raiser created. `reasons` are those stored (each once), not read back from the database. */
export interface RaisedAlert {
  id: string;
  tenantId: string;
  severity: Severity;
  reasons: readonly MatchReason[];
}

/** An alert a back-match created, with its event (a back-match spans many events). */
export interface BackfilledAlert extends RaisedAlert {
  eventType: 'POLICY_CHANGE' | 'PERMIT_EVENT';
  eventId: string;
  title: string;
}

/**
 * The domain event the raiser publishes once per {@link AlertRaiser.raise} that created at least one alert: every
 * alert that call created (alerts that existed already are not in it), in creation order (UUIDv7 ids, ascending).
 * `occurredAt` is the ISO-8601 UTC instant of the raise on the injected clock.
 */
export type AlertsRaised =
  | {
      trigger: 'INGESTION';
      occurredAt: string;
      event: RaisedEvent<'POLICY_CHANGE' | 'PERMIT_EVENT'>;
      alerts: RaisedAlert[];
      /** The shard of tenants the alerts are in (sharded matching: one raise per shard); every tenant when absent. */
      shard?: ShardKey;
    }
  | {
      trigger: 'REVERSAL';
      occurredAt: string;
      event: RaisedEvent<'POLICY_CHANGE'>;
      alerts: RaisedAlert[];
      /** As for INGESTION. */
      shard?: ShardKey;
      /** tenantId -> the update its buyers get instead of the alert email (every tenant with earlier alerts). */
      updates: ReadonlyMap<string, ReversalForTenant>;
    }
  | { trigger: 'SCREENING'; occurredAt: string; event: RaisedEvent<'SCREENING_HIT'>; alerts: RaisedAlert[] }
  | { trigger: 'BACKFILL'; occurredAt: string; tenantId: string; cause: BackfillCause; alerts: BackfilledAlert[] };

/** The {@link AlertsRaised} variant of one trigger. */
export type AlertsRaisedOf<T extends AlertTrigger> = Extract<AlertsRaised, { trigger: T }>;

/** What a subscriber did with an {@link AlertsRaised}. */
export interface SubscriberOutcome {
  /** Outbox rows it wrote in the raiser's transaction (emails, channel messages). */
  rowsWritten?: number;
  /**
   * Work to run once the caller's transaction has committed (e.g. expanding a small fan-out job before the answer,
   * or kicking the delivery worker); resolves to the outbox rows it wrote. Must not throw for a failure the
   * committed state already covers (a job retried later).
   */
  afterCommit?: () => Promise<number>;
}

/**
 * A subscriber to {@link AlertsRaised}: called synchronously (awaited) inside the raiser's transaction, `tx` first, so
 * its outbox rows commit with the alerts or not at all. Throwing rolls the whole raise back (alerts included) when the
 * raise runs in a transaction.
 */
export interface AlertsRaisedSubscriber<T extends AlertTrigger = AlertTrigger> {
  /** Names the subscriber in logs and errors. */
  readonly name: string;
  /** The triggers it handles; it is not called for others. */
  readonly triggers: readonly T[];
  handle(tx: Tx, event: AlertsRaisedOf<T>): Promise<SubscriberOutcome | undefined>;
}

/** What {@link AlertRaiser.raise} did. */
export interface RaiseResult {
  /** The alerts this call created (see {@link AlertsRaised}); empty when every alert existed already. */
  alerts: RaisedAlert[];
  /** Outbox rows the subscribers wrote in the transaction. */
  rowsWritten: number;
  /**
   * Runs the subscribers' after-commit work (and counts the alerts in the metrics); call it once, after the
   * transaction given to `raise` committed. Later calls do nothing and resolve to 0.
   * @returns outbox rows written after the commit.
   */
  afterCommit(): Promise<number>;
}

/**
 * The one place that creates alerts, for every trigger (docs/architecture.md, "Alert pipeline"). {@link raise} writes
 * the alerts of a request in bulk, a constant number of statements however many tenants match (one
 * `INSERT … SELECT FROM unnest(…) ON CONFLICT ("dedupeKey") DO NOTHING` per {@link ALERT_CHUNK} alerts, through
 * {@link AlertsRepository}); a (tenant, event) that already has its alert is skipped. It then publishes one
 * {@link AlertsRaised} to the subscribers registered with {@link subscribe}, awaited one after the other in
 * registration order inside the same transaction. Nothing is published when no alert was created.
 *
 * Notifications subscribe (the fan-out job of an ingestion, the immediate emails of a screening hit, the summary email
 * of a back-match); no other code writes alerts or their notification outbox rows (an architecture test,
 * `alert-pipeline.spec.ts`, scans the sources).
 */
@Injectable()
export class AlertRaiser {
  private readonly subscribers: AlertsRaisedSubscriber[] = [];

  constructor(
    private readonly alerts: AlertsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    /** Counts the alerts raised, per trigger, after the commit (absent when built by hand). */
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /**
   * Registers a subscriber for the triggers it names. Subscribers register once, when built (Nest providers in their
   * constructor), and are never removed.
   * @throws Error when a subscriber of the same name is registered already (a second instance would write twice).
   */
  subscribe<T extends AlertTrigger>(subscriber: AlertsRaisedSubscriber<T>): void {
    if (this.subscribers.some((s) => s.name === subscriber.name))
      throw new Error(`alert raiser: a subscriber named "${subscriber.name}" is registered already`);
    this.subscribers.push(subscriber as unknown as AlertsRaisedSubscriber);
  }

  /**
   * Raises the alerts of `request` in `tx` and publishes one {@link AlertsRaised} to the subscribers (see the class
   * doc). A REVERSAL also links the earlier alerts to their tenant's new alert and sets their measure status (one
   * `UPDATE … FROM unnest(…)`). A BACKFILL writes each batch of hits as it comes (one INSERT per batch, a turn of the
   * event loop after each batch and each `undefined`), so a whole tenant's hits are never held at once; run it without
   * a transaction (`tx` the client) to keep statements short on a single-connection database.
   * @param tx - the caller's transaction (or the client for a BACKFILL run statement by statement).
   * @returns the alerts created, the outbox rows the subscribers wrote, and the after-commit step to run.
   * @throws Error for a REVERSAL whose earlier alert's tenant has no alert on the event (every such tenant must be in
   *   `matches`); whatever a subscriber throws.
   */
  async raise(tx: Tx, request: RaiseRequest): Promise<RaiseResult> {
    const occurredAt = this.clock.now().toISOString();
    let event: AlertsRaised;
    if (request.trigger === 'BACKFILL') {
      const alerts = await this.insertBackfill(tx, request.tenantId, request.hits);
      event = { trigger: 'BACKFILL', occurredAt, tenantId: request.tenantId, cause: request.cause, alerts };
    } else {
      const alerts = await this.insertForEvent(tx, request.event, request.matches);
      if (request.trigger === 'REVERSAL') {
        await this.linkEarlier(tx, request.event.id, request.change, request.matches, alerts);
        event = {
          trigger: 'REVERSAL',
          occurredAt,
          event: request.event,
          alerts,
          updates: request.change.updates,
          ...(request.shard ? { shard: request.shard } : {}),
        };
      } else if (request.trigger === 'INGESTION') {
        event = {
          trigger: 'INGESTION',
          occurredAt,
          event: request.event,
          alerts,
          ...(request.shard ? { shard: request.shard } : {}),
        };
      } else {
        event = { trigger: 'SCREENING', occurredAt, event: request.event, alerts };
      }
    }
    return this.publish(tx, event);
  }

  private async publish(tx: Tx, event: AlertsRaised): Promise<RaiseResult> {
    const after: (() => Promise<number>)[] = [];
    let rowsWritten = 0;
    if (event.alerts.length) {
      for (const s of this.subscribers) {
        if (!s.triggers.includes(event.trigger)) continue;
        const outcome = await s.handle(tx, event);
        rowsWritten += outcome?.rowsWritten ?? 0;
        if (outcome?.afterCommit) after.push(outcome.afterCommit);
      }
    }
    let done = false;
    return {
      alerts: event.alerts,
      rowsWritten,
      afterCommit: async () => {
        if (done) return 0;
        done = true;
        this.metrics?.alertsRaised(
          event.trigger.toLowerCase() as 'ingestion' | 'reversal' | 'screening' | 'backfill',
          event.alerts.length,
        );
        let written = 0;
        for (const fn of after) written += await fn();
        return written;
      },
    };
  }

  /** One alert per match (reasons each once), in bulk; returns those created, in `matches` order. */
  private async insertForEvent(tx: Tx, event: RaisedEvent, matches: readonly TenantMatch[]): Promise<RaisedAlert[]> {
    const rows: NewAlert[] = matches.map((m) => ({
      tenantId: m.tenantId,
      type: event.type,
      eventId: event.id,
      title: event.summary.title,
      severity: m.severity,
      reasons: uniqueReasons(m.reasons),
    }));
    const byKey = new Map(rows.map((r) => [alertDedupeKey(r.tenantId, r.type, r.eventId), r]));
    return (await this.alerts.insertAlertKeys(tx, rows)).map((a) => ({
      id: a.id,
      tenantId: a.tenantId,
      severity: a.severity,
      reasons: byKey.get(a.dedupeKey)!.reasons as MatchReason[],
    }));
  }

  /** The earlier alerts of a reversal take the new measure status, each linked to its tenant's alert on the event. */
  private async linkEarlier(
    tx: Tx,
    eventId: string,
    change: ReversalChange,
    matches: readonly TenantMatch[],
    created: readonly RaisedAlert[],
  ): Promise<void> {
    if (!change.earlier.length) return;
    const own = new Map(created.map((a) => [a.tenantId, a.id] as const));
    const byAlert = (tenantId: string) => {
      const id = own.get(tenantId);
      if (!id) {
        const matched = matches.some((m) => m.tenantId === tenantId);
        throw new Error(
          `reversal: no alert of event ${eventId} for tenant ${tenantId}${matched ? ' (it existed already)' : ' (not in matches)'}`,
        );
      }
      return id;
    };
    await this.alerts.markMeasureStatusMany(
      tx,
      change.earlier.map((e) => ({ id: e.id, tenantId: e.tenantId, byAlertId: byAlert(e.tenantId) })),
      change.measureStatus,
      this.clock.now(),
    );
  }

  /** Writes a back-match's batches as they come (see {@link raise}); returns the alerts created, in order. */
  private async insertBackfill(
    tx: Tx,
    tenantId: string,
    hits: Iterable<readonly BackfillHit[] | undefined>,
  ): Promise<BackfilledAlert[]> {
    const created: BackfilledAlert[] = [];
    for (const batch of hits) {
      if (batch?.length) {
        const rows: (NewAlert & { hit: BackfillHit })[] = batch.map((h) => ({
          tenantId,
          type: h.eventType,
          eventId: h.eventId,
          title: h.title,
          severity: h.severity,
          reasons: uniqueReasons(h.reasons),
          origin: 'BACKFILL',
          hit: h,
        }));
        const byKey = new Map(rows.map((r) => [alertDedupeKey(tenantId, r.type, r.eventId), r]));
        for (const a of await this.alerts.insertAlertKeys(tx, rows)) {
          const row = byKey.get(a.dedupeKey)!;
          created.push({
            id: a.id,
            tenantId,
            severity: a.severity,
            reasons: row.reasons as MatchReason[],
            eventType: row.hit.eventType,
            eventId: row.hit.eventId,
            title: row.hit.title,
          });
        }
      }
      await nextMacrotask();
    }
    return created;
  }
}
