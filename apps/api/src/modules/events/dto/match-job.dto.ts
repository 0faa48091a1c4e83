import { ApiProperty } from '@nestjs/swagger';
import { Bool, Int, Str, Uuid } from '../../../common/openapi/properties.js';

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
