-- The delivery worker looks for unfinished rows only (PENDING, or SENDING with a stale claim). A partial index on them
-- stays as small as the queue, however many SENT and FAILED rows accumulate. Not expressible in schema.prisma without
-- the partialIndexes preview feature; the schema engine leaves manually created partial indexes alone.
CREATE INDEX "EmailDelivery_due_idx" ON "EmailDelivery" ("nextAttemptAt") WHERE "status" IN ('PENDING', 'SENDING');
