import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Lifecycle } from '../common/lifecycle.js';
import {
  type AlertBurstItem,
  type AlertBurstTemplateProps,
  type AlertTemplateProps,
  EmailRenderCache,
  storedProps,
  type TemplateName,
  type TemplateProps,
} from '@lodestone/email-templates';
import { CLOCK, type Clock } from '../common/clock.js';
import { LINK_SIGNER, type LinkSigner } from '../common/signed-links.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MAIL_TRANSPORT, MailSendError, type MailTransport } from './mail-transport.js';
import { MetricsService } from '../modules/metrics/metrics.service.js';
import { type ClaimedDelivery, OutboxRepository } from './outbox.repository.js';
import { CoalescedDrain, GroupCommit, retryDelayMs } from '../outbox/outbox.js';
import { DELIVERY_QUEUE, type DeliveryQueue } from '../outbox/delivery-queue.js';
import { EMAIL_MAX_ATTEMPTS, EMAIL_MAX_RETRY_DELAY_MS } from './email-retry.js';

/**
 * How long (ms) a SENT write that follows another waits for more sent messages while the lanes are busy
 * ({@link GroupCommit}). At 10,000 x 3 (`npm run bench -- fanout`) the lanes finished about 2 messages per write without
 * it: 13,447 UPDATEs for 30,000 emails, each a round trip to PostgreSQL (docs/fanout.md, session 6).
 */
export const SENT_LINGER_MS = 3;

/** Attempts before a temporarily failing message is marked FAILED (mail/email-retry.ts). */
export const MAX_ATTEMPTS = EMAIL_MAX_ATTEMPTS;

/**
 * Delay in ms before attempt `attempts + 1`: `baseMs` (30 s by default) doubling per attempt, at most 1 h, with ±20 %
 * jitter so that a fleet of retries does not hit a recovering SMTP server at once. `random` is in [0, 1).
 */
export function backoffMs(attempts: number, random: number, baseMs = 30_000): number {
  return retryDelayMs(attempts, random, baseMs, EMAIL_MAX_RETRY_DELAY_MS);
}

/**
 * Whether a claimed row may be grouped with its recipient's other immediate alerts (email bursts): an immediate alert
 * email (template `alert`) of a user, not CRITICAL, with the window on.
 */
export function burstable(row: Pick<ClaimedDelivery, 'template' | 'userId' | 'payload'>, windowMs: number): boolean {
  return (
    windowMs > 0 &&
    row.template === 'alert' &&
    row.userId !== null &&
    (row.payload as { severity?: string } | null)?.severity !== 'CRITICAL'
  );
}

/**
 * Splits a claimed batch into what the worker handles together: each row alone, except {@link burstable} rows of one
 * recipient (tenant and user), which form one unit, oldest first (ids are UUIDv7).
 */
export function groupByRecipient(rows: readonly ClaimedDelivery[], windowMs: number): ClaimedDelivery[][] {
  const units: ClaimedDelivery[][] = [];
  const groups = new Map<string, ClaimedDelivery[]>();
  for (const row of rows) {
    if (!burstable(row, windowMs)) {
      units.push([row]);
      continue;
    }
    const key = `${row.tenantId}:${row.userId}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else {
      const fresh = [row];
      groups.set(key, fresh);
      units.push(fresh);
    }
  }
  for (const group of groups.values()) group.sort(byId);
  return units;
}

/** Runs `fn` over `items` on `n` parallel lanes. */
async function lanes<T>(n: number, items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane));
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One alert of a burst message, from the `alert` payload its row stores. */
export function burstItem(payload: AlertTemplateProps): AlertBurstItem {
  return {
    alertId: payload.alertId,
    severity: payload.severity,
    title: payload.event.title,
    actionLabel: payload.event.actionLabel,
    reference: payload.event.reference ?? null,
    matchedLabels: payload.matchedLabels ?? [],
    reason: payload.reasons[0]?.text ?? null,
    reasonsTotal: payload.reasonsTotal ?? payload.reasons.length,
    alertUrl: payload.alertUrl ?? null,
  };
}

/** What one {@link DeliveryWorker.drain} did. */
export interface DrainReport {
  /** Rows marked SENT (a burst message counts each of its rows). */
  sent: number;
  /** Emails handed to the transport that it accepted (a burst message is one). */
  messages: number;
  /** Rows given back to wait for the end of their recipient's burst window. */
  held: number;
  retried: number;
  failed: number;
  /** Paths or SMTP replies of the messages sent. */
  sentIds: string[];
}

/**
 * Sends the outbox: claims a batch of due rows in one statement (several workers never claim the same row; see
 * {@link OutboxRepository.claimDue}), renders their template, sends through the {@link MailTransport}, records the
 * result. A row is claimed before sending and marked SENT after, so a worker killed in between leaves a SENDING row
 * that is retried after the claim timeout, with the same Message-ID.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  /**
   * Renders each (template, content) once and substitutes the recipient's name, tenant, alert id and signed links:
   * byte for byte what `renderEmail` gives (render-cache.spec.ts in @lodestone/email-templates), so one event sent to
   * 30,000 buyers costs one render, not 30,000 (docs/fanout.md).
   */
  private readonly renderer = new EmailRenderCache();
  /**
   * SENT is recorded by group commit: each lane waits for its message's rows to be recorded before it sends another
   * (so a killed worker leaves at most one sent, unrecorded message per lane, resent with the same Message-ID, as with
   * one UPDATE a message), and the messages the lanes finished meanwhile are recorded in one statement. While the
   * lanes are busy a write waits up to {@link SENT_LINGER_MS} for more (unless every lane is already waiting).
   */
  private readonly sentMarks: GroupCommit<{
    ids: string[];
    tenantId: string;
    providerMessageId: string;
    subject: string;
  }>;
  private readonly drains = new CoalescedDrain<DrainReport>(
    () => this.drainLoop(),
    (error) => this.logger.error(`outbox drain failed: ${error.message}`),
    (run) => this.lifecycle?.track(run),
  );

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LINK_SIGNER) private readonly links: LinkSigner,
    private readonly metrics: MetricsService,
    /** Shutdown waits for a running drain (absent when the worker is built by hand). */
    @Optional() private readonly lifecycle?: Lifecycle,
    /** DELIVERY_QUEUE (absent when the worker is built by hand: the outbox). */
    @Optional() @Inject(DELIVERY_QUEUE) private readonly queue?: DeliveryQueue,
  ) {
    metrics.setQueueProbe(outbox);
    this.sentMarks = new GroupCommit((messages) => this.outbox.markSentBatch(messages, this.clock.now()), {
      lingerMs: SENT_LINGER_MS,
      fullGroup: config.outbox.concurrency,
    });
  }

  /** Asks for a drain soon (after the current one, if any). Errors are logged; rows stay in the outbox. */
  kick(): void {
    this.drains.kick();
  }

  /**
   * Sends every due message, in batches, until none is due. Concurrent calls share one run. With
   * DELIVERY_QUEUE=pgboss: works the `deliver-email` jobs due now in this process ({@link DeliveryQueue.runDue}, each
   * batch sent by {@link deliverQueued}), so the CLIs (demo, ingest, deliver) send synchronously as with the outbox;
   * {@link kick} leaves the jobs to the queue's workers.
   */
  drain(): Promise<DrainReport> {
    return this.queued ? this.dueJobs.run() : this.drains.run();
  }

  /** {@link drain} with DELIVERY_QUEUE=pgboss: one run at a time, as the outbox drain. */
  private readonly dueJobs = new CoalescedDrain<DrainReport>(
    async () => {
      const report: DrainReport = { sent: 0, messages: 0, held: 0, retried: 0, failed: 0, sentIds: [] };
      await this.queue!.runDue('deliver-email', (jobs) =>
        this.deliverQueued(
          jobs.map((j) => j.rowId),
          runsOf(jobs),
          report,
        ),
      );
      return report;
    },
    (error) => this.logger.error(`deliver-email run failed: ${error.message}`),
    (run) => this.lifecycle?.track(run),
  );

  /** Whether email rows are taken from the job queue (DELIVERY_QUEUE=pgboss): the outbox drain then claims none. */
  get queued(): boolean {
    return this.queue?.handles('deliver-email') ?? false;
  }

  /**
   * With DELIVERY_QUEUE=pgboss: starts this process's workers of the `deliver-email` queue (after giving unfinished
   * rows without a job one); each batch of jobs is sent by {@link deliverQueued}.
   * @returns whether queue workers were started.
   */
  async startQueueWorkers(): Promise<boolean> {
    if (!this.queue || !this.queued) return false;
    await this.outbox.enqueueUnfinished();
    await this.queue.workBatch('deliver-email', (jobs) =>
      this.deliverQueued(
        jobs.map((j) => j.rowId),
        runsOf(jobs),
      ),
    );
    return true;
  }

  /**
   * Sends the rows of a batch of `deliver-email` jobs (DELIVERY_QUEUE=pgboss), as a batch of the outbox drain: the
   * rows are claimed by id whatever their due time (the queue schedules them), a row of a burst message with the
   * message's other rows (so that a failed burst message is resent whole, once, by whichever of its jobs runs first:
   * {@link OutboxRepository.claimQueued}), planned into messages (email bursts:
   * the first job of a recipient's group claims the recipient's other due burst rows; a recipient who just got a
   * message has the rows held, each with a follow-up job at the window's end), sent on the lanes with the row's
   * Message-ID, and recorded (group commit of SENT; FAILED after {@link MAX_ATTEMPTS}). A row already SENT or FAILED
   * makes its job a no-op; the jobs of rows swept or claimed into a message of this batch are completed at once.
   * @param runs row id -> how many times its job ran before (pg-boss `retryCount`): a row attempted more often (its
   *   message, sent by another job, failed) waits for that message's retry time (see
   *   {@link OutboxRepository.claimQueued}); rows left out are claimed whatever their due time.
   * @param into the report to add this batch's outcomes to (the synchronous {@link drain}); a new one when left out.
   * @returns the rows whose job must be retried (row id -> reason): a temporary failure with attempts left, a row
   *   another worker is sending (its job completes on a later try, once the row is SENT), or a row waiting for its
   *   message's retry.
   */
  async deliverQueued(
    rowIds: readonly string[],
    runs?: ReadonlyMap<string, number>,
    into?: DrainReport,
  ): Promise<Map<string, string>> {
    const retry = new Map<string, string>();
    const { claimed, busy, waiting } = await this.outbox.claimQueued(
      [...new Set(rowIds)],
      this.clock.now(),
      this.config.outbox.claimTimeoutMs,
      runs,
    );
    for (const id of busy) retry.set(id, 'the row is being sent by another worker');
    for (const id of waiting) retry.set(id, 'the row waits for the retry of its message');
    if (!claimed.length) return retry;
    const report: DrainReport = into ?? { sent: 0, messages: 0, held: 0, retried: 0, failed: 0, sentIds: [] };
    const messages = await this.plan(claimed, report, true);
    const mine = new Set(rowIds);
    const swept: string[] = [];
    await lanes(this.config.outbox.concurrency, messages, async (unit) => {
      const error = await this.deliver(unit, report, true);
      if (error !== null) for (const r of unit) retry.set(r.id, error);
      else for (const r of unit) if (!mine.has(r.id)) swept.push(r.id);
    });
    // Rows of other jobs this batch sent (swept into a burst message): their jobs are done.
    if (swept.length)
      await this.queue!.complete('deliver-email', swept).catch((error: Error) =>
        this.logger.warn(`could not complete the jobs of ${swept.length} swept rows: ${error.message}`),
      );
    return retry;
  }

  private async drainLoop(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, messages: 0, held: 0, retried: 0, failed: 0, sentIds: [] };
    // DELIVERY_QUEUE=pgboss: every email row has a job; the queue's workers send them.
    if (this.queued) return report;
    const concurrency = this.config.outbox.concurrency;
    // A batch is a few rounds of the lanes: big enough to amortise the claim, small enough that a killed worker strands
    // few rows (they are retried after the claim timeout) and another worker gets its share.
    const batch = Math.max(50, concurrency * 4);
    for (;;) {
      const claimed = await this.outbox.claimDue(this.clock.now(), batch, this.config.outbox.claimTimeoutMs);
      if (!claimed.length) return report;
      // `concurrency` lanes share the batch; the SMTP pool (and its rate limit) spreads them over its connections.
      const messages = await this.plan(claimed, report, false);
      await lanes(concurrency, messages, async (unit) => void (await this.deliver(unit, report, false)));
    }
  }

  /**
   * The messages of a claimed batch: each row alone, except the immediate alerts of one recipient, planned first
   * (email bursts: held, or made one message sharing a Message-ID) and only then sent, so a worker that dies while
   * sending leaves every claimed group recorded. `queued`: the rows came from the job queue (held rows get a
   * follow-up job).
   */
  private async plan(claimed: ClaimedDelivery[], report: DrainReport, queued: boolean): Promise<ClaimedDelivery[][]> {
    const window = this.config.outbox.emailBurstWindowMs;
    const units = groupByRecipient(claimed, window);
    const messages = units.filter((u) => !burstable(u[0]!, window));
    messages.push(
      ...(await this.planBursts(
        units.filter((u) => burstable(u[0]!, window)),
        report,
        queued,
      )),
    );
    return messages;
  }

  /**
   * Plans the immediate alerts of each recipient claimed in this batch (`units`: one per recipient; email bursts,
   * docs/notifications.md):
   * - rows attempted before (a failed send, or a worker that died) go again exactly as the message they were in: the
   *   rows sharing a Message-ID, claimed together, under that Message-ID;
   * - new rows wait when a message went to the recipient within the window (held until its end, no attempt used);
   * - otherwise every due new row of the recipient is claimed and they make one message (one row alone: the usual
   *   alert email), each row taking the oldest row's Message-ID before anything is sent, so a resend has the same one.
   * Two statements for the whole batch (last sends, the sweep), plus one per held recipient and per group formed.
   * @returns the messages to send (each a list of rows, oldest first).
   */
  private async planBursts(
    units: ClaimedDelivery[][],
    report: DrainReport,
    queued: boolean,
  ): Promise<ClaimedDelivery[][]> {
    const window = this.config.outbox.emailBurstWindowMs;
    const now = this.clock.now();
    const timeout = this.config.outbox.claimTimeoutMs;
    const planned: ClaimedDelivery[][] = [];
    const fresh = new Map<string, ClaimedDelivery[]>();
    for (const rows of units) {
      const again = rows.filter((r) => r.attempts > 1);
      for (const messageId of new Set(again.map((r) => r.messageId))) {
        const more = await this.outbox.claimBurst(now, timeout, { messageId });
        planned.push([...again.filter((r) => r.messageId === messageId), ...more].sort(byId));
      }
      const first = rows.filter((r) => r.attempts <= 1);
      if (first.length) fresh.set(first[0]!.userId!, first);
    }
    if (!fresh.size) return planned;
    const last = await this.outbox.lastBurstSentAt([...fresh.keys()], new Date(now.getTime() - window));
    const sending: string[] = [];
    for (const [userId, rows] of fresh) {
      const at = last.get(userId);
      if (!at) {
        sending.push(userId);
        continue;
      }
      const until = new Date(at.getTime() + window);
      if (queued) await this.outbox.holdQueued(rows, until);
      else
        await this.outbox.hold(
          rows.map((r) => r.id),
          rows[0]!.tenantId,
          until,
        );
      report.held += rows.length;
    }
    const swept = await this.outbox.claimBurst(now, timeout, { userIds: sending });
    for (const userId of sending) {
      const group = [...fresh.get(userId)!, ...swept.filter((r) => r.userId === userId)].sort(byId);
      if (group.length > 1) {
        const messageId = group[0]!.messageId;
        await this.outbox.joinBurst(
          group.map((r) => r.id),
          group[0]!.tenantId,
          messageId,
        );
        for (const r of group) r.messageId = messageId;
      }
      planned.push(group);
    }
    return planned;
  }

  /**
   * Sends one message: a row alone (its template), or a burst group (rows of one recipient sharing a Message-ID,
   * rendered as one `alert-burst` email). Every row of the unit gets the same outcome.
   * @param queued the rows came from the job queue: a retry is the queue's (the row's `nextAttemptAt` shows when).
   * @returns null when the message was sent or failed for good; the error when it waits for a retry.
   */
  private async deliver(unit: ClaimedDelivery[], report: DrainReport, queued: boolean): Promise<string | null> {
    const row = unit[0]!;
    const ids = unit.map((r) => r.id);
    // Signed links are added at send time (not stored): every email carries one-click unsubscribe and preferences.
    const unsubscribeUrl = row.userId ? this.links.unsubscribeUrl(row.userId, row.tenantId) : undefined;
    const footer = row.userId
      ? { unsubscribeUrl, preferencesUrl: this.links.preferencesUrl(row.userId, row.tenantId) }
      : {};
    try {
      // Props as written (by this build or an older one: upgraded to the current version, checked); a row that cannot
      // be brought to the current version fails with the reason (TemplatePropsError, not temporary).
      const stored = storedProps(
        row.template as TemplateName,
        row.templateVersion,
        row.payload,
      ) as TemplateProps[TemplateName] & {
        recipientName?: string;
        tenantName?: string;
      };
      let template = row.template as TemplateName;
      let payload: unknown = { ...stored, ...footer };
      if (unit.length > 1) {
        template = 'alert-burst';
        payload = {
          recipientName: stored.recipientName ?? '',
          tenantName: stored.tenantName ?? '',
          windowMinutes: Math.max(1, Math.round(this.config.outbox.emailBurstWindowMs / 60_000)),
          alerts: unit.map((r) => burstItem(storedProps('alert', r.templateVersion, r.payload))),
          alertsUrl: `${this.config.publicUrl}/alerts`, // the console's alert list
          ...footer,
        } satisfies AlertBurstTemplateProps;
      }
      const rendered = this.renderer.renderSync(template, payload as TemplateProps[TemplateName]);
      const { providerMessageId } = await this.transport.send({
        from: this.config.mailFrom,
        to: { name: stored.recipientName ?? '', address: row.recipient },
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: row.messageId,
        headers: {
          'X-Lodestone-Delivery': row.id,
          ...(unit.length > 1 ? { 'X-Lodestone-Alerts': String(unit.length) } : {}),
        },
        ...(unsubscribeUrl ? { listUnsubscribeUrl: unsubscribeUrl } : {}),
      });
      await this.sentMarks.add({ ids, tenantId: row.tenantId, providerMessageId, subject: rendered.subject });
      report.sent += unit.length;
      report.messages++;
      this.metrics.delivery('email', 'sent');
      report.sentIds.push(providerMessageId);
      return null;
    } catch (error) {
      const temporary = error instanceof MailSendError && error.temporary;
      const message = (error as Error).message;
      if (temporary && row.attempts < MAX_ATTEMPTS) {
        // A group keeps one due time and one Message-ID, so it is claimed and sent together again.
        const next = new Date(
          this.clock.now().getTime() + backoffMs(row.attempts, Math.random(), this.config.outbox.retryBaseMs),
        );
        for (const r of unit) await this.outbox.markRetry(r.id, r.tenantId, message, next);
        report.retried += unit.length;
        this.metrics.delivery('email', 'retry');
        this.logger.warn(
          `delivery ${row.id}${unit.length > 1 ? ` (+${unit.length - 1} in one message)` : ''} to ${row.recipient} failed (attempt ${row.attempts}), retry ${queued ? 'by the queue' : `at ${next.toISOString()}`}: ${message}`,
        );
        return message;
      }
      for (const r of unit) await this.outbox.markFailed(r.id, r.tenantId, message);
      report.failed += unit.length;
      this.metrics.delivery('email', 'failed');
      this.logger.error(`delivery ${row.id} to ${row.recipient} failed permanently: ${message}`);
      return null;
    }
  }

  /** After requests and jobs drained (common/lifecycle.ts): waits for a drain still running, closes the transport. */
  async onApplicationShutdown(): Promise<void> {
    await this.drains.idle();
    await this.transport.close();
  }
}

/**
 * Row id -> how many times its job ran before (pg-boss `retryCount`), for {@link DeliveryWorker.deliverQueued}. A row
 * may have two jobs in a batch (its first and a follow-up): the one that ran more often counts.
 */
function runsOf(jobs: readonly { rowId: string; retryCount: number }[]): Map<string, number> {
  const runs = new Map<string, number>();
  for (const j of jobs) runs.set(j.rowId, Math.max(runs.get(j.rowId) ?? 0, j.retryCount));
  return runs;
}
