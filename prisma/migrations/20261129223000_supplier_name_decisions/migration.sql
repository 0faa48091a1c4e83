-- CreateEnum
CREATE TYPE "SupplierNameDecisionKind" AS ENUM ('CONFIRMED', 'REJECTED');

-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "formerNames" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "SupplierNameDecision" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "supplierId" UUID NOT NULL,
    "nameKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "decision" "SupplierNameDecisionKind" NOT NULL,
    "decidedBy" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SupplierNameDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupplierNameDecision_tenantId_supplierId_nameKey_key" ON "SupplierNameDecision"("tenantId", "supplierId", "nameKey");

-- AddForeignKey
ALTER TABLE "SupplierNameDecision" ADD CONSTRAINT "SupplierNameDecision_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplierNameDecision" ADD CONSTRAINT "SupplierNameDecision_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE CASCADE ON UPDATE CASCADE;
