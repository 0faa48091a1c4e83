import {
  Bool,
  DELIVERY_STATUS_VALUES,
  Enum,
  Instant,
  Int,
  NullableInstant,
  NullableInt,
  NullableStr,
  NullableUuid,
  SEVERITY_VALUES,
  Str,
  Strs,
  Uuid,
} from '../../common/openapi/properties.js';
import { CHANNEL_KIND_VALUES } from './channels.dto.js';

/** An endpoint as listed: never its secret. */
export class EndpointDto {
  @Uuid() id!: string;
  @Uuid() tenantId!: string;
  @NullableUuid({ description: "The user whose personal endpoint it is (/v1/me/webhooks); null for the tenant's" })
  userId!: string | null;
  @Enum(CHANNEL_KIND_VALUES, 'ChannelKind') kind!: string;
  @Str({ example: 'ERP integration' }) name!: string;
  @Str({ example: 'https://erp.example.com/hooks/lodestone' }) url!: string;
  @Strs({ example: ['alert.created'] }) eventTypes!: string[];
  @Enum(SEVERITY_VALUES, 'Severity') minSeverity!: string;
  @Bool() enabled!: boolean;
  @NullableInstant({ description: 'Until then the secret before the last rotation signs too' })
  previousSecretExpiresAt!: string | null;
  @NullableInstant({ description: 'Start of the current run of failed attempts (null after a success)' })
  failingSince!: string | null;
  @NullableInstant({ description: 'When Lodestone disabled it after a day of failures' }) disabledAt!: string | null;
  @NullableStr() disabledReason!: string | null;
  @Instant() createdAt!: string;
  @Instant() updatedAt!: string;
}

/** POST /v1/webhooks answer: the endpoint plus its signing secret (WEBHOOK only), shown this once. */
export class CreatedEndpointDto extends EndpointDto {
  @NullableStr({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Standard Webhooks secret (`whsec_` + base64); null for SLACK and TEAMS; never shown again',
  })
  secret!: string | null;
}

/** POST /v1/webhooks/:id/rotate-secret answer. */
export class RotatedSecretDto {
  @Str({ example: 'whsec_…', description: 'The new secret; never shown again' }) secret!: string;
  @Instant({ description: 'Until then the old secret signs too (WEBHOOK_SECRET_OVERLAP_HOURS)' })
  previousSecretExpiresAt!: string;
}

/** POST /v1/webhooks/:id/test answer. */
export class TestQueuedDto {
  @Uuid({ description: 'The queued delivery; its attempt shows in GET /v1/webhooks/:id/deliveries' })
  deliveryId!: string;
  @Str({ example: 'msg_2f6c…', description: 'The webhook-id it is sent with' }) messageId!: string;
}

/** One attempt in an endpoint's delivery log. */
export class EndpointAttemptDto {
  @Uuid() id!: string;
  @Uuid() deliveryId!: string;
  @Str({ example: 'alert.created' }) eventType!: string;
  @Str({ example: 'msg_2f6c…', description: 'webhook-id: the same on every attempt of a delivery' }) messageId!: string;
  @NullableUuid() alertId!: string | null;
  @Int({ description: '1 for the first attempt' }) attempt!: number;
  @NullableInt({ description: 'HTTP status; null when no answer (timeout, closed connection, blocked target)' })
  statusCode!: number | null;
  @Int({ description: 'milliseconds' }) latencyMs!: number;
  @NullableStr({ description: 'first 500 characters of the answer' }) responseExcerpt!: string | null;
  @NullableStr() error!: string | null;
  @Enum(DELIVERY_STATUS_VALUES, 'DeliveryStatus', { description: 'the delivery now' }) deliveryStatus!: string;
  @Instant() createdAt!: string;
}

/** POST /v1/alert-actions/acknowledge answer (HTML for people; this is its JSON twin for clients). */
export class AcknowledgedDto {
  @Uuid() alertId!: string;
  @Str({ example: 'ACKNOWLEDGED' }) status!: string;
}
