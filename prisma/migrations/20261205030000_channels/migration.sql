-- Channels (docs/channels.md): tenant endpoints (webhook, Slack, Teams), their outbox and delivery log.
-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('WEBHOOK', 'SLACK', 'TEAMS');

-- CreateTable
CREATE TABLE "ChannelEndpoint" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID,
    "kind" "ChannelKind" NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "eventTypes" TEXT[],
    "minSeverity" "Severity" NOT NULL DEFAULT 'INFO',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "secret" TEXT,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "failingSince" TIMESTAMPTZ(3),
    "disabledAt" TIMESTAMPTZ(3),
    "disabledReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChannelEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelDelivery" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "alertId" UUID,
    "eventType" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "burst" BOOLEAN NOT NULL DEFAULT false,
    "dedupeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChannelDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelAttempt" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "endpointId" UUID NOT NULL,
    "deliveryId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "latencyMs" INTEGER NOT NULL,
    "responseExcerpt" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChannelEndpoint_tenantId_idx" ON "ChannelEndpoint"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelDelivery_dedupeKey_key" ON "ChannelDelivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "ChannelDelivery_tenantId_idx" ON "ChannelDelivery"("tenantId");

-- CreateIndex
CREATE INDEX "ChannelDelivery_endpointId_idx" ON "ChannelDelivery"("endpointId");

-- CreateIndex
CREATE INDEX "ChannelAttempt_endpointId_createdAt_idx" ON "ChannelAttempt"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "ChannelAttempt_deliveryId_idx" ON "ChannelAttempt"("deliveryId");

-- AddForeignKey
ALTER TABLE "ChannelEndpoint" ADD CONSTRAINT "ChannelEndpoint_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelEndpoint" ADD CONSTRAINT "ChannelEndpoint_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelDelivery" ADD CONSTRAINT "ChannelDelivery_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelDelivery" ADD CONSTRAINT "ChannelDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ChannelEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelDelivery" ADD CONSTRAINT "ChannelDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelAttempt" ADD CONSTRAINT "ChannelAttempt_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ChannelEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelAttempt" ADD CONSTRAINT "ChannelAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "ChannelDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- CreateIndex: the due rows of the channel outbox (as EmailDelivery_due_idx): small however many rows are SENT.
CREATE INDEX "ChannelDelivery_due_idx" ON "ChannelDelivery"("nextAttemptAt") WHERE "status" IN ('PENDING', 'SENDING');
