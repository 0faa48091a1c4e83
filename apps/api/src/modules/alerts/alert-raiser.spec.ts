import type { EventSummary, MatchReason } from '@lodestone/shared-types';
import { FakeClock } from '../../common/clock.js';
import type { Tx } from '../../database/prisma.service.js';
import type { TenantMatch } from '../../matching/types.js';
import type { MetricsService } from '../metrics/metrics.service.js';
import { AlertRaiser, type AlertsRaised, type AlertTrigger, type BackfillHit } from './alert-raiser.js';
import { ALERT_CHUNK, AlertsRepository } from './alerts.repository.js';

/**
 * A transaction that keeps the Alert table in memory and records every statement sent through it: the repository's
 * bulk INSERT (`$queryRaw` with one array per column: id, tenantId, dedupeKey, severity, title, reasons,
 * policyChangeId, permitEventId, screeningEntryId, origin) skips existing dedupe keys as `ON CONFLICT DO NOTHING`
 * does, and the reversal link (`$executeRaw`) is recorded with its arrays (earlier id, tenant, newer alert id).
 */
class FakeTx {
  readonly statements: { kind: 'insert' | 'update'; values: unknown[] }[] = [];
  readonly rows = new Map<string, { id: string; tenantId: string; severity: string; origin: string }>();

  constructor(existing: string[] = []) {
    for (const key of existing)
      this.rows.set(key, { id: `old-${key}`, tenantId: '', severity: 'LOW', origin: 'EVENT' });
  }

  $queryRaw = async (_strings: TemplateStringsArray, ...values: unknown[]) => {
    this.statements.push({ kind: 'insert', values });
    const [ids, tenants, keys, severities] = values as string[][];
    const origins = values[9] as string[];
    const out: { id: string; tenantId: string; severity: string; dedupeKey: string }[] = [];
    keys!.forEach((key, i) => {
      if (this.rows.has(key)) return;
      const row = { id: ids![i]!, tenantId: tenants![i]!, severity: severities![i]!, origin: origins[i]! };
      this.rows.set(key, row);
      out.push({ id: row.id, tenantId: row.tenantId, severity: row.severity, dedupeKey: key });
    });
    return out.reverse(); // RETURNING order is not guaranteed: the repository sorts by id
  };

  $executeRaw = async (_strings: TemplateStringsArray, ...values: unknown[]) => {
    this.statements.push({ kind: 'update', values });
    return (values[2] as string[]).length;
  };

  get tx(): Tx {
    return this as unknown as Tx;
  }
}

const summary = (title: string, type: EventSummary['type'] = 'POLICY_CHANGE'): EventSummary => ({
  type,
  title,
  summary: '',
  jurisdiction: 'CN',
  issuer: 'MOFCOM',
  actionLabel: 'Export control imposed',
  effectiveDate: '2025-04-04',
  sourceUrl: null,
  reference: 'MOFCOM-GAC-2025-18',
});

const reason = (element: string): MatchReason =>
  ({
    via: 'ELEMENT',
    subject: { type: 'WATCH', watchId: `w-${element}`, label: element },
    element,
    matched: { field: 'elements', value: element },
    text: `You watch ${element}; the event names ${element}.`,
  }) as unknown as MatchReason;

/** `n` matched tenants, t0 … t(n-1), HIGH with one reason (twice, to show reasons are stored once). */
const matchesOf = (n: number): TenantMatch[] =>
  Array.from({ length: n }, (_, i) => ({
    tenantId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    severity: 'HIGH' as const,
    reasons: [reason('Dy'), reason('Dy')],
  }));

const EVENT_ID = '01a24849-0000-7000-8000-000000000001';

function setup() {
  const clock = new FakeClock(new Date('2026-12-05T22:00:00Z'));
  const counted: { trigger: string; n: number }[] = [];
  const metrics = { alertsRaised: (trigger: string, n: number) => counted.push({ trigger, n }) };
  const raiser = new AlertRaiser(new AlertsRepository(null as never), clock, metrics as unknown as MetricsService);
  const published: { tx: Tx; event: AlertsRaised }[] = [];
  raiser.subscribe({
    name: 'recorder',
    triggers: ['INGESTION', 'REVERSAL', 'SCREENING', 'BACKFILL'] as AlertTrigger[],
    async handle(tx, event) {
      published.push({ tx, event });
      return { rowsWritten: event.alerts.length * 3, afterCommit: async () => event.alerts.length };
    },
  });
  return { raiser, published, counted };
}

describe('AlertRaiser', () => {
  it.each([1, 50, ALERT_CHUNK])(
    'writes the alerts of an event matching %i tenant(s) in one statement and publishes them once',
    async (n) => {
      const { raiser, published } = setup();
      const db = new FakeTx();
      const matches = matchesOf(n);
      const result = await raiser.raise(db.tx, {
        trigger: 'INGESTION',
        event: { type: 'POLICY_CHANGE', id: EVENT_ID, summary: summary('No. 18') },
        matches,
      });
      expect(db.statements.map((s) => s.kind)).toEqual(['insert']);
      expect(result.alerts).toHaveLength(n);
      expect(published).toHaveLength(1);
      const { tx, event } = published[0]!;
      expect(tx).toBe(db.tx); // the subscriber writes in the raiser's transaction
      expect(event).toMatchObject({ trigger: 'INGESTION', occurredAt: '2026-12-05T22:00:00.000Z' });
      expect(event.alerts.map((a) => a.tenantId)).toEqual(matches.map((m) => m.tenantId));
      expect(event.alerts.every((a) => a.severity === 'HIGH' && a.reasons.length === 1)).toBe(true);
      // UUIDv7 ids made in the process, ascending in match order.
      const ids = event.alerts.map((a) => a.id);
      expect([...ids].sort()).toEqual(ids);
      expect(result.rowsWritten).toBe(3 * n);
    },
  );

  it('costs one INSERT per ALERT_CHUNK alerts, not statements per tenant', async () => {
    const { raiser, published } = setup();
    const db = new FakeTx();
    const n = 2 * ALERT_CHUNK + 1;
    await raiser.raise(db.tx, {
      trigger: 'INGESTION',
      event: { type: 'PERMIT_EVENT', id: EVENT_ID, summary: summary('Licence', 'PERMIT_EVENT') },
      matches: matchesOf(n),
    });
    expect(db.statements).toHaveLength(3);
    expect(published).toHaveLength(1);
    expect(published[0]!.event.alerts).toHaveLength(n);
  });

  it('skips a (tenant, event) that has its alert already, and publishes nothing when no alert was created', async () => {
    const { raiser, published, counted } = setup();
    const matches = matchesOf(3);
    const key = (tenantId: string) => `${tenantId}:SCREENING_HIT:${EVENT_ID}`;
    const db = new FakeTx([key(matches[1]!.tenantId)]);
    const request = {
      trigger: 'SCREENING' as const,
      event: { type: 'SCREENING_HIT' as const, id: EVENT_ID, summary: summary('On the Entity List', 'SCREENING_HIT') },
      matches,
    };
    const first = await raiser.raise(db.tx, request);
    expect(first.alerts.map((a) => a.tenantId)).toEqual([matches[0]!.tenantId, matches[2]!.tenantId]);
    expect(published).toHaveLength(1);
    expect(published[0]!.event.alerts).toEqual(first.alerts);
    expect(await first.afterCommit()).toBe(2);
    expect(await first.afterCommit()).toBe(0); // once
    expect(counted).toEqual([{ trigger: 'screening', n: 2 }]);

    const again = await raiser.raise(db.tx, request);
    expect(again.alerts).toEqual([]);
    expect(again.rowsWritten).toBe(0);
    expect(published).toHaveLength(1); // nothing new: nothing published
    expect(await again.afterCommit()).toBe(0);
    const none = await raiser.raise(db.tx, { ...request, matches: [] });
    expect(none.alerts).toEqual([]);
    expect(published).toHaveLength(1);
    expect(db.statements).toHaveLength(2); // no statement for no match
  });

  it('calls a subscriber only for its triggers, in registration order, and lets its error roll the raise back', async () => {
    const { raiser, published } = setup();
    const calls: string[] = [];
    raiser.subscribe({
      name: 'screening-only',
      triggers: ['SCREENING'],
      async handle() {
        calls.push('screening-only');
        return undefined;
      },
    });
    raiser.subscribe({
      name: 'failing',
      triggers: ['INGESTION'],
      async handle() {
        calls.push('failing');
        throw new Error('outbox table locked');
      },
    });
    await expect(
      raiser.raise(new FakeTx().tx, {
        trigger: 'INGESTION',
        event: { type: 'POLICY_CHANGE', id: EVENT_ID, summary: summary('No. 18') },
        matches: matchesOf(2),
      }),
    ).rejects.toThrow('outbox table locked');
    expect(published).toHaveLength(1); // the first subscriber ran, then the failing one
    expect(calls).toEqual(['failing']);
    expect(() => raiser.subscribe({ name: 'failing', triggers: ['BACKFILL'], handle: async () => undefined })).toThrow(
      /registered already/,
    );
  });

  it('links the earlier alerts of a reversal to their tenant’s new alert in one statement', async () => {
    const { raiser, published } = setup();
    const db = new FakeTx();
    const [matched, added] = matchesOf(2);
    const earlier = [
      { id: 'e1', tenantId: matched!.tenantId },
      { id: 'e2', tenantId: added!.tenantId },
      { id: 'e3', tenantId: added!.tenantId },
    ];
    const updates = new Map([[added!.tenantId, { change: 'SUSPENDED' } as never]]);
    const result = await raiser.raise(db.tx, {
      trigger: 'REVERSAL',
      event: { type: 'POLICY_CHANGE', id: EVENT_ID, summary: summary('No. 70 suspends No. 18') },
      matches: [matched!, added!],
      change: { earlier, measureStatus: 'SUSPENDED', updates },
    });
    expect(db.statements.map((s) => s.kind)).toEqual(['insert', 'update']);
    const [, , ids, tenants, byAlert] = db.statements[1]!.values as [unknown, unknown, string[], string[], string[]];
    const own = new Map(result.alerts.map((a) => [a.tenantId, a.id]));
    expect(ids).toEqual(['e1', 'e2', 'e3']);
    expect(tenants).toEqual(earlier.map((e) => e.tenantId));
    expect(byAlert).toEqual(earlier.map((e) => own.get(e.tenantId)));
    expect(published[0]!.event).toMatchObject({ trigger: 'REVERSAL', updates });

    // A tenant with earlier alerts but no new alert (not in matches) is a programming error, not a silent skip.
    await expect(
      raiser.raise(new FakeTx().tx, {
        trigger: 'REVERSAL',
        event: { type: 'POLICY_CHANGE', id: EVENT_ID, summary: summary('No. 70') },
        matches: [matched!],
        change: { earlier, measureStatus: 'SUSPENDED', updates },
      }),
    ).rejects.toThrow(/no alert of event .* for tenant .* \(not in matches\)/);
  });

  it('writes a back-match batch by batch (origin BACKFILL) and publishes every alert of the call once', async () => {
    const { raiser, published, counted } = setup();
    const tenantId = matchesOf(1)[0]!.tenantId;
    const hit = (i: number): BackfillHit => ({
      eventType: i % 2 ? 'PERMIT_EVENT' : 'POLICY_CHANGE',
      eventId: `01a24849-0000-7000-8000-${String(i).padStart(12, '0')}`,
      title: `Event ${i}`,
      severity: 'MEDIUM',
      reasons: [reason('Tb')],
    });
    const db = new FakeTx([`${tenantId}:POLICY_CHANGE:${hit(2).eventId}`]); // alerted when it arrived
    const batches = [undefined, [hit(0), hit(1)], undefined, undefined, [hit(2), hit(3)], [hit(4)]];
    const result = await raiser.raise(db.tx, { trigger: 'BACKFILL', tenantId, cause: 'WATCHES_ADDED', hits: batches });
    expect(db.statements).toHaveLength(3); // one INSERT per batch, none for the turns of the event loop
    expect([...db.rows.values()].filter((r) => r.origin === 'BACKFILL')).toHaveLength(4);
    expect(published).toHaveLength(1);
    const event = published[0]!.event;
    expect(event).toMatchObject({ trigger: 'BACKFILL', tenantId, cause: 'WATCHES_ADDED' });
    if (event.trigger !== 'BACKFILL') throw new Error('unreachable');
    expect(event.alerts.map((a) => [a.eventType, a.eventId, a.title])).toEqual(
      [0, 1, 3, 4].map((i) => [hit(i).eventType, hit(i).eventId, `Event ${i}`]),
    );
    expect(result.alerts).toBe(event.alerts);
    await result.afterCommit();
    expect(counted).toEqual([{ trigger: 'backfill', n: 4 }]);
  });
});
