-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'BUYER');

-- CreateEnum
CREATE TYPE "TenantStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "WatchKind" AS ENUM ('ELEMENT', 'HS_CODE', 'CONTROL_ENTRY');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "PolicyAction" AS ENUM ('IMPOSED', 'AMENDED', 'SUSPENDED', 'REINSTATED', 'LIFTED', 'LICENSING_RULE', 'TARIFF');

-- CreateEnum
CREATE TYPE "PermitStatus" AS ENUM ('APPLIED', 'GRANTED', 'DENIED', 'EXPIRING', 'REVOKED');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "TenantStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "tenantId" UUID,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Element" (
    "symbol" TEXT NOT NULL,
    "atomicNumber" INTEGER NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameZhHant" TEXT NOT NULL,
    "casRn" TEXT NOT NULL,
    "isRareEarth" BOOLEAN NOT NULL,
    "groupCn" TEXT,
    "note" TEXT,

    CONSTRAINT "Element_pkey" PRIMARY KEY ("symbol")
);

-- CreateTable
CREATE TABLE "ControlListEntry" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "announcementId" TEXT NOT NULL,
    "announcement" TEXT NOT NULL,
    "entryCode" TEXT NOT NULL,
    "itemEn" TEXT NOT NULL,
    "itemZh" TEXT NOT NULL,
    "customsCodes" TEXT[],
    "customsCodesNote" TEXT,
    "elementSymbol" TEXT NOT NULL,
    "confidence" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "ControlListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HsCode" (
    "id" UUID NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "display" TEXT NOT NULL,
    "digits" INTEGER NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "descriptionZh" TEXT,
    "notes" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "HsCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WatchlistItem" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "WatchKind" NOT NULL,
    "elementSymbol" TEXT,
    "hsPrefix" TEXT,
    "controlEntry" TEXT,
    "jurisdiction" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WatchlistItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "legalNameEn" TEXT NOT NULL,
    "legalNameZh" TEXT,
    "aliases" TEXT[],
    "country" TEXT,
    "uscc" TEXT,
    "lei" TEXT,
    "tickers" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyChange" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "action" "PolicyAction" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "reference" TEXT,
    "publishedAt" TIMESTAMPTZ(3),
    "effectiveDate" DATE,
    "endDate" DATE,
    "elements" TEXT[],
    "hsCodes" TEXT[],
    "controlEntries" TEXT[],
    "affects" TEXT[],
    "destinations" TEXT[],
    "sourceUrl" TEXT,
    "raw" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PermitEvent" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "status" "PermitStatus" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "exporterName" TEXT NOT NULL,
    "endUser" TEXT,
    "items" JSONB NOT NULL,
    "elements" TEXT[],
    "hsCodes" TEXT[],
    "controlEntries" TEXT[],
    "occurredAt" TIMESTAMPTZ(3),
    "validFrom" DATE,
    "validTo" DATE,
    "quantity" DECIMAL(20,6),
    "quantityUnit" TEXT,
    "sourceUrl" TEXT,
    "raw" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PermitEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "policyChangeId" UUID,
    "permitEventId" UUID,
    "severity" "Severity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'OPEN',
    "title" TEXT NOT NULL,
    "reasons" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailDelivery" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID,
    "alertId" UUID,
    "recipient" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "messageId" TEXT NOT NULL,
    "providerMessageId" TEXT,
    "subject" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EmailDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_tenantId_role_idx" ON "User"("tenantId", "role");

-- CreateIndex
CREATE INDEX "ControlListEntry_elementSymbol_idx" ON "ControlListEntry"("elementSymbol");

-- CreateIndex
CREATE UNIQUE INDEX "ControlListEntry_announcementId_entryCode_key" ON "ControlListEntry"("announcementId", "entryCode");

-- CreateIndex
CREATE INDEX "HsCode_code_idx" ON "HsCode"("code");

-- CreateIndex
CREATE UNIQUE INDEX "HsCode_jurisdiction_code_key" ON "HsCode"("jurisdiction", "code");

-- CreateIndex
CREATE INDEX "WatchlistItem_tenantId_idx" ON "WatchlistItem"("tenantId");

-- CreateIndex
CREATE INDEX "Supplier_tenantId_idx" ON "Supplier"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyChange_source_externalId_key" ON "PolicyChange"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "PermitEvent_source_externalId_key" ON "PermitEvent"("source", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupeKey_key" ON "Alert"("dedupeKey");

-- CreateIndex
CREATE INDEX "Alert_tenantId_createdAt_idx" ON "Alert"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EmailDelivery_dedupeKey_key" ON "EmailDelivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "EmailDelivery_status_nextAttemptAt_idx" ON "EmailDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "EmailDelivery_tenantId_idx" ON "EmailDelivery"("tenantId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlListEntry" ADD CONSTRAINT "ControlListEntry_elementSymbol_fkey" FOREIGN KEY ("elementSymbol") REFERENCES "Element"("symbol") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WatchlistItem" ADD CONSTRAINT "WatchlistItem_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Supplier" ADD CONSTRAINT "Supplier_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_policyChangeId_fkey" FOREIGN KEY ("policyChangeId") REFERENCES "PolicyChange"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_permitEventId_fkey" FOREIGN KEY ("permitEventId") REFERENCES "PermitEvent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailDelivery" ADD CONSTRAINT "EmailDelivery_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailDelivery" ADD CONSTRAINT "EmailDelivery_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailDelivery" ADD CONSTRAINT "EmailDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
