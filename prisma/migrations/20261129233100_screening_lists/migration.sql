-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "screeningEntryId" UUID;

-- CreateTable
CREATE TABLE "ScreeningEntry" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "listName" TEXT NOT NULL,
    "listCode" TEXT,
    "name" TEXT NOT NULL,
    "altNames" TEXT[],
    "nameKeys" TEXT[],
    "countries" TEXT[],
    "programs" TEXT[],
    "federalRegisterNotice" TEXT,
    "startDate" DATE,
    "sourceListUrl" TEXT,
    "contentHash" TEXT NOT NULL,
    "raw" JSONB NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ScreeningEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScreeningEntry_nameKeys_idx" ON "ScreeningEntry" USING GIN ("nameKeys");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningEntry_source_externalId_key" ON "ScreeningEntry"("source", "externalId");

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_screeningEntryId_fkey" FOREIGN KEY ("screeningEntryId") REFERENCES "ScreeningEntry"("id") ON DELETE SET NULL ON UPDATE CASCADE;


