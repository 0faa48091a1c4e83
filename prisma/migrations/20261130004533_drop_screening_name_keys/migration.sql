/*
  Warnings:

  - You are about to drop the column `nameKeys` on the `ScreeningEntry` table. All the data in the column will be lost.

  Screening now resolves every name of an entry with the supplier resolver (apps/api/src/matching/screening.ts) from
  name and altNames at screening time; the stored exact-comparison keys are no longer read.
*/
-- DropIndex
DROP INDEX "ScreeningEntry_nameKeys_idx";

-- AlterTable
ALTER TABLE "ScreeningEntry" DROP COLUMN "nameKeys";
