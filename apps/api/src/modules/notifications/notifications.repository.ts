import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { uuid7 } from '../../database/uuid7.js';
import { Prisma } from '../../generated/prisma/client.js';
import { emailRow, emailTemplateVersion } from '../../outbox/email-row.js';
import { EmailQueueWriter, type WrittenEmailRow } from '../../mail/email-queue.js';

const USER_WITH_PREFS = {
  id: true,
  tenantId: true,
  email: true,
  name: true,
  timeZone: true,
  tenant: { select: { name: true, notificationSettings: true } },
  notificationPref: true,
} as const;

/** An outbox row for {@link NotificationsRepository.insertDeliveryBatch} (status PENDING, 0 attempts). */
export interface BatchDelivery {
  tenantId: string;
  userId: string | null;
  alertId: string | null;
  recipient: string;
  template: string;
  /** Template props (stored as JSON). */
  payload: unknown;
  /** RFC 5322 Message-ID, reused on every attempt. */
  messageId: string;
  dedupeKey: string;
  /** When the row is first due (e.g. the end of quiet hours). */
  nextAttemptAt: Date;
}

/** Tenants per recipients query of {@link NotificationsRepository.recipientsOf}. */
const RECIPIENT_TENANT_CHUNK = 2000;

/** A buyer with what notification decisions need: tenant name and defaults, own preferences, time zone. */
export type RecipientRow = Prisma.UserGetPayload<{ select: typeof USER_WITH_PREFS }>;

/**
 * Roles whose users receive alert emails, digests and reminders: buyers, and tenant admins (a tenant whose only user is
 * its admin is told of its alerts too). Either opts out through its own notification preferences (immediate emails
 * off, or unsubscribe).
 */
export const ALERT_RECIPIENT_ROLES = ['BUYER', 'TENANT_ADMIN'] as const;

/** An outbox row to insert. */
export type NewDelivery = Omit<Prisma.EmailDeliveryCreateManyInput, 'status' | 'attempts'>;

/**
 * Notification data: recipients with preferences, digest content, reminders' candidates, outbox inserts. The only
 * notification code that talks to Prisma. Platform jobs (digest tick, reminders) read across tenants via crossTenant.
 */
@Injectable()
export class NotificationsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly emailQueue: EmailQueueWriter,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Active buyers and tenant admins of `tenantIds` with their preferences (in the caller's transaction), ordered by email within each
   * query: one query (with its relation loads) per 2,000 tenants, so the bind values stay far below PostgreSQL's limit
   * and materialising one result does not hold the event loop for long; yields between queries.
   */
  async recipientsOf(tx: Tx, tenantIds: string[]): Promise<RecipientRow[]> {
    const out: RecipientRow[] = [];
    for (let i = 0; i < tenantIds.length; i += RECIPIENT_TENANT_CHUNK) {
      const rows = await tx.user.findMany({
        where: {
          tenantId: { in: tenantIds.slice(i, i + RECIPIENT_TENANT_CHUNK) },
          role: { in: [...ALERT_RECIPIENT_ROLES] },
          active: true,
          tenant: { status: 'ACTIVE' },
        },
        select: USER_WITH_PREFS,
        orderBy: { email: 'asc' },
      });
      for (const r of rows) out.push(r);
      if (i + RECIPIENT_TENANT_CHUNK < tenantIds.length) await new Promise(setImmediate);
    }
    return out;
  }

  /** Active buyers and tenant admins of `tenantIds` with their preferences (outside a transaction). */
  recipients(tenantIds: string[]): Promise<RecipientRow[]> {
    return this.prisma.db.user.findMany({
      where: {
        tenantId: { in: tenantIds },
        role: { in: [...ALERT_RECIPIENT_ROLES] },
        active: true,
        tenant: { status: 'ACTIVE' },
      },
      select: USER_WITH_PREFS,
      orderBy: { email: 'asc' },
    });
  }

  /** Every active buyer and tenant admin of every active tenant, for the digest tick. */
  allRecipients(): Promise<RecipientRow[]> {
    return crossTenant('the digest tick serves every tenant', () =>
      this.prisma.db.user.findMany({
        where: {
          role: { in: [...ALERT_RECIPIENT_ROLES] },
          active: true,
          tenantId: { not: null },
          tenant: { status: 'ACTIVE' },
        },
        select: USER_WITH_PREFS,
        orderBy: { id: 'asc' },
      }),
    );
  }

  /** Whether an outbox row with this dedupe key exists. */
  async deliveryExists(tenantId: string, dedupeKey: string): Promise<boolean> {
    return (await this.prisma.db.emailDelivery.count({ where: { tenantId, dedupeKey } })) > 0;
  }

  /**
   * Inserts outbox rows; a row whose dedupeKey exists is skipped by the database (INSERT … ON CONFLICT DO NOTHING), so
   * two processes racing on the same (user, window) write one row. With DELIVERY_QUEUE=pgboss each row written gets
   * its `deliver-email` job in the same transaction (`tx`, or one of its own when `tx` is null). Returns how many were
   * inserted.
   */
  async insertDeliveries(tx: Tx | null, rows: NewDelivery[]): Promise<number> {
    if (!rows.length) return 0;
    return this.emailQueue.write(tx, 'NotificationsRepository.insertDeliveries', async (db) => {
      if (!this.emailQueue.queued)
        return (await db.emailDelivery.createMany({ data: rows.map(emailRow), skipDuplicates: true })).count;
      const written = await db.emailDelivery.createManyAndReturn({
        data: rows.map(emailRow),
        skipDuplicates: true,
        select: { id: true, tenantId: true, nextAttemptAt: true },
      });
      await this.emailQueue.enqueue(db, written);
      return written.length;
    });
  }

  /**
   * Inserts many outbox rows in one statement (`INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`, one array
   * parameter per column: Prisma's createMany builds a far slower statement of one bind value per field), in `tx`.
   * Rows whose dedupeKey exists are skipped, as in {@link insertDeliveries}. Callers chunk (e.g. 1,000 rows). With
   * DELIVERY_QUEUE=pgboss the rows written get their `deliver-email` jobs in `tx` (one more insert for the chunk).
   * @returns how many were inserted.
   */
  async insertDeliveryBatch(tx: Tx, rows: readonly BatchDelivery[]): Promise<number> {
    if (!rows.length) return 0;
    const col = <T>(f: (r: BatchDelivery) => T) => rows.map(f);
    const versions = rows.map(emailTemplateVersion);
    const insert = Prisma.sql`
      INSERT INTO "EmailDelivery" ("id", "tenantId", "userId", "alertId", "recipient", "template", "templateVersion",
        "payload", "messageId", "dedupeKey", "nextAttemptAt", "updatedAt")
      SELECT u.*, now() FROM unnest(
        ${rows.map(() => uuid7())}::uuid[], ${col((r) => r.tenantId)}::uuid[], ${col((r) => r.userId)}::uuid[],
        ${col((r) => r.alertId)}::uuid[], ${col((r) => r.recipient)}::text[], ${col((r) => r.template)}::text[],
        ${versions}::int[],
        ${col((r) => JSON.stringify(r.payload))}::text[]::jsonb[], ${col((r) => r.messageId)}::text[],
        ${col((r) => r.dedupeKey)}::text[], ${col((r) => r.nextAttemptAt.toISOString())}::text[]::timestamptz[]
      ) AS u
      ON CONFLICT ("dedupeKey") DO NOTHING`;
    if (!this.emailQueue.queued) return tx.$executeRaw(insert);
    const written = await tx.$queryRaw<WrittenEmailRow[]>`${insert} RETURNING "id", "tenantId", "nextAttemptAt"`;
    await this.emailQueue.enqueue(tx, written);
    return written.length;
  }

  /** A tenant's alerts raised in [start, end), oldest first, with their events. */
  alertsInWindow(tenantId: string, start: Date, end: Date) {
    return this.prisma.db.alert.findMany({
      // Alerts found on addition (origin BACKFILL) went out in the "Your current exposure" summary, not as news.
      where: { tenantId, createdAt: { gte: start, lt: end }, origin: 'EVENT' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: {
        policyChange: { select: { action: true, official: true, reference: true, sourceUrl: true } },
        permitEvent: { select: { status: true, sourceUrl: true } },
      },
    });
  }

  /**
   * Sources that have delivered events, each with when its latest event was stored: for "nothing new" mails when no
   * source connector is enabled (events come through the API only, so the latest stored event stands for the check).
   */
  async sourcesChecked(): Promise<{ source: string; lastEventAt: Date | null }[]> {
    const [policy, permit] = await Promise.all([
      this.prisma.db.policyChange.groupBy({ by: ['source'], _max: { createdAt: true } }),
      this.prisma.db.permitEvent.groupBy({ by: ['source'], _max: { createdAt: true } }),
    ]);
    const latest = new Map<string, Date | null>();
    for (const row of [...policy, ...permit]) {
      const prev = latest.get(row.source);
      const at = row._max.createdAt ?? null;
      if (!prev || (at && at > prev)) latest.set(row.source, at);
    }
    return [...latest]
      .map(([source, lastEventAt]) => ({ source, lastEventAt }))
      .sort((a, b) => a.source.localeCompare(b.source));
  }

  /** Supplier names of a tenant by id (for digest group labels). */
  async supplierNames(tenantId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.db.supplier.findMany({
      where: { tenantId },
      select: { id: true, legalNameEn: true, legalNameZh: true },
    });
    return new Map(rows.map((s) => [s.id, s.legalNameZh ? `${s.legalNameEn} (${s.legalNameZh})` : s.legalNameEn]));
  }

  /** One user's own preferences (null when never set), tenant defaults and time zone. */
  async preferencesOf(userId: string, tenantId: string) {
    return this.prisma.db.user.findFirst({ where: { id: userId, tenantId }, select: USER_WITH_PREFS });
  }

  /** Creates or updates a user's own preferences (only the given fields) and, when given, their time zone; one transaction. */
  updatePreferences(userId: string, tenantId: string, data: Record<string, unknown>, timeZone?: string) {
    return this.transactions.run(
      async (tx) => {
        if (timeZone) await tx.user.updateMany({ where: { id: userId, tenantId }, data: { timeZone } });
        return tx.userNotificationPreference.upsert({
          where: { userId, tenantId },
          create: { ...(data as object), userId, tenantId },
          update: data,
        });
      },
      { label: 'NotificationsRepository.updatePreferences' },
    );
  }

  /** A tenant with its stored notification defaults (null when it has none); null when the tenant does not exist. */
  async tenantWithSettings(tx: Tx, tenantId: string) {
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
    if (!tenant) return null;
    return {
      id: tenant.id,
      notificationSettings: await tx.tenantNotificationSettings.findFirst({ where: { tenantId } }),
    };
  }

  /** Replaces a tenant's defaults (in `tx` when given); returns the stored row. */
  upsertTenantSettings(
    tx: Tx | null,
    tenantId: string,
    data: Omit<Prisma.TenantNotificationSettingsUncheckedCreateInput, 'tenantId'>,
  ) {
    return (tx ?? this.prisma.db).tenantNotificationSettings.upsert({
      where: { tenantId },
      create: { ...data, tenantId },
      update: data,
    });
  }

  /**
   * Alerts of permit events whose licence ends between `from` and `to` (calendar dates, inclusive) and that matched a
   * tenant's supplier (the tenants whose suppliers hold the permit). Cross-tenant: a platform job.
   */
  permitAlertsEnding(from: Date, to: Date) {
    return crossTenant('expiry reminders serve every tenant', () =>
      this.prisma.db.alert.findMany({
        where: { permitEvent: { validTo: { gte: from, lte: to } }, tenant: { status: 'ACTIVE' } },
        include: { permitEvent: true },
      }),
    );
  }

  /** Alerts of suspensions (policy changes with action SUSPENDED) whose end date is on or before `to`. Cross-tenant. */
  suspensionAlertsEnding(to: Date) {
    return crossTenant('suspension reminders serve every tenant', () =>
      this.prisma.db.alert.findMany({
        where: {
          policyChange: { action: 'SUSPENDED', endDate: { lte: to } },
          measureStatus: 'IN_FORCE',
          tenant: { status: 'ACTIVE' },
        },
        include: {
          policyChange: true,
          updates: {
            where: { measureStatus: 'SUSPENDED' },
            include: { policyChange: { select: { reference: true, title: true } } },
          },
        },
      }),
    );
  }

  /**
   * Marks a lapsed suspension: its alert EXPIRED, the alerts it suspended back IN_FORCE; with the update emails and
   * (`alsoInTx`, e.g. the channel rows) atomically. @returns false when another process did it first.
   */
  async lapseSuspension(
    tenantId: string,
    suspensionAlertId: string,
    suspendedAlertIds: string[],
    now: Date,
    emails: NewDelivery[],
    alsoInTx?: (tx: Tx) => Promise<unknown> | undefined,
  ): Promise<boolean> {
    return this.transactions.run(
      async (tx) => {
        const { count } = await tx.alert.updateMany({
          where: { tenantId, id: suspensionAlertId, measureStatus: 'IN_FORCE' },
          data: { measureStatus: 'EXPIRED', measureStatusAt: now },
        });
        if (count === 0) return false; // another process did it
        await tx.alert.updateMany({
          where: {
            tenantId,
            id: { in: suspendedAlertIds },
            updatedByAlertId: suspensionAlertId,
            measureStatus: 'SUSPENDED',
          },
          data: { measureStatus: 'IN_FORCE', measureStatusAt: now },
        });
        await this.insertDeliveries(tx, emails);
        await alsoInTx?.(tx);
        return true;
      },
      { label: 'NotificationsRepository.lapseSuspension' },
    );
  }
}
