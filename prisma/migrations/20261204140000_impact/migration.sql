-- Impact workflow (issue 12): per (tenant, measure) assessments with a history; per alert "applies to us / does not".

-- CreateEnum
CREATE TYPE "ImpactStatus" AS ENUM ('POTENTIAL', 'CONFIRMED', 'NO_IMPACT', 'RESOLVED');

-- AlterEnum
ALTER TYPE "AlertActivityKind" ADD VALUE 'APPLICABILITY_SET';

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "applies" BOOLEAN,
ADD COLUMN     "appliesReason" TEXT,
ADD COLUMN     "appliesSetAt" TIMESTAMPTZ(3),
ADD COLUMN     "appliesSetById" UUID;

-- CreateTable
CREATE TABLE "MeasureImpact" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "measureKey" TEXT NOT NULL,
    "status" "ImpactStatus" NOT NULL,
    "expectedDurationDays" INTEGER,
    "ownerId" UUID,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MeasureImpact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeasureImpactChange" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "impactId" UUID NOT NULL,
    "actorUserId" UUID,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeasureImpactChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeasureImpact_tenantId_measureKey_key" ON "MeasureImpact"("tenantId", "measureKey");

-- CreateIndex
CREATE INDEX "MeasureImpactChange_tenantId_impactId_createdAt_idx" ON "MeasureImpactChange"("tenantId", "impactId", "createdAt");

-- AddForeignKey
ALTER TABLE "MeasureImpact" ADD CONSTRAINT "MeasureImpact_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureImpact" ADD CONSTRAINT "MeasureImpact_measureKey_fkey" FOREIGN KEY ("measureKey") REFERENCES "Measure"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeasureImpactChange" ADD CONSTRAINT "MeasureImpactChange_impactId_fkey" FOREIGN KEY ("impactId") REFERENCES "MeasureImpact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
