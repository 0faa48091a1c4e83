import { ApiProperty } from '@nestjs/swagger';
import { Enum, Instant, Int, NullableInstant, NullableStr, Str, Uuid } from '../../../common/openapi/properties.js';

/** The statuses of a fan-out job (see {@link FanoutProgressDto.status}). */
export const FANOUT_STATUS_VALUES = ['queued', 'running', 'done', 'failed'] as const;

/** Where the POST answer points to follow an event's fan-out (GET /v1/fanouts/:id). */
export class FanoutRefDto {
  @Uuid({ description: 'Id of the fan-out job' }) id!: string;
  @Enum(FANOUT_STATUS_VALUES, 'FanoutJobStatus', {
    description:
      'Where the job stood at the answer: done for an event expanded before the answer (at most FANOUT_INLINE_MAX_ALERTS alerts; failed if that expansion failed: a worker retries it), queued or already running for a bigger one (expanded by a worker after the answer)',
  })
  status!: string;
  @Str({ example: '/v1/fanouts/0193a5c8-7a10-7000-8000-000000000001', description: 'Path of its progress' })
  href!: string;
}

/** An event's emails written by its fan-out, by status so far. */
export class FanoutEmailCountsDto {
  @Int({ description: 'Accepted by the mail server' }) sent!: number;
  @Int({ description: 'Failed permanently (or after the last retry)' }) failed!: number;
  @Int({ description: 'Waiting, waiting for a retry, or being sent' }) pending!: number;
}

/** How far one event's fan-out to the recipients of its alerts got (GET /v1/fanouts/:id). */
export class FanoutProgressDto {
  @Uuid({ description: 'Id of the fan-out job' }) id!: string;
  @Enum(['POLICY_CHANGE', 'PERMIT_EVENT'], 'FanoutEventType') eventType!: string;
  @Uuid({ description: 'The event (as the ingestion answered it)' }) eventId!: string;
  @Enum(FANOUT_STATUS_VALUES, 'FanoutJobStatus', {
    description:
      'queued: waiting for a worker; running: a worker writes its rows now; done: every alert expanded; failed: the last attempt failed (`lastError`) and is retried at `nextAttemptAt` with backoff, so it may run again',
  })
  status!: string;
  @Int({ description: 'Alerts the event raised, one per matched tenant' }) alertsTotal!: number;
  @Int({ description: 'Alerts whose email and channel rows are written so far' }) alertsExpanded!: number;
  @Int({ description: 'Emails written by the job (one per recipient)' }) emailsQueued!: number;
  @Int({ description: 'Webhook, Slack and Teams messages of the event’s alerts' }) channelDeliveriesQueued!: number;
  @Int({ description: 'Expanded alerts whose tenant’s parts impact was computed (tenants with parts only)' })
  partsImpacts!: number;
  @Int({ description: 'Claims by a worker so far, the running one included' }) attempts!: number;
  @NullableStr({ description: 'Error of the last failed attempt; null after success' }) lastError!: string | null;
  @NullableInstant({ description: 'When the job is due again (ISO-8601 UTC); null once done' })
  nextAttemptAt!: string | null;
  @Instant({ description: 'When the event and its job were stored (ISO-8601 UTC)' }) createdAt!: string;
  @NullableInstant({ description: 'The first claim by a worker (ISO-8601 UTC); null while queued' })
  startedAt!: string | null;
  @NullableInstant({ description: 'When the last alert was expanded (ISO-8601 UTC); null until done' })
  finishedAt!: string | null;
  @ApiProperty({ type: FanoutEmailCountsDto, description: 'The job’s emails by delivery status so far' })
  emails!: FanoutEmailCountsDto;
}
