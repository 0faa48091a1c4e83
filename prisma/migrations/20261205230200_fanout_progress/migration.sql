-- Fan-out progress (GET /v1/fanouts/:id, docs/fanout.md). Named to sort after 20261205030000_channels and
-- 20261205030100_fanout_jobs, whose tables it alters: the migrator applies the folders in name order.

-- What the job has done so far: parts impacts counted with each chunk's commit, and the first claim's time (both
-- unknown, 0 and null, for jobs from before this migration). The alerts expanded are those up to `cursor`, counted
-- when read.
ALTER TABLE "FanoutJob" ADD COLUMN "partsImpacts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "startedAt" TIMESTAMPTZ(3);

-- The progress counts an event's emails by status: its alerts (Alert_policyChangeId_idx, Alert_permitEventId_idx),
-- then the fan-out's rows of each alert (dedupe key "alert:<alert>:user:<user>") here, index only. Partial, so
-- reminders and other rows of the same alert are neither counted nor indexed. Not expressible in schema.prisma
-- without the partialIndexes preview feature; the schema engine leaves manually created partial indexes alone.
CREATE INDEX "EmailDelivery_fanout_idx" ON "EmailDelivery" ("alertId", "status") WHERE "dedupeKey" LIKE 'alert:%';

-- The channel messages of an event's alerts (counted the same way) and the cascade when alerts are deleted.
CREATE INDEX "ChannelDelivery_alertId_idx" ON "ChannelDelivery"("alertId");
