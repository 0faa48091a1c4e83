-- Reference taxonomy (material forms, items without entry codes, code-to-element map) and free-text tags of events.
-- Written in the layout `prisma migrate diff` produces; the itemKey backfill keeps already seeded rows valid.

-- CreateTable
CREATE TABLE "MaterialForm" (
    "code" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameZhHant" TEXT NOT NULL,
    "elements" TEXT[],
    "additiveElements" TEXT[],
    "hsCodes" TEXT[],
    "aliases" TEXT[],
    "source" TEXT NOT NULL,

    CONSTRAINT "MaterialForm_pkey" PRIMARY KEY ("code")
);

-- AlterTable
ALTER TABLE "ControlListEntry" ADD COLUMN     "itemKey" TEXT,
ADD COLUMN     "elementSymbols" TEXT[],
ADD COLUMN     "materialForm" TEXT,
ALTER COLUMN "entryCode" DROP NOT NULL;
UPDATE "ControlListEntry" SET "itemKey" = "entryCode", "elementSymbols" = ARRAY["elementSymbol"];
ALTER TABLE "ControlListEntry" ALTER COLUMN "itemKey" SET NOT NULL;

-- DropIndex
DROP INDEX "ControlListEntry_announcementId_entryCode_key";

-- CreateIndex
CREATE UNIQUE INDEX "ControlListEntry_announcementId_itemKey_key" ON "ControlListEntry"("announcementId", "itemKey");

-- AlterTable
ALTER TABLE "HsCode" ADD COLUMN     "elementSymbols" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "PolicyChange" ADD COLUMN     "textTags" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "PermitEvent" ADD COLUMN     "textTags" JSONB NOT NULL DEFAULT '[]';
