-- AlterEnum: one MeasureStatus for alerts (notification_preferences) and measure timelines
ALTER TYPE "MeasureStatus" ADD VALUE 'PROPOSED';
ALTER TYPE "MeasureStatus" ADD VALUE 'REPORTED';

-- CreateTable
CREATE TABLE "Measure" (
    "key" TEXT NOT NULL,
    "status" "MeasureStatus" NOT NULL,
    "title" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "MeasureEvent" (
    "id" UUID NOT NULL,
    "measureKey" TEXT NOT NULL,
    "policyChangeId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "action" "PolicyAction" NOT NULL,
    "official" BOOLEAN NOT NULL,
    "statusAfter" "MeasureStatus" NOT NULL,
    "occurredOn" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MeasureEvent_policyChangeId_idx" ON "MeasureEvent"("policyChangeId");

-- CreateIndex
CREATE UNIQUE INDEX "MeasureEvent_measureKey_policyChangeId_key" ON "MeasureEvent"("measureKey", "policyChangeId");

-- AddForeignKey
ALTER TABLE "MeasureEvent" ADD CONSTRAINT "MeasureEvent_measureKey_fkey" FOREIGN KEY ("measureKey") REFERENCES "Measure"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureEvent" ADD CONSTRAINT "MeasureEvent_policyChangeId_fkey" FOREIGN KEY ("policyChangeId") REFERENCES "PolicyChange"("id") ON DELETE CASCADE ON UPDATE CASCADE;


