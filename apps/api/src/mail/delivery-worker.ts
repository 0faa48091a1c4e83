import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Lifecycle } from '../common/lifecycle.js';
import { renderEmail, type TemplateName, type TemplateProps } from '@lodestone/email-templates';
import { CLOCK, type Clock } from '../common/clock.js';
import { LINK_SIGNER, type LinkSigner } from '../common/signed-links.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MAIL_TRANSPORT, MailSendError, type MailTransport } from './mail-transport.js';
import { MetricsService } from '../modules/metrics/metrics.service.js';
import { type ClaimedDelivery, OutboxRepository } from './outbox.repository.js';
import { CoalescedDrain, retryDelayMs } from '../outbox/outbox.js';

/** Attempts before a temporarily failing message is marked FAILED. */
export const MAX_ATTEMPTS = 8;

/**
 * Delay in ms before attempt `attempts + 1`: `baseMs` (30 s by default) doubling per attempt, at most 1 h, with ±20 %
 * jitter so that a fleet of retries does not hit a recovering SMTP server at once. `random` is in [0, 1).
 */
export function backoffMs(attempts: number, random: number, baseMs = 30_000): number {
  return retryDelayMs(attempts, random, baseMs, 3_600_000);
}

/** What one {@link DeliveryWorker.drain} did. */
export interface DrainReport {
  sent: number;
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
  ) {
    metrics.setQueueProbe(outbox);
  }

  /** Asks for a drain soon (after the current one, if any). Errors are logged; rows stay in the outbox. */
  kick(): void {
    this.drains.kick();
  }

  /** Sends every due message, in batches, until none is due. Concurrent calls share one run. */
  drain(): Promise<DrainReport> {
    return this.drains.run();
  }

  private async drainLoop(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, retried: 0, failed: 0, sentIds: [] };
    const concurrency = this.config.outbox.concurrency;
    // A batch is a few rounds of the lanes: big enough to amortise the claim, small enough that a killed worker strands
    // few rows (they are retried after the claim timeout) and another worker gets its share.
    const batch = Math.max(50, concurrency * 4);
    for (;;) {
      const claimed = await this.outbox.claimDue(this.clock.now(), batch, this.config.outbox.claimTimeoutMs);
      if (!claimed.length) return report;
      // `concurrency` lanes share the batch; the SMTP pool (and its rate limit) spreads them over its connections.
      let next = 0;
      const lane = async () => {
        while (next < claimed.length) await this.deliver(claimed[next++]!, report);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
    }
  }

  private async deliver(row: ClaimedDelivery, report: DrainReport): Promise<void> {
    const stored = row.payload as TemplateProps[TemplateName] & { recipientName?: string };
    // Signed links are added at send time (not stored): every email carries one-click unsubscribe and preferences.
    const unsubscribeUrl = row.userId ? this.links.unsubscribeUrl(row.userId, row.tenantId) : undefined;
    const payload = row.userId
      ? { ...stored, unsubscribeUrl, preferencesUrl: this.links.preferencesUrl(row.userId, row.tenantId) }
      : stored;
    try {
      const rendered = await renderEmail(row.template as TemplateName, payload as TemplateProps[TemplateName]);
      const { providerMessageId } = await this.transport.send({
        from: this.config.mailFrom,
        to: { name: stored.recipientName ?? '', address: row.recipient },
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: row.messageId,
        headers: { 'X-Lodestone-Delivery': row.id },
        ...(unsubscribeUrl ? { listUnsubscribeUrl: unsubscribeUrl } : {}),
      });
      await this.outbox.markSent(row.id, row.tenantId, providerMessageId, rendered.subject, this.clock.now());
      report.sent++;
      this.metrics.delivery('email', 'sent');
      report.sentIds.push(providerMessageId);
    } catch (error) {
      const temporary = error instanceof MailSendError && error.temporary;
      const message = (error as Error).message;
      if (temporary && row.attempts < MAX_ATTEMPTS) {
        const next = new Date(
          this.clock.now().getTime() + backoffMs(row.attempts, Math.random(), this.config.outbox.retryBaseMs),
        );
        await this.outbox.markRetry(row.id, row.tenantId, message, next);
        report.retried++;
        this.metrics.delivery('email', 'retry');
        this.logger.warn(
          `delivery ${row.id} to ${row.recipient} failed (attempt ${row.attempts}), retry at ${next.toISOString()}: ${message}`,
        );
      } else {
        await this.outbox.markFailed(row.id, row.tenantId, message);
        report.failed++;
        this.metrics.delivery('email', 'failed');
        this.logger.error(`delivery ${row.id} to ${row.recipient} failed permanently: ${message}`);
      }
    }
  }

  /** After requests and jobs drained (common/lifecycle.ts): waits for a drain still running, closes the transport. */
  async onApplicationShutdown(): Promise<void> {
    await this.drains.idle();
    await this.transport.close();
  }
}
