-- Sharded matching (docs/fanout.md, "Where one process ends"): one match job per shard per event when MATCH_SHARDS > 1,
-- and the shard key on the fan-out job (one fan-out job per event and shard).
-- CreateEnum
CREATE TYPE "MatchJobStatus" AS ENUM ('PENDING', 'SENDING', 'DONE');

-- CreateTable
CREATE TABLE "MatchJob" (
    "id" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "shard" INTEGER NOT NULL,
    "shards" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "MatchJobStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "alerts" INTEGER,
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MatchJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MatchJob_eventId_shard_key" ON "MatchJob"("eventId", "shard");

-- CreateIndex
CREATE INDEX "MatchJob_status_nextAttemptAt_idx" ON "MatchJob"("status", "nextAttemptAt");

-- The fan-out job's shard key: existing jobs are shard 0 of 1 (every alert of their event).
ALTER TABLE "FanoutJob" ADD COLUMN "shard" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "shards" INTEGER NOT NULL DEFAULT 1;

-- DropIndex
DROP INDEX "FanoutJob_eventId_key";

-- CreateIndex
CREATE UNIQUE INDEX "FanoutJob_eventId_shard_key" ON "FanoutJob"("eventId", "shard");
