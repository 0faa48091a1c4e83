-- CreateEnum
CREATE TYPE "DigestFrequency" AS ENUM ('NONE', 'DAILY', 'WEEKLY');

-- CreateEnum
CREATE TYPE "MeasureStatus" AS ENUM ('IN_FORCE', 'SUSPENDED', 'AMENDED', 'LIFTED', 'EXPIRED');

-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "measureStatus" "MeasureStatus" NOT NULL DEFAULT 'IN_FORCE',
ADD COLUMN     "measureStatusAt" TIMESTAMPTZ(3),
ADD COLUMN     "updatedByAlertId" UUID;

-- CreateTable
CREATE TABLE "TenantNotificationSettings" (
    "tenantId" UUID NOT NULL,
    "immediateEnabled" BOOLEAN NOT NULL DEFAULT true,
    "immediateMinSeverity" "Severity" NOT NULL DEFAULT 'MEDIUM',
    "digestFrequency" "DigestFrequency" NOT NULL DEFAULT 'NONE',
    "digestLocalTime" TEXT NOT NULL DEFAULT '08:00',
    "digestWeekday" INTEGER NOT NULL DEFAULT 1,
    "quietHoursStart" TEXT,
    "quietHoursEnd" TEXT,
    "criticalOverridesQuietHours" BOOLEAN NOT NULL DEFAULT true,
    "sendEmptyDigest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TenantNotificationSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "UserNotificationPreference" (
    "userId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "immediateEnabled" BOOLEAN,
    "immediateMinSeverity" "Severity",
    "digestFrequency" "DigestFrequency",
    "digestLocalTime" TEXT,
    "digestWeekday" INTEGER,
    "quietHoursEnabled" BOOLEAN,
    "quietHoursStart" TEXT,
    "quietHoursEnd" TEXT,
    "criticalOverridesQuietHours" BOOLEAN,
    "sendEmptyDigest" BOOLEAN,
    "mutedElements" TEXT[],
    "mutedSupplierIds" TEXT[],
    "unsubscribedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UserNotificationPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "UserNotificationPreference_tenantId_idx" ON "UserNotificationPreference"("tenantId");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_updatedByAlertId_fkey" FOREIGN KEY ("updatedByAlertId") REFERENCES "Alert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantNotificationSettings" ADD CONSTRAINT "TenantNotificationSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserNotificationPreference" ADD CONSTRAINT "UserNotificationPreference_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserNotificationPreference" ADD CONSTRAINT "UserNotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
