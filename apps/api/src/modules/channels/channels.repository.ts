import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Severity } from '@lodestone/shared-types';
import { type ChannelKind, Prisma } from '../../generated/prisma/client.js';
import { SecretBox } from '../../common/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PrismaService, type Tx } from '../../database/prisma.service.js';
import { crossTenant } from '../../database/tenant-scope.js';
import { TransactionRunner } from '../../database/transaction-runner.js';
import { DELIVERY_QUEUE, type DeliveryJob, type DeliveryQueue } from '../../outbox/delivery-queue.js';
import { claimDue, type ClaimedRow } from '../../outbox/outbox.js';
import { emailRow } from '../../outbox/email-row.js';
import { EmailQueueWriter } from '../../mail/email-queue.js';
import { shardOf } from '../../matching/shard.js';
import { channelRow } from './messages.js';

/** An endpoint as the API shows it: never its secrets. */
export const endpointView = {
  id: true,
  tenantId: true,
  userId: true,
  kind: true,
  name: true,
  url: true,
  eventTypes: true,
  minSeverity: true,
  enabled: true,
  previousSecretExpiresAt: true,
  failingSince: true,
  disabledAt: true,
  disabledReason: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type EndpointView = Prisma.ChannelEndpointGetPayload<{ select: typeof endpointView }>;

/** A row claimed by the channel worker. */
export interface ClaimedChannelDelivery extends ClaimedRow {
  endpointId: string;
  alertId: string | null;
  eventType: string;
  messageId: string;
  burst: boolean;
  /** Version of the stored message (`payload`): {@link storedMessage} brings it to this build's. */
  payloadVersion: number;
}

/** Whether a row may be sent in a burst group with its endpoint's other such rows (Slack and Teams alerts). */
export function isBurstRow(row: { burst: boolean; eventType: string }): boolean {
  return row.burst && row.eventType === 'alert.created';
}

/** A new channel outbox row (PENDING, due at once). */
export interface NewChannelDelivery {
  /** Made by the database when omitted. */
  id?: string;
  tenantId: string;
  endpointId: string;
  alertId: string | null;
  eventType: string;
  messageId: string;
  payload: unknown;
  dedupeKey: string;
  /** When first due (the writer's clock, not the database's). */
  nextAttemptAt: Date;
  /** May be grouped with its endpoint's other rows due at the same time (see ChannelOutboxWriter). */
  burst?: boolean;
}

/** One attempt for the delivery log. */
export interface AttemptRecord {
  tenantId: string;
  endpointId: string;
  deliveryId: string;
  attempt: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  createdAt: Date;
}

/** The channel outbox's own columns a claim returns (beside those of every outbox, outbox/outbox.ts). */
const CHANNEL_COLUMNS = ['endpointId', 'alertId', 'eventType', 'messageId', 'burst', 'payloadVersion'] as const;

/** HKDF purpose label of the key that seals endpoint signing secrets. */
const SECRET_PURPOSE = 'channel-endpoint-secret/v1';

/**
 * Endpoints, the channel outbox and the delivery log: the only channel code that talks to Prisma.
 *
 * Signing secrets (`secret`, `previousSecret`) are stored sealed ({@link SecretBox}, AES-256-GCM under a key derived
 * from CHANNEL_SECRETS_KEY): sealed here on every write, opened here on every read, so no other code sees the stored
 * form. Rows written before sealing existed are sealed at boot ({@link sealLegacySecrets}).
 */
@Injectable()
export class ChannelsRepository implements OnApplicationBootstrap {
  private readonly box: SecretBox;
  /** MATCH_SHARDS: the shard count of the shard key queue jobs carry. */
  private readonly shards: number;

  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DELIVERY_QUEUE) private readonly queue: DeliveryQueue,
    private readonly emailQueue: EmailQueueWriter,
  ) {
    this.box = new SecretBox(config.channels.secretsKey, SECRET_PURPOSE);
    this.shards = config.matching.shards;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sealLegacySecrets();
  }

  /**
   * Seals the signing secrets still stored in clear (endpoints created before encryption at rest). Idempotent; a
   * handful of rows per tenant, so one pass. @returns how many endpoints were rewritten.
   */
  sealLegacySecrets(): Promise<number> {
    return crossTenant('sealing webhook signing secrets stored in clear', () => this.sealLegacy());
  }

  private async sealLegacy(): Promise<number> {
    const rows = await this.prisma.db.channelEndpoint.findMany({
      where: {
        OR: [
          { secret: { not: null }, NOT: { secret: { startsWith: 'enc:v1:' } } },
          { previousSecret: { not: null }, NOT: { previousSecret: { startsWith: 'enc:v1:' } } },
        ],
      },
      select: { id: true, secret: true, previousSecret: true },
    });
    for (const r of rows)
      await this.prisma.db.channelEndpoint.updateMany({
        where: { id: r.id, secret: r.secret, previousSecret: r.previousSecret },
        data: { secret: this.sealed(r.secret), previousSecret: this.sealed(r.previousSecret) },
      });
    return rows.length;
  }

  /** `value` sealed (already sealed values and null unchanged). */
  private sealed(value: string | null | undefined): string | null {
    if (value == null) return null;
    return SecretBox.isSealed(value) ? value : this.box.seal(value);
  }

  /** `value` opened (null unchanged). @throws Error when it was sealed under another CHANNEL_SECRETS_KEY. */
  private opened(value: string | null): string | null {
    return value == null ? null : this.box.open(value);
  }

  /** Endpoints of `owner`: a user's personal ones, or (null) the tenant's. */
  list(tenantId: string, owner: string | null): Promise<EndpointView[]> {
    return this.prisma.db.channelEndpoint.findMany({
      where: { tenantId, userId: owner },
      select: endpointView,
      orderBy: { createdAt: 'asc' },
    });
  }

  /** One endpoint of `owner` (a user, or null for the tenant's). */
  find(tx: Tx | null, tenantId: string, id: string, owner: string | null): Promise<EndpointView | null> {
    return (tx ?? this.prisma.db).channelEndpoint.findFirst({
      where: { tenantId, id, userId: owner },
      select: endpointView,
    });
  }

  /** The endpoint with its secrets opened, for signing. */
  async findForSend(tenantId: string, id: string) {
    const row = await this.prisma.db.channelEndpoint.findFirst({ where: { tenantId, id } });
    return row && { ...row, secret: this.opened(row.secret), previousSecret: this.opened(row.previousSecret) };
  }

  create(
    tx: Tx,
    tenantId: string,
    data: {
      userId: string | null;
      kind: ChannelKind;
      name: string;
      url: string;
      eventTypes: string[];
      minSeverity: Severity;
      enabled: boolean;
      secret: string | null;
    },
  ): Promise<EndpointView> {
    return tx.channelEndpoint.create({
      data: { ...data, secret: this.sealed(data.secret), tenantId },
      select: endpointView,
    });
  }

  update(
    tx: Tx,
    tenantId: string,
    id: string,
    data: Prisma.ChannelEndpointUpdateManyMutationInput,
  ): Promise<EndpointView> {
    const secrets: { secret?: string | null; previousSecret?: string | null } = {};
    if (typeof data.secret === 'string') secrets.secret = this.sealed(data.secret);
    if (typeof data.previousSecret === 'string') secrets.previousSecret = this.sealed(data.previousSecret);
    return tx.channelEndpoint.update({ where: { id, tenantId }, data: { ...data, ...secrets }, select: endpointView });
  }

  /** The current signing secret (WEBHOOK endpoints), or null. */
  async secretOf(tx: Tx, tenantId: string, id: string): Promise<string | null> {
    const row = await tx.channelEndpoint.findFirst({ where: { id, tenantId }, select: { secret: true } });
    return this.opened(row?.secret ?? null);
  }

  async remove(tx: Tx, tenantId: string, id: string): Promise<void> {
    await tx.channelEndpoint.deleteMany({ where: { id, tenantId } });
  }

  /**
   * Enabled endpoints of `tenantIds` subscribed to `eventType`, for the outbox writer (one query per call; the writer
   * passes the tenants of one event's alerts).
   */
  subscribers(tx: Tx, tenantIds: string[], eventType: string) {
    return tx.channelEndpoint.findMany({
      // The tenant's endpoints, and personal ones of active users.
      where: {
        tenantId: { in: tenantIds },
        enabled: true,
        eventTypes: { has: eventType },
        OR: [{ userId: null }, { user: { active: true } }],
      },
      select: { id: true, tenantId: true, kind: true, minSeverity: true, tenant: { select: { name: true } } },
    });
  }

  /**
   * For burst grouping: per endpoint, the latest due time of its groupable rows due after `since` (a message that went
   * out within the window, or a group still waiting). One query.
   */
  async lastBurstDue(tx: Tx, tenantIds: string[], endpointIds: string[], since: Date): Promise<Map<string, Date>> {
    if (!endpointIds.length) return new Map();
    const rows = await tx.channelDelivery.groupBy({
      by: ['endpointId'],
      where: {
        tenantId: { in: tenantIds },
        endpointId: { in: endpointIds },
        burst: true,
        nextAttemptAt: { gt: since },
      },
      _max: { nextAttemptAt: true },
    });
    return new Map(rows.map((r) => [r.endpointId, r._max.nextAttemptAt!]));
  }

  /**
   * Writes outbox rows, the one writer every producer uses: each message is checked and stamped with its version
   * ({@link channelRow}); a row whose dedupe key exists is skipped. With DELIVERY_QUEUE=pgboss the rows written also
   * get their delivery job here, in the same transaction (docs/delivery-engine.md): signed webhooks on
   * `deliver-webhook`, Slack and Teams on `deliver-chat`.
   * @returns rows written.
   * @throws ChannelMessageError naming the field when a message does not have the current shape (nothing is written).
   */
  async insertDeliveries(tx: Tx, rows: NewChannelDelivery[]): Promise<number> {
    if (!rows.length) return 0;
    const { count } = await tx.channelDelivery.createMany({
      data: rows.map(channelRow).map((r) => ({ ...r, payload: r.payload as Prisma.InputJsonValue })),
      skipDuplicates: true,
    });
    if (count > 0 && this.queuedKinds().length) {
      const tenants = [...new Set(rows.map((r) => r.tenantId))];
      await this.enqueueRows(
        tx,
        Prisma.sql`d."tenantId" = ANY(${tenants}::uuid[]) AND d."dedupeKey" = ANY(${rows.map((r) => r.dedupeKey)}::text[])`,
      );
    }
    return count;
  }

  /** Endpoint kinds whose rows are on a job queue (DELIVERY_QUEUE=pgboss): none with the outbox. */
  private queuedKinds(): ChannelKind[] {
    return [
      ...(this.queue.handles('deliver-webhook') ? (['WEBHOOK'] as const) : []),
      ...(this.queue.handles('deliver-chat') ? (['SLACK', 'TEAMS'] as const) : []),
    ];
  }

  /**
   * With DELIVERY_QUEUE=pgboss: gives every unfinished row of a queued kind a job (rows written before the setting was
   * turned on, or by an older version); rows that have one are skipped. Run when the queue's workers start.
   * @returns the rows offered to the queues.
   */
  async enqueueUnfinishedRows(): Promise<number> {
    if (!this.queuedKinds().length) return 0;
    return this.transactions.run((tx) => this.enqueueRows(tx, Prisma.sql`d."status" IN ('PENDING', 'SENDING')`), {
      label: 'ChannelsRepository.enqueueUnfinishedRows',
    });
  }

  /**
   * Enqueues the unfinished rows matching `where` (alias `d`) of queued kinds, each on its kind's queue, job id = row
   * id, data `{ rowId, shard, shards }` (the tenant's shard of MATCH_SHARDS), due at the row's `nextAttemptAt`. A
   * chat burst row (`burst`, `alert.created`) joins its endpoint's group: the queue runs one job of a group at a time.
   */
  private async enqueueRows(tx: Tx, where: Prisma.Sql): Promise<number> {
    const kinds = this.queuedKinds();
    const due = await crossTenant(
      'the delivery queue serves every tenant',
      () =>
        tx.$queryRaw<
          {
            id: string;
            tenantId: string;
            endpointId: string;
            kind: ChannelKind;
            burst: boolean;
            eventType: string;
            nextAttemptAt: Date;
          }[]
        >`
        SELECT d."id", d."tenantId", d."endpointId", e."kind", d."burst", d."eventType", d."nextAttemptAt"
        FROM "ChannelDelivery" d
        JOIN "ChannelEndpoint" e ON e."id" = d."endpointId" AND e."kind"::text = ANY(${kinds}::text[])
        WHERE ${where} AND d."status" IN ('PENDING', 'SENDING')`,
    );
    const job = (r: (typeof due)[number]): DeliveryJob => ({
      rowId: r.id,
      runAt: new Date(r.nextAttemptAt),
      shard: { shard: shardOf(r.tenantId, this.shards), shards: this.shards },
      ...(r.kind !== 'WEBHOOK' && isBurstRow(r) ? { group: r.endpointId } : {}),
    });
    const hooks = due.filter((r) => r.kind === 'WEBHOOK').map(job);
    const chat = due.filter((r) => r.kind !== 'WEBHOOK').map(job);
    if (hooks.length) await this.queue.enqueue(tx, 'deliver-webhook', hooks);
    if (chat.length) await this.queue.enqueue(tx, 'deliver-chat', chat);
    return due.length;
  }

  /**
   * Claims due rows for this worker (the claim every outbox shares: outbox/outbox.ts). With DELIVERY_QUEUE=pgboss the
   * rows of queued kinds (signed webhooks, Slack, Teams) are left to the queues.
   */
  claimDue(now: Date, take: number, claimTimeoutMs: number): Promise<ClaimedChannelDelivery[]> {
    const kinds = this.queuedKinds();
    return claimDue<ClaimedChannelDelivery>(
      this.prisma.db,
      'ChannelDelivery',
      now,
      take,
      claimTimeoutMs,
      CHANNEL_COLUMNS,
      kinds.length
        ? Prisma.sql`NOT EXISTS (SELECT 1 FROM "ChannelEndpoint" e
            WHERE e."id" = "ChannelDelivery"."endpointId" AND e."kind"::text = ANY(${kinds}::text[]))`
        : undefined,
    );
  }

  /**
   * Claims one row for a queue job: sets SENDING, `claimedAt`, one more attempt. Claimable: PENDING and either not
   * attempted more often than the job ran before (`attempts <= retryCount`: a first run, or this job's own retry, so
   * the queue's backoff schedules it) or due (`nextAttemptAt <= now`); or SENDING with a claim older than
   * `claimTimeoutMs` (its worker died).
   * @returns the row; `'wait'` when the row is unfinished but not claimable now (another job's burst group is sending
   *   it, or it waits for that group's retry): the caller fails the job so that the queue tries again later; null when
   *   the row is SENT, FAILED or gone (the job has nothing to do).
   */
  async claimQueued(
    id: string,
    retryCount: number,
    now: Date,
    claimTimeoutMs: number,
  ): Promise<ClaimedChannelDelivery | 'wait' | null> {
    const extra = Prisma.raw(CHANNEL_COLUMNS.map((c) => `, "${c}"`).join(''));
    const stale = new Date(now.getTime() - claimTimeoutMs);
    return crossTenant('the delivery queue serves every tenant', async () => {
      const rows = await this.prisma.db.$queryRaw<ClaimedChannelDelivery[]>`
        UPDATE "ChannelDelivery"
        SET "status" = 'SENDING', "claimedAt" = ${now}::timestamptz, "attempts" = "attempts" + 1,
            "updatedAt" = ${now}::timestamptz
        WHERE "id" = ${id}::uuid
          AND (("status" = 'PENDING' AND ("attempts" <= ${retryCount} OR "nextAttemptAt" <= ${now}::timestamptz))
            OR ("status" = 'SENDING' AND "claimedAt" < ${stale}::timestamptz))
        RETURNING "id", "tenantId", "payload", "attempts", "nextAttemptAt"${extra}`;
      if (rows[0]) return rows[0];
      const left = await this.prisma.db.channelDelivery.count({
        where: { id, status: { in: ['PENDING', 'SENDING'] } },
      });
      return left ? 'wait' : null;
    });
  }

  /**
   * For a queue job whose row leads a burst group: claims the endpoint's other burst rows (`burst`, `alert.created`)
   * due by `dueBy` (the leader's due time when later than now: the group's rows share it, and after a failed attempt
   * share its retry time), and those whose claim is older than `claimTimeoutMs`. SKIP LOCKED: rows another worker is
   * claiming are left to it. Sets SENDING, `claimedAt = now`, one more attempt.
   */
  async claimQueuedBurst(
    leader: Pick<ClaimedChannelDelivery, 'id' | 'tenantId' | 'endpointId'>,
    dueBy: Date,
    now: Date,
    claimTimeoutMs: number,
  ): Promise<ClaimedChannelDelivery[]> {
    const extra = Prisma.raw(CHANNEL_COLUMNS.map((c) => `, d."${c}"`).join(''));
    const stale = new Date(now.getTime() - claimTimeoutMs);
    return crossTenant(
      'the delivery queue serves every tenant',
      () =>
        this.prisma.db.$queryRaw<ClaimedChannelDelivery[]>`
        UPDATE "ChannelDelivery" AS d
        SET "status" = 'SENDING', "claimedAt" = ${now}::timestamptz, "attempts" = d."attempts" + 1,
            "updatedAt" = ${now}::timestamptz
        FROM (
          SELECT "id" FROM "ChannelDelivery"
          WHERE "tenantId" = ${leader.tenantId}::uuid AND "endpointId" = ${leader.endpointId}::uuid
            AND "burst" = true AND "eventType" = 'alert.created' AND "id" <> ${leader.id}::uuid
            AND (("status" = 'PENDING' AND "nextAttemptAt" <= ${dueBy}::timestamptz)
              OR ("status" = 'SENDING' AND "claimedAt" < ${stale}::timestamptz))
          FOR UPDATE SKIP LOCKED
        ) AS due
        WHERE d."id" = due."id"
        RETURNING d."id", d."tenantId", d."payload", d."attempts", d."nextAttemptAt"${extra}`,
    );
  }

  /**
   * Claims (as {@link claimDue}) the other due burst rows of one endpoint (`burst`, `alert.created`), so that a burst
   * group is sent whole even when the batch claim took only part of it (many endpoints' groups share one due time).
   * SKIP LOCKED: rows another worker is claiming are left to it.
   */
  claimBurstRows(
    tenantId: string,
    endpointId: string,
    now: Date,
    claimTimeoutMs: number,
  ): Promise<ClaimedChannelDelivery[]> {
    return claimDue<ClaimedChannelDelivery>(
      this.prisma.db,
      'ChannelDelivery',
      now,
      Number.POSITIVE_INFINITY,
      claimTimeoutMs,
      CHANNEL_COLUMNS,
      Prisma.sql`"tenantId" = ${tenantId}::uuid AND "endpointId" = ${endpointId}::uuid AND "burst" = true
        AND "eventType" = 'alert.created'`,
    );
  }

  async recordAttempt(a: AttemptRecord): Promise<void> {
    await this.prisma.db.channelAttempt.create({ data: a });
  }

  async markSent(id: string, tenantId: string, now: Date): Promise<void> {
    await this.prisma.db.channelDelivery.updateMany({
      where: { id, tenantId },
      data: { status: 'SENT', sentAt: now, lastError: null, claimedAt: null },
    });
  }

  async markRetry(id: string, tenantId: string, error: string, nextAttemptAt: Date): Promise<void> {
    await this.prisma.db.channelDelivery.updateMany({
      where: { id, tenantId },
      data: { status: 'PENDING', lastError: error, nextAttemptAt, claimedAt: null },
    });
  }

  async markFailed(id: string, tenantId: string, error: string): Promise<void> {
    await this.prisma.db.channelDelivery.updateMany({
      where: { id, tenantId },
      data: { status: 'FAILED', lastError: error, claimedAt: null },
    });
  }

  /** After a success: the endpoint is no longer failing. */
  async endpointSucceeded(tenantId: string, id: string): Promise<void> {
    await this.prisma.db.channelEndpoint.updateMany({
      where: { id, tenantId, failingSince: { not: null } },
      data: { failingSince: null },
    });
  }

  /** After a failure: starts the failing run at `now` unless one is running. @returns when the run started. */
  async endpointFailed(tenantId: string, id: string, now: Date): Promise<Date | null> {
    await this.prisma.db.channelEndpoint.updateMany({
      where: { id, tenantId, failingSince: null },
      data: { failingSince: now },
    });
    const row = await this.prisma.db.channelEndpoint.findFirst({
      where: { id, tenantId },
      select: { failingSince: true },
    });
    return row?.failingSince ?? null;
  }

  /**
   * Disables an endpoint that is still enabled (one caller wins when several workers see the failure) and fails its
   * pending rows. @returns whether this call disabled it.
   */
  async disable(tenantId: string, id: string, reason: string, now: Date): Promise<boolean> {
    return this.transactions.run(
      async (tx) => {
        const { count } = await tx.channelEndpoint.updateMany({
          where: { id, tenantId, enabled: true },
          data: { enabled: false, disabledAt: now, disabledReason: reason },
        });
        if (count)
          await tx.channelDelivery.updateMany({
            where: { tenantId, endpointId: id, status: 'PENDING' },
            data: { status: 'FAILED', lastError: `endpoint disabled: ${reason}`, claimedAt: null },
          });
        return count > 0;
      },
      { label: 'ChannelsRepository.disable' },
    );
  }

  /**
   * Who is told when an endpoint is disabled: its owner for a personal endpoint (`owner`), else the tenant's active
   * admins.
   */
  tenantAdmins(tenantId: string, owner: string | null = null) {
    return this.prisma.db.user.findMany({
      where: owner ? { tenantId, id: owner, active: true } : { tenantId, role: 'TENANT_ADMIN', active: true },
      select: { id: true, email: true, name: true, tenant: { select: { name: true } } },
    });
  }

  /**
   * Queues one email (the admins' notice). Skipped when its dedupe key exists. With DELIVERY_QUEUE=pgboss the row and
   * its `deliver-email` job are written in one transaction.
   */
  async queueEmail(row: {
    tenantId: string;
    userId: string;
    recipient: string;
    template: string;
    payload: unknown;
    messageId: string;
    dedupeKey: string;
  }): Promise<void> {
    const data = [emailRow({ ...row, payload: row.payload as Prisma.InputJsonValue })];
    await this.emailQueue.write(null, 'ChannelsRepository.queueEmail', async (db) => {
      if (!this.emailQueue.queued) return void (await db.emailDelivery.createMany({ data, skipDuplicates: true }));
      const written = await db.emailDelivery.createManyAndReturn({
        data,
        skipDuplicates: true,
        select: { id: true, tenantId: true, nextAttemptAt: true },
      });
      await this.emailQueue.enqueue(db, written);
    });
  }

  /** The delivery log of an endpoint, newest first, with each attempt's delivery id, event type and webhook-id. */
  attempts(tenantId: string, endpointId: string, take: number, before?: string) {
    return this.prisma.db.channelAttempt.findMany({
      where: { tenantId, endpointId, ...(before ? { id: { lt: before } } : {}) },
      orderBy: { id: 'desc' },
      take,
      select: {
        id: true,
        deliveryId: true,
        attempt: true,
        statusCode: true,
        latencyMs: true,
        responseExcerpt: true,
        error: true,
        createdAt: true,
        delivery: { select: { eventType: true, messageId: true, status: true, alertId: true } },
      },
    });
  }
}
