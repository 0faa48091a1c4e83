import { ApiProperty } from '@nestjs/swagger';
import {
  Bool,
  Enum,
  Instant,
  Int,
  NullableInstant,
  NullableInt,
  NullableStr,
  Str,
  Uuid,
} from '../../../common/openapi/properties.js';
import { FanoutRefDto } from './fanout.dto.js';

/**
 * The statuses of a match job in the API (GET /v1/match-jobs/:id): PENDING waiting for a worker serving its shard;
 * RUNNING a worker matches it now (its claim); DONE its alerts are raised; FAILED its last attempt failed (`lastError`)
 * and it is retried with backoff, so it may still turn DONE.
 */
export const MATCH_JOB_STATUS_VALUES = ['PENDING', 'RUNNING', 'DONE', 'FAILED'] as const;
export type MatchJobStatus = (typeof MATCH_JOB_STATUS_VALUES)[number];

/** One shard's match job of an event stored with sharded matching (MATCH_SHARDS > 1). */
export class MatchJobRefDto {
  @Uuid({ description: 'Id of the match job (UUIDv7)' }) id!: string;
  @Int({
    example: 0,
    description: 'The shard it matches: the tenants whose shardOf(tenantId, shards) is this number (0 to shards - 1)',
  })
  shard!: number;
  @Int({ example: 2, description: 'How many shards the event was split into (MATCH_SHARDS when it was stored)' })
  shards!: number;
  @Str({
    example: 'PENDING',
    description: 'PENDING at the answer: a worker serving the shard (WORKER_SHARDS) claims it after the answer',
  })
  status!: string;
  @Str({
    example: '/v1/match-jobs/0193a5c8-7a10-7000-8000-000000000001',
    description: 'Path of its progress (GET /v1/match-jobs/:id)',
  })
  href!: string;
}

/** One shard's matching of an event, as it stands (GET /v1/match-jobs/:id). */
export class MatchJobDto {
  @Uuid({ description: 'Id of the match job (UUIDv7)' }) id!: string;
  @Enum(['POLICY_CHANGE', 'PERMIT_EVENT'], 'MatchJobEventType') eventType!: string;
  @Uuid({ description: 'The event (as the ingestion answered it)' }) eventId!: string;
  @Int({ example: 0, description: 'The shard it matches (0 to shards - 1)' }) shard!: number;
  @Int({ example: 2, description: 'How many shards the event was split into (MATCH_SHARDS when it was stored)' })
  shards!: number;
  @Enum(MATCH_JOB_STATUS_VALUES, 'MatchJobStatus', {
    description:
      'PENDING: waiting for a worker serving the shard; RUNNING: a worker matches it now; DONE: the shard’s alerts are raised; FAILED: the last attempt failed (`lastError`) and is retried with backoff, so it may still turn DONE',
  })
  status!: MatchJobStatus;
  @Int({ description: 'Claims by a worker so far, the running one included' }) attempts!: number;
  @NullableStr({ description: 'Error of the last failed attempt; null after success' }) lastError!: string | null;
  @NullableInt({
    description:
      'Alerts this job raised (tenants of its shard the event matched that had no alert for it yet); null until DONE',
  })
  alerts!: number | null;
  @ApiProperty({
    type: FanoutRefDto,
    nullable: true,
    description:
      'The fan-out job of this shard’s alerts (written with them; GET /v1/fanouts/:id); null until the job is DONE, and when it raised no alert',
  })
  fanout!: FanoutRefDto | null;
  @Instant({ description: 'When the event and its jobs were stored (ISO-8601 UTC)' }) createdAt!: string;
  @NullableInstant({ description: 'When the shard’s alerts were raised (ISO-8601 UTC); null until DONE' })
  finishedAt!: string | null;
}

/**
 * The 202 answer of an ingestion with sharded matching (MATCH_SHARDS > 1): the event is stored with one match job per
 * shard; how many tenants it alerts is not known yet (`alerts` and `emailsQueued` are absent). Each job's worker
 * raises its shard's alerts and writes their fan-out job; a repeat of the event (200) then counts the alerts so far.
 */
export class IngestAcceptedDto {
  @Uuid({ description: "Lodestone's id of the stored event" }) id!: string;
  @Bool({ description: 'Always true: a new event was stored (a repeat answers 200 with the alerts so far)' })
  created!: true;
  @ApiProperty({
    type: [MatchJobRefDto],
    description: 'The match jobs written with the event, one per shard, by shard',
  })
  matchJobs!: MatchJobRefDto[];

  // Not in the answer (not known yet, or not applicable): declared so that code reading these fields of either answer
  // (IngestResultDto or this) compiles, and finds undefined here.
  declare alerts?: undefined;
  declare emailsQueued?: undefined;
  declare differs?: undefined;
}
