/**
 * Sharding of matching by tenant (docs/fanout.md, "Where one process ends"): with MATCH_SHARDS = N > 1 every event
 * is matched by N jobs, job k against the tenants whose shard is k, each by a worker holding only its shards' tenant
 * index.
 *
 * The shard of a tenant is `fnv1a32(tenantId) mod shards`, where `fnv1a32` is the 32-bit FNV-1a hash of the id's
 * lower-case text (UTF-16 code units; for a UUID, ASCII). It depends on nothing but its two arguments, so every
 * process of every release computes the same shard: **do not change it** (jobs in the database and tenant indexes in
 * running workers rely on it). FNV-1a spreads UUIDs evenly (the unit test checks 10,000 random UUIDs over 2–16
 * shards).
 *
 * @param tenantId the tenant's id (a UUID; any string works, compared case-insensitively).
 * @param shards the number of shards N, an integer >= 1.
 * @returns the shard, an integer in [0, shards).
 * @throws RangeError when `shards` is not an integer >= 1.
 */
export function shardOf(tenantId: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be an integer >= 1 (got ${shards})`);
  if (shards === 1) return 0;
  return fnv1a32(tenantId.toLowerCase()) % shards;
}

/** 32-bit FNV-1a over the string's UTF-16 code units; an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The shard key jobs carry (MatchJob, FanoutJob): the job covers the tenants with `shardOf(tenantId, shards) = shard`.
 * `{ shard: 0, shards: 1 }` covers every tenant (matching not sharded).
 */
export interface ShardKey {
  shard: number;
  shards: number;
}

/** The key of unsharded matching: every tenant. */
export const ALL_SHARDS: ShardKey = Object.freeze({ shard: 0, shards: 1 });

/** True when `tenantId` belongs to the shard `key`. */
export function inShard(tenantId: string, key: ShardKey): boolean {
  return key.shards === 1 || shardOf(tenantId, key.shards) === key.shard;
}
