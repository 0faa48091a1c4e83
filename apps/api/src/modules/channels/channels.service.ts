import { randomBytes } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { Severity } from '@lodestone/shared-types';
import { CLOCK, type Clock } from '../../common/clock.js';
import { FieldValidationException } from '../../common/validation.js';
import { uuid7 } from '../../database/uuid7.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { newWebhookMessageId } from './channel-outbox.js';
import { ChannelWorker, TEST_ALERT_ID } from './channel-worker.js';
import type { CreateEndpointDto, UpdateEndpointDto } from './channels.dto.js';
import { ChannelsRepository, type EndpointView } from './channels.repository.js';
import { CHANNEL_EVENT_TYPES, CHANNEL_MESSAGE_VERSION, type ChannelMessage } from './messages.js';
import { BlockedTargetError, parseChannelUrl, resolvePublic, type Resolver, systemResolver } from './ssrf.js';
import { TransactionRunner } from '../../database/transaction-runner.js';

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (the spec asks for 24 to 64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * An endpoint as the audit log keeps it: a Slack or Teams URL is a credential (whoever has it can post), so only its
 * scheme and host are kept; a webhook URL is kept whole.
 */
export function forAudit(row: EndpointView): EndpointView {
  if (row.kind === 'WEBHOOK') return row;
  const url = new URL(row.url);
  return { ...row, url: `${url.protocol}//${url.host}/…` };
}

/** Managing a tenant's endpoints (tenant admins); every change is audited (never with a secret). */
@Injectable()
export class ChannelsService {
  private resolver: Resolver = systemResolver;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly repository: ChannelsRepository,
    private readonly audit: AuditService,
    private readonly worker: ChannelWorker,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Replaces the DNS resolver (tests). */
  useResolver(resolver: Resolver): void {
    this.resolver = resolver;
  }

  /**
   * Checks a URL: form (https://, no credentials) and that its host resolves to public addresses only.
   * @throws FieldValidationException (400) naming `url`.
   */
  private async checkUrl(raw: string): Promise<string> {
    try {
      const url = parseChannelUrl(raw.trim(), this.config.channels.allowPrivate);
      await resolvePublic(url.hostname, this.config.channels.allowPrivate, this.resolver);
      return url.toString();
    } catch (error) {
      if (error instanceof BlockedTargetError)
        throw new FieldValidationException([{ field: 'url', messages: [`url ${error.message}`] }]);
      throw error;
    }
  }

  /**
   * The endpoints of `owner`. Every method takes the owner: null for the tenant's endpoints (tenant admins,
   * /v1/webhooks), a user id for that user's personal ones (/v1/me/webhooks); another owner's endpoint is 404.
   */
  list(tenantId: string, owner: string | null): Promise<EndpointView[]> {
    return this.repository.list(tenantId, owner);
  }

  /** @throws NotFoundException (404) when not this tenant's (or this owner's). */
  async get(tenantId: string, id: string, owner: string | null): Promise<EndpointView> {
    const found = await this.repository.find(null, tenantId, id, owner);
    if (!found) throw new NotFoundException('Endpoint not found');
    return found;
  }

  /** Creates an endpoint. @returns its view plus `secret` (WEBHOOK; null otherwise), shown this once. */
  async create(principal: Principal, tenantId: string, dto: CreateEndpointDto, owner: string | null = null) {
    const url = await this.checkUrl(dto.url);
    const kind = dto.kind ?? 'WEBHOOK';
    const secret = kind === 'WEBHOOK' ? newWebhookSecret() : null;
    return this.transactions.run(
      async (tx) => {
        const row = await this.repository.create(tx, tenantId, {
          userId: owner,
          kind,
          name: dto.name.trim(),
          url,
          eventTypes: [...new Set(dto.eventTypes ?? CHANNEL_EVENT_TYPES)],
          minSeverity: (dto.minSeverity ?? 'INFO') as Severity,
          enabled: dto.enabled ?? true,
          secret,
        });
        await this.audit.record(
          tx,
          principal,
          'webhook.create',
          { type: 'webhook', id: row.id, tenantId },
          { after: forAudit(row) },
        );
        return { ...row, secret };
      },
      { label: 'ChannelsService.create' },
    );
  }

  /** Changes the given fields; enabling clears a disabled state. @throws NotFoundException; 400 naming `url`. */
  async update(
    principal: Principal,
    tenantId: string,
    id: string,
    dto: UpdateEndpointDto,
    owner: string | null = null,
  ): Promise<EndpointView> {
    const url = dto.url === undefined ? undefined : await this.checkUrl(dto.url);
    return this.transactions.run(
      async (tx) => {
        const before = await this.repository.find(tx, tenantId, id, owner);
        if (!before) throw new NotFoundException('Endpoint not found');
        const after = await this.repository.update(tx, tenantId, id, {
          ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
          ...(url !== undefined ? { url } : {}),
          ...(dto.eventTypes ? { eventTypes: [...new Set(dto.eventTypes)] } : {}),
          ...(dto.minSeverity ? { minSeverity: dto.minSeverity as Severity } : {}),
          ...(dto.enabled === true
            ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
            : {}),
          ...(dto.enabled === false ? { enabled: false } : {}),
        });
        await this.audit.record(
          tx,
          principal,
          'webhook.update',
          { type: 'webhook', id, tenantId },
          { before: forAudit(before), after: forAudit(after) },
        );
        return after;
      },
      { label: 'ChannelsService.update' },
    );
  }

  /** Deletes an endpoint, its queued messages and its log. @throws NotFoundException. */
  async remove(principal: Principal, tenantId: string, id: string, owner: string | null = null): Promise<void> {
    await this.transactions.run(
      async (tx) => {
        const before = await this.repository.find(tx, tenantId, id, owner);
        if (!before) throw new NotFoundException('Endpoint not found');
        await this.repository.remove(tx, tenantId, id);
        await this.audit.record(
          tx,
          principal,
          'webhook.delete',
          { type: 'webhook', id, tenantId },
          { before: forAudit(before) },
        );
      },
      { label: 'ChannelsService.remove' },
    );
  }

  /**
   * Rotates a WEBHOOK endpoint's secret: the new one signs from now on, the old one also signs until
   * `previousSecretExpiresAt` (now + WEBHOOK_SECRET_OVERLAP_HOURS), so receivers can switch without losing messages.
   * @throws NotFoundException; ConflictException (409) for SLACK and TEAMS endpoints (their URL is the credential).
   */
  async rotateSecret(principal: Principal, tenantId: string, id: string, owner: string | null = null) {
    return this.transactions.run(
      async (tx) => {
        const before = await this.repository.find(tx, tenantId, id, owner);
        if (!before) throw new NotFoundException('Endpoint not found');
        if (before.kind !== 'WEBHOOK') throw new ConflictException(`${before.kind} endpoints have no signing secret`);
        const current = await this.repository.secretOf(tx, tenantId, id);
        const secret = newWebhookSecret();
        const previousSecretExpiresAt = new Date(this.clock.now().getTime() + this.config.channels.secretOverlapMs);
        const after = await this.repository.update(tx, tenantId, id, {
          secret,
          previousSecret: current,
          previousSecretExpiresAt,
        });
        await this.audit.record(
          tx,
          principal,
          'webhook.rotate-secret',
          { type: 'webhook', id, tenantId },
          { before: forAudit(before), after: forAudit(after) },
        );
        return { secret, previousSecretExpiresAt };
      },
      { label: 'ChannelsService.rotateSecret' },
    );
  }

  /**
   * Queues a test message (type `webhook.test`, a sample alert) to the endpoint, even when it is disabled, and asks the
   * worker to send it now. One attempt, no retries; its result shows in the delivery log.
   * @throws NotFoundException.
   */
  async sendTest(principal: Principal, tenantId: string, id: string, owner: string | null = null) {
    const endpoint = await this.get(tenantId, id, owner);
    const now = this.clock.now();
    const messageId = newWebhookMessageId();
    const message: ChannelMessage = {
      v: CHANNEL_MESSAGE_VERSION,
      type: 'webhook.test',
      timestamp: now.toISOString(),
      tenant: { id: tenantId, name: 'Test' },
      alert: {
        id: TEST_ALERT_ID,
        severity: 'HIGH',
        title: 'Test message from Lodestone',
        matched: ['Dy'],
        reasons: [{ text: 'This is a test: your watch on dysprosium (Dy) would match here.', via: 'ELEMENT_NAMED' }],
        reasonsTotal: 1,
      },
      event: {
        type: 'POLICY_CHANGE',
        title: 'Test message from Lodestone',
        summary: 'Sent with "send test"; no alert exists.',
        jurisdiction: 'CN',
        issuer: null,
        actionLabel: 'Test',
        effectiveDate: null,
        sourceUrl: null,
        reference: null,
      },
    };
    const deliveryId = uuid7();
    await this.transactions.run(
      async (tx) => {
        await this.repository.insertDeliveries(tx, [
          {
            id: deliveryId,
            tenantId,
            endpointId: endpoint.id,
            alertId: null,
            eventType: 'webhook.test',
            messageId,
            payload: message,
            dedupeKey: `test:${messageId}`,
            nextAttemptAt: now,
          },
        ]);
        await this.audit.record(
          tx,
          principal,
          'webhook.test',
          { type: 'webhook', id, tenantId },
          { after: { messageId } },
        );
      },
      { label: 'ChannelsService.sendTest' },
    );
    if (this.config.schedulesEnabled) this.worker.kick();
    return { deliveryId, messageId };
  }

  /** A page of the endpoint's delivery log, newest first. @throws NotFoundException. */
  async deliveries(tenantId: string, id: string, owner: string | null, limit: number, cursor?: string) {
    await this.get(tenantId, id, owner);
    const rows = await this.repository.attempts(tenantId, id, limit + 1, cursor);
    const items = rows.slice(0, limit).map(({ delivery, ...a }) => ({
      ...a,
      eventType: delivery.eventType,
      messageId: delivery.messageId,
      alertId: delivery.alertId,
      deliveryStatus: delivery.status,
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
  }
}
