import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventSummary, MatchReason } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../../common/clock.js';
import { Screener, screeningAlertSeverity, type ScreeningHit } from '../../../matching/screening.js';
import type { TenantMatch } from '../../../matching/types.js';
import { AlertRaiser } from '../../alerts/alert-raiser.js';
import { actionLabel } from '../../notifications/alert-labels.js';
import { TenantsRepository } from '../../tenants/tenants.repository.js';
import { listedIdentifiers, type ScreeningEntryInput } from './csl.js';
import { ScreeningRepository } from './screening.repository.js';
import { TransactionRunner } from '../../../database/transaction-runner.js';

/** Entries screened between two yields to the event loop. */
const SCREEN_BATCH = 200;

/** What an import did. */
export interface ScreeningImportResult {
  seen: number;
  added: number;
  changed: number;
  removed: number;
  /** Alerts created by the re-screening this import triggered (0 when the list did not change). */
  alerts: number;
}

/**
 * Screening lists: imports a list snapshot (adds, changes, and, for a complete list, removals), and when anything
 * changed re-screens every active tenant's suppliers against all entries in force with the supplier resolver
 * (matching/screening.ts). A hit is an event type of its own (SCREENING_HIT): one alert per (tenant, entry), with one
 * reason per supplier, e.g. "Your supplier X appears on the Entity List (EL) - Bureau of Industry and Security as ...:
 * its English legal name matched the listed name ... (score 0.98)", CRITICAL for EL/SDN/DPL and HIGH for other lists;
 * an alert whose suppliers are all possible matches (reason via SUPPLIER_POSSIBLE) is LOW and asks a buyer to confirm
 * or reject (POST /v1/supplier-name-decisions; the decision applies to later screenings). Raised through the
 * {@link AlertRaiser} (trigger SCREENING), one raise per (entry, certainty) for all tenants, whose subscriber emails
 * each buyer through the same outbox as other alerts. Hits are never un-sent: a removal does not retract an alert.
 */
@Injectable()
export class ScreeningService {
  private readonly logger = new Logger(ScreeningService.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: ScreeningRepository,
    private readonly tenants: TenantsRepository,
    private readonly raiser: AlertRaiser,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Stores a list snapshot from `source` (e.g. "us-csl"). `complete`: the snapshot is the whole list, so stored
   * entries missing from it are marked removed.
   */
  async importList(source: string, inputs: ScreeningEntryInput[], complete: boolean): Promise<ScreeningImportResult> {
    const now = this.clock.now();
    const stored = new Map((await this.repository.index(source)).map((e) => [e.externalId, e]));
    const result: ScreeningImportResult = { seen: inputs.length, added: 0, changed: 0, removed: 0, alerts: 0 };
    const present = new Set<string>();
    for (const e of inputs) {
      present.add(e.externalId);
      const contentHash = createHash('sha256').update(JSON.stringify(e.raw)).digest('hex');
      const data = {
        listName: e.listName,
        listCode: e.listCode,
        name: e.name,
        altNames: e.altNames,
        countries: e.countries,
        programs: e.programs,
        federalRegisterNotice: e.federalRegisterNotice,
        startDate: e.startDate ? new Date(`${e.startDate}T00:00:00Z`) : null,
        sourceListUrl: e.sourceListUrl,
        contentHash,
        raw: e.raw as object,
      };
      const old = stored.get(e.externalId);
      if (!old) {
        await this.repository.create({ source, externalId: e.externalId, firstSeenAt: now, ...data });
        result.added++;
      } else if (old.contentHash !== contentHash || old.removedAt) {
        await this.repository.update(old.id, { ...data, removedAt: null });
        result.changed++;
      }
    }
    if (complete) {
      const gone = [...stored.values()].filter((e) => !present.has(e.externalId) && !e.removedAt).map((e) => e.id);
      if (gone.length) await this.repository.markRemoved(gone, now);
      result.removed = gone.length;
    }
    if (result.added || result.changed || result.removed) result.alerts = await this.rescreenAll();
    this.logger.log(
      `${source}: ${result.seen} entries, ${result.added} added, ${result.changed} changed, ${result.removed} removed, ${result.alerts} alert(s)`,
    );
    return result;
  }

  /**
   * Screens every active tenant's suppliers against the entries in force; creates the alerts (and emails) not yet
   * created. Idempotent. @returns the number of alerts created.
   */
  async rescreenAll(): Promise<number> {
    const entries = await this.repository.active();
    const byId = new Map(entries.map((e) => [e.id, e]));
    const { suppliers, supplierDecisions } = await this.transactions.run((tx) => this.tenants.screeningProfiles(tx), {
      label: 'ScreeningService.rescreenAll',
    });
    const screener = new Screener(suppliers, supplierDecisions);
    const hits: ScreeningHit[] = [];
    for (const [i, e] of entries.entries()) {
      hits.push(...screener.screenEntry({ ...e, identifiers: listedIdentifiers(e.raw as Record<string, unknown>) }));
      // A whole list is tens of thousands of entries: let other work of this process (HTTP requests, ticks) run.
      if (i % SCREEN_BATCH === SCREEN_BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    // One alert per (tenant, entry), with one reason per supplier of the tenant on the entry.
    const groups = new Map<string, ScreeningHit[]>();
    for (const h of hits) {
      const key = `${h.entryId}|${h.tenantId}`;
      const group = groups.get(key);
      if (group) group.push(h);
      else groups.set(key, [h]);
    }
    // One raise per (entry, certainty), for every tenant at once: the title and the action label differ between a
    // certain hit and a possible one, the rest of the entry's summary is the same.
    const raises = new Map<string, { entryId: string; certain: boolean; matches: TenantMatch[] }>();
    for (const group of groups.values()) {
      const entry = byId.get(group[0]!.entryId)!;
      const certain = group.some((h) => h.band === 'MATCH');
      const reasons: MatchReason[] = group.map((h) => h.reason);
      const key = `${entry.id}|${certain}`;
      const raise = raises.get(key) ?? { entryId: entry.id, certain, matches: [] };
      raise.matches.push({
        tenantId: group[0]!.tenantId,
        severity: screeningAlertSeverity(entry.listCode, reasons),
        reasons,
      });
      raises.set(key, raise);
    }
    let created = 0;
    for (const { entryId, certain, matches } of raises.values()) {
      const entry = byId.get(entryId)!;
      const issuer = entry.listName.split(' - ').at(-1) ?? entry.listName;
      const summary: EventSummary = {
        type: 'SCREENING_HIT',
        title:
          `${certain ? 'Your supplier appears' : 'Possible match: your supplier may appear'} on the ${entry.listName}: ${entry.name}`.slice(
            0,
            500,
          ),
        summary: [
          entry.altNames.length ? `Also listed as: ${entry.altNames.join('; ')}.` : '',
          entry.programs.length ? `Programs: ${entry.programs.join(', ')}.` : '',
        ]
          .filter(Boolean)
          .join(' '),
        jurisdiction: 'US',
        issuer,
        actionLabel: actionLabel({ screeningHit: { certain } }),
        effectiveDate: entry.startDate ? entry.startDate.toISOString().slice(0, 10) : null,
        sourceUrl: entry.sourceListUrl,
        reference: entry.federalRegisterNotice,
      };
      // The raiser writes the alerts (existing ones skipped) and its subscriber their emails and channel messages.
      const raised = await this.transactions.run(
        (tx) =>
          this.raiser.raise(tx, {
            trigger: 'SCREENING',
            event: { type: 'SCREENING_HIT', id: entry.id, summary },
            matches,
          }),
        { label: 'ScreeningService.rescreenAll' },
      );
      await raised.afterCommit();
      created += raised.alerts.length;
    }
    return created;
  }
}
