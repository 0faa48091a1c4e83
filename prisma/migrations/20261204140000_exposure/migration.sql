-- Exposure (issue 12): alerts found on addition, lapses as timeline steps, measures keep their own identity.

-- CreateEnum
CREATE TYPE "AlertOrigin" AS ENUM ('EVENT', 'BACKFILL');

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "origin" "AlertOrigin" NOT NULL DEFAULT 'EVENT';

-- A lapse is a step resting on the suspension event whose end date passed: (measure, event, role) is unique.
DROP INDEX "MeasureEvent_measureKey_policyChangeId_key";
CREATE UNIQUE INDEX "MeasureEvent_measureKey_policyChangeId_role_key" ON "MeasureEvent"("measureKey", "policyChangeId", "role");

-- A measure known only as the target of `affects` (or from citations) had taken another announcement's title: it has
-- none until its own announcement arrives.
UPDATE "Measure" m SET "title" = NULL
WHERE NOT EXISTS (
  SELECT 1 FROM "MeasureEvent" s WHERE s."measureKey" = m."key" AND s."role" = 'SELF' AND s."official"
);
