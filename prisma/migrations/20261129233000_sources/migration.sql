-- AlterEnum
ALTER TYPE "PolicyAction" ADD VALUE 'NOTICE';

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('FEDERAL_REGISTER', 'MOFCOM', 'NEWS', 'SCREENING_LIST', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "PayloadStatus" AS ENUM ('PARSED', 'PARTIAL', 'FAILED');

-- AlterTable
ALTER TABLE "PolicyChange" ADD COLUMN     "official" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "publishedOn" DATE;

-- CreateTable
CREATE TABLE "Source" (
    "name" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "intervalMinutes" INTEGER,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastItemsSeen" INTEGER NOT NULL DEFAULT 0,
    "lastItemsNew" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "cursor" JSONB,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SourcePayload" (
    "id" UUID NOT NULL,
    "sourceName" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "url" TEXT,
    "contentType" TEXT,
    "body" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" "PayloadStatus" NOT NULL,
    "itemsSeen" INTEGER NOT NULL DEFAULT 0,
    "itemsNew" INTEGER NOT NULL DEFAULT 0,
    "errors" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SourcePayload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourcePayload_sourceName_receivedAt_idx" ON "SourcePayload"("sourceName", "receivedAt");

-- AddForeignKey
ALTER TABLE "SourcePayload" ADD CONSTRAINT "SourcePayload_sourceName_fkey" FOREIGN KEY ("sourceName") REFERENCES "Source"("name") ON DELETE CASCADE ON UPDATE CASCADE;
