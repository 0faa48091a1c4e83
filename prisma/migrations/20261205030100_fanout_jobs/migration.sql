-- One fan-out job per ingested event (docs/fanout.md): written with the event and its alerts, expanded into outbox rows
-- after the ingestion's answer.
-- CreateEnum
CREATE TYPE "FanoutStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE');

-- CreateTable
CREATE TABLE "FanoutJob" (
    "id" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventId" UUID NOT NULL,
    "summary" JSONB NOT NULL,
    "reversals" JSONB NOT NULL DEFAULT '{}',
    "status" "FanoutStatus" NOT NULL DEFAULT 'PENDING',
    "cursor" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "emailsQueued" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FanoutJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FanoutJob_eventId_key" ON "FanoutJob"("eventId");

-- CreateIndex
CREATE INDEX "FanoutJob_status_nextAttemptAt_idx" ON "FanoutJob"("status", "nextAttemptAt");
