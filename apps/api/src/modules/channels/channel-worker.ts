import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { CLOCK, type Clock } from '../../common/clock.js';
import { Lifecycle } from '../../common/lifecycle.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DELIVERY_QUEUE, type DeliveryQueue, type QueuedJob } from '../../outbox/delivery-queue.js';
import { CoalescedDrain, retryDelayMs } from '../../outbox/outbox.js';
import { CHANNEL_MAX_ATTEMPTS, CHANNEL_MAX_RETRY_DELAY_MS } from './channel-retry.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { makeMessageId, messageIdDomain } from '../notifications/notifications.service.js';
import { ACK_LINK_SIGNER, type AckLinkSigner } from './ack-links.js';
import { CHANNEL_HTTP_CLIENT, type ChannelHttpClient, ChannelHttpError } from './http-client.js';
import { type ClaimedChannelDelivery, ChannelsRepository, isBurstRow } from './channels.repository.js';
import {
  type ChannelLinks,
  type ChannelMessage,
  ChannelMessageError,
  slackBody,
  storedMessage,
  slackGroupBody,
  teamsBody,
  teamsGroupBody,
  webhookBody,
} from './messages.js';

export { CHANNEL_MAX_ATTEMPTS, CHANNEL_MAX_RETRY_DELAY_MS } from './channel-retry.js';
/** The alert id a "send test" message carries (no such alert exists: its acknowledge link answers 404). */
export const TEST_ALERT_ID = '00000000-0000-7000-8000-000000000000';

/**
 * Splits a claimed batch into what is sent as one message: each row alone, except groupable rows (`burst`: Slack and
 * Teams, not CRITICAL) of the same endpoint, which form one group, oldest first. Rows of one group claimed by two
 * workers at once go as two messages (rare: a group shares one due time and one claim batch takes up to 20 rows).
 */
export function groupBursts(rows: readonly ClaimedChannelDelivery[]): ClaimedChannelDelivery[][] {
  const units: ClaimedChannelDelivery[][] = [];
  const groups = new Map<string, ClaimedChannelDelivery[]>();
  for (const row of rows) {
    if (!row.burst || row.eventType !== 'alert.created') {
      units.push([row]);
      continue;
    }
    const group = groups.get(row.endpointId);
    if (group) group.push(row);
    else {
      const fresh = [row];
      groups.set(row.endpointId, fresh);
      units.push(fresh);
    }
  }
  // Oldest first (ids are UUIDv7, ordered by creation time).
  for (const group of groups.values()) group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return units;
}

/** What one {@link ChannelWorker.drain} did. */
export interface ChannelDrainReport {
  sent: number;
  retried: number;
  failed: number;
  /** Endpoints disabled by this drain (24 h of failures). */
  disabled: string[];
}

/**
 * The Standard Webhooks signature header value for `body`: `v1,<base64 HMAC-SHA256>` with each secret, space-separated
 * (during a rotation's overlap both the new and the old secret sign, so receivers may verify with either). Signed by
 * the `standardwebhooks` library over `<webhook-id>.<webhook-timestamp>.<body>`.
 */
export function signatureHeader(secrets: readonly string[], messageId: string, at: Date, body: string): string {
  return secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(' ');
}

/**
 * Sends the channel outbox, as the email worker sends EmailDelivery: claims due rows in one statement (SKIP LOCKED,
 * outbox/outbox.ts), formats each message for its endpoint's kind, signs webhooks (Standard Webhooks: `webhook-id` is
 * the row's id, kept on every attempt; `webhook-timestamp` the attempt's time), posts through the
 * {@link ChannelHttpClient} and records the attempt in the endpoint's delivery log. A non-2xx answer, a timeout or a
 * closed connection is retried with exponential backoff ({@link CHANNEL_MAX_ATTEMPTS}); an endpoint without a success
 * for CHANNEL_DISABLE_AFTER_HOURS (24 h) is disabled, its pending rows failed, and its tenant's admins emailed.
 */
@Injectable()
export class ChannelWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(ChannelWorker.name);
  private readonly drains = new CoalescedDrain<ChannelDrainReport>(
    () => this.loop(),
    (error) => this.logger.error(`channel drain failed: ${error.message}`),
    (run) => this.lifecycle?.track(run),
  );
  private readonly domain: string;

  constructor(
    private readonly repository: ChannelsRepository,
    @Inject(CHANNEL_HTTP_CLIENT) private readonly http: ChannelHttpClient,
    @Inject(ACK_LINK_SIGNER) private readonly ack: AckLinkSigner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    @Inject(DELIVERY_QUEUE) private readonly queue: DeliveryQueue,
    @Optional() private readonly lifecycle?: Lifecycle,
  ) {
    this.domain = messageIdDomain(config.mailFrom);
  }

  /**
   * With DELIVERY_QUEUE=pgboss: starts this process's workers of the channel queues, `deliver-webhook` (signed
   * webhooks) and `deliver-chat` (Slack and Teams), after giving unfinished rows of those kinds without a job one; each
   * job sends its row (with its burst group) as {@link drain} would, and a retry is the queue's. Nothing with the
   * outbox fallback (DELIVERY_QUEUE=outbox). Called by the schedules (jobs/channels.schedule.ts) when SCHEDULES_ENABLED, and by
   * `deliver-channels.js`.
   * @returns whether queue workers were started.
   */
  async startQueueWorkers(): Promise<boolean> {
    const queues = this.queuedKinds();
    if (!queues.length) return false;
    await this.repository.enqueueUnfinishedRows();
    for (const q of queues) await this.queue.work(q, (job) => this.deliverQueued(job));
    return true;
  }

  /**
   * Sends the row of one queue job, claimed whatever its due time when it is the job's first run or its own retry
   * (the queue schedules it; see {@link ChannelsRepository.claimQueued}). A chat burst row leads its group: the
   * endpoint's other burst rows due with it (or waiting for the same retry) go in the same message, whose id is the
   * oldest row's; the jobs of those rows then find them SENT and complete without sending. Resolves when the row is
   * SENT or FAILED, or has nothing left to send (already sent in a group, failed or deleted).
   * @param into the report to add the outcome to (the synchronous {@link drain}); a new one when left out.
   * @throws Error when the attempt failed and the row waits for a retry (the queue retries the job with its backoff),
   *   or when the row is being sent by another job's group or waits for that group's retry (the queue tries later).
   */
  async deliverQueued(job: Pick<QueuedJob, 'rowId' | 'retryCount'>, into?: ChannelDrainReport): Promise<void> {
    const now = this.clock.now();
    const claimTimeoutMs = this.config.outbox.claimTimeoutMs;
    const row = await this.repository.claimQueued(job.rowId, job.retryCount, now, claimTimeoutMs);
    if (row === null) return;
    if (row === 'wait')
      throw new Error(
        `channel delivery ${job.rowId} is being sent, or waits for a retry, under another claim; tried later`,
      );
    const unit = [row];
    if (isBurstRow(row)) {
      const due = new Date(row.nextAttemptAt);
      unit.push(...(await this.repository.claimQueuedBurst(row, due > now ? due : now, now, claimTimeoutMs)));
      unit.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    const report: ChannelDrainReport = { sent: 0, retried: 0, failed: 0, disabled: [] };
    await this.deliver(unit, report);
    if (into) {
      // Added after the send: jobs of one batch run at once, each judged by its own report.
      into.sent += report.sent;
      into.retried += report.retried;
      into.failed += report.failed;
      into.disabled.push(...report.disabled);
    }
    if (report.retried > 0) throw new Error(`channel delivery ${job.rowId} failed; the queue retries it`);
  }

  /** Asks for a drain soon (after the current one). Errors are logged; rows stay in the outbox. */
  kick(): void {
    this.drains.kick();
  }

  /**
   * Sends every due message, in batches, until none is due. Concurrent calls share one run. With
   * DELIVERY_QUEUE=pgboss: also works the `deliver-webhook` and `deliver-chat` jobs due now in this process
   * ({@link DeliveryQueue.runDue}, each job sent by {@link deliverQueued}), so the CLIs send synchronously as with the
   * outbox; {@link kick} leaves the jobs to the queue's workers.
   */
  drain(): Promise<ChannelDrainReport> {
    return this.queuedKinds().length ? this.dueJobs.run() : this.drains.run();
  }

  private queuedKinds(): ('deliver-webhook' | 'deliver-chat')[] {
    return (['deliver-webhook', 'deliver-chat'] as const).filter((q) => this.queue.handles(q));
  }

  /** {@link drain} with DELIVERY_QUEUE=pgboss: the rows the outbox still claims, then each queue's due jobs. */
  private readonly dueJobs = new CoalescedDrain<ChannelDrainReport>(
    async () => {
      const report = await this.loop();
      for (const q of this.queuedKinds())
        await this.queue.runDue(q, async (jobs) => {
          const settled = await Promise.allSettled(jobs.map((job) => this.deliverQueued(job, report)));
          const failed = new Map<string, string>();
          settled.forEach((outcome, i) => {
            if (outcome.status === 'rejected') failed.set(jobs[i]!.rowId, String(outcome.reason?.message));
          });
          return failed;
        });
      return report;
    },
    (error) => this.logger.error(`channel queue run failed: ${error.message}`),
    (run) => this.lifecycle?.track(run),
  );

  private async loop(): Promise<ChannelDrainReport> {
    const report: ChannelDrainReport = { sent: 0, retried: 0, failed: 0, disabled: [] };
    const lanes = this.config.outbox.concurrency;
    for (;;) {
      const claimed = await this.repository.claimDue(
        this.clock.now(),
        Math.max(20, lanes * 4),
        this.config.outbox.claimTimeoutMs,
      );
      if (!claimed.length) return report;
      const units = groupBursts(claimed);
      // A burst group whose rows the batch took only in part: claim the rest of the endpoint's due burst rows too.
      for (const unit of units) {
        const first = unit[0]!;
        if (!first.burst || first.eventType !== 'alert.created') continue;
        const more = await this.repository.claimBurstRows(
          first.tenantId,
          first.endpointId,
          this.clock.now(),
          this.config.outbox.claimTimeoutMs,
        );
        if (more.length) unit.push(...more);
        unit.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      }
      let next = 0;
      const lane = async () => {
        while (next < units.length) await this.deliver(units[next++]!, report);
      };
      await Promise.all(Array.from({ length: Math.min(lanes, units.length) }, lane));
    }
  }

  /** The links of a message: console page, API resource, signed acknowledgement link. */
  links(message: ChannelMessage, endpointId: string): ChannelLinks {
    const base = this.config.publicUrl;
    const id = message.alert.id;
    return {
      console: `${base}/alerts?alert=${id}`,
      api: `${base}/v1/alerts/${id}`,
      acknowledge: this.ack.url(id, message.tenant.id, endpointId, this.clock.now()),
    };
  }

  /**
   * Sends one message: a single row, or a burst group (rows of one chat endpoint due together, listed in one message
   * whose id is the first row's). Every row of the unit gets the attempt in the log and the same outcome.
   */
  private async deliver(claimed: ClaimedChannelDelivery[], report: ChannelDrainReport): Promise<void> {
    // Each stored message brought to this build's version (storedMessage); a row from a newer build, or one without
    // an upgrade path, is FAILED with the reason, not retried (no later attempt of this build could send it).
    const unit: ClaimedChannelDelivery[] = [];
    const messages: ChannelMessage[] = [];
    for (const r of claimed) {
      try {
        messages.push(storedMessage(r.payloadVersion, r.payload));
        unit.push(r);
      } catch (error) {
        if (!(error instanceof ChannelMessageError)) throw error;
        await this.repository.markFailed(r.id, r.tenantId, error.message);
        report.failed++;
        this.logger.error(`channel delivery ${r.id} failed without an attempt: ${error.message}`);
      }
    }
    if (!unit.length) return;
    const row = unit[0]!;
    const each = async (fn: (r: ClaimedChannelDelivery) => Promise<void>) => {
      for (const r of unit) await fn(r);
    };
    const endpoint = await this.repository.findForSend(row.tenantId, row.endpointId);
    if (!endpoint) return; // deleted since: its rows go with it (cascade)
    const channel = endpoint.kind === 'WEBHOOK' ? 'webhook' : endpoint.kind === 'SLACK' ? 'slack' : 'teams';
    if (!endpoint.enabled && row.eventType !== 'webhook.test') {
      await each((r) => this.repository.markFailed(r.id, r.tenantId, 'endpoint disabled'));
      report.failed += unit.length;
      return;
    }
    const now = this.clock.now();
    let body: string;
    const headers: Record<string, string> = {};
    if (unit.length > 1) {
      const items = messages.map((m) => ({ message: m, links: this.links(m, endpoint.id) }));
      const windowMinutes = Math.max(1, Math.round(this.config.channels.burstWindowMs / 60_000));
      body = JSON.stringify(
        endpoint.kind === 'SLACK' ? slackGroupBody(items, windowMinutes) : teamsGroupBody(items, windowMinutes),
      );
    } else {
      const message = messages[0]!;
      const links = this.links(message, endpoint.id);
      if (endpoint.kind === 'SLACK') body = JSON.stringify(slackBody(message, links));
      else if (endpoint.kind === 'TEAMS') body = JSON.stringify(teamsBody(message, links));
      else {
        body = JSON.stringify(webhookBody(message, links));
        const secrets = [endpoint.secret!];
        if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now)
          secrets.push(endpoint.previousSecret);
        headers['webhook-id'] = row.messageId;
        headers['webhook-timestamp'] = Math.floor(now.getTime() / 1000).toString();
        headers['webhook-signature'] = signatureHeader(secrets, row.messageId, now, body);
      }
    }
    headers['x-lodestone-delivery'] = row.id;
    let status: number | null = null;
    let error: string | null = null;
    let latencyMs = 0;
    let excerpt: string | null = null;
    try {
      const res = await this.http.post(endpoint.url, body, headers);
      status = res.status;
      latencyMs = res.latencyMs;
      excerpt = res.excerpt;
      if (status < 200 || status > 299)
        error = `HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`;
    } catch (e) {
      error = e instanceof ChannelHttpError ? `${e.kind}: ${e.message}` : (e as Error).message;
      latencyMs = e instanceof ChannelHttpError ? e.latencyMs : 0;
    }
    await each((r) =>
      this.repository.recordAttempt({
        tenantId: r.tenantId,
        endpointId: endpoint.id,
        deliveryId: r.id,
        attempt: r.attempts,
        statusCode: status,
        latencyMs,
        responseExcerpt: excerpt,
        error: unit.length > 1 && error ? `${error} (one message for ${unit.length} alerts)` : error,
        createdAt: now,
      }),
    );
    if (error === null) {
      await each((r) => this.repository.markSent(r.id, r.tenantId, now));
      await this.repository.endpointSucceeded(row.tenantId, endpoint.id);
      report.sent += unit.length;
      this.metrics.delivery(channel, 'sent');
      return;
    }
    // A test message is one try: the admin reads its result in the delivery log.
    if (row.eventType === 'webhook.test') {
      await this.repository.markFailed(row.id, row.tenantId, error);
      report.failed++;
      this.metrics.delivery(channel, 'failed');
      return;
    }
    const failingSince = await this.repository.endpointFailed(row.tenantId, endpoint.id, now);
    if (failingSince && now.getTime() - failingSince.getTime() >= this.config.channels.disableAfterMs) {
      await each((r) => this.repository.markFailed(r.id, r.tenantId, error!));
      report.failed += unit.length;
      this.metrics.delivery(channel, 'failed');
      const hours = Math.round(this.config.channels.disableAfterMs / 3_600_000);
      if (
        await this.repository.disable(
          row.tenantId,
          endpoint.id,
          `every delivery failed for ${hours} h; last: ${error}`,
          now,
        )
      ) {
        report.disabled.push(endpoint.id);
        await this.tellAdmins(endpoint, failingSince, error);
        this.logger.warn(`endpoint ${endpoint.id} (${endpoint.kind}) disabled after ${hours} h of failures: ${error}`);
      }
      return;
    }
    if (row.attempts < CHANNEL_MAX_ATTEMPTS) {
      // The group keeps one due time, so it is claimed and sent together again.
      const delay = retryDelayMs(
        row.attempts,
        Math.random(),
        this.config.channels.retryBaseMs,
        CHANNEL_MAX_RETRY_DELAY_MS,
      );
      await each((r) => this.repository.markRetry(r.id, r.tenantId, error!, new Date(now.getTime() + delay)));
      report.retried += unit.length;
      this.metrics.delivery(channel, 'retry');
    } else {
      await each((r) => this.repository.markFailed(r.id, r.tenantId, error!));
      report.failed += unit.length;
      this.metrics.delivery(channel, 'failed');
    }
  }

  /** Queues the "channel disabled" email to each active admin of the endpoint's tenant (to its owner if personal). */
  private async tellAdmins(
    endpoint: { id: string; tenantId: string; userId: string | null; name: string; kind: string; url: string },
    failingSince: Date,
    lastError: string,
  ): Promise<void> {
    const target = new URL(endpoint.url);
    for (const admin of await this.repository.tenantAdmins(endpoint.tenantId, endpoint.userId)) {
      await this.repository.queueEmail({
        tenantId: endpoint.tenantId,
        userId: admin.id,
        recipient: admin.email,
        template: 'channel-disabled',
        payload: {
          recipientName: admin.name,
          tenantName: admin.tenant?.name ?? '',
          endpointName: endpoint.name,
          kind: endpoint.kind,
          target: `${target.protocol}//${target.host}`,
          failingSince: failingSince.toISOString(),
          lastError,
          manageUrl: `${this.config.publicUrl}/v1/${endpoint.userId ? 'me/' : ''}webhooks/${endpoint.id}`,
        },
        messageId: makeMessageId(this.domain),
        dedupeKey: `channel-disabled:${endpoint.id}:${failingSince.toISOString()}:user:${admin.id}`,
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drains.idle();
  }
}
