-- Issue 15: parts, their materials, suppliers and products (docs/parts.md).
-- CreateEnum
CREATE TYPE "QuantityUnit" AS ENUM ('PCS', 'KG');

-- CreateEnum
CREATE TYPE "MassUnit" AS ENUM ('MG', 'G', 'KG');

-- AlterEnum
ALTER TYPE "ImportKind" ADD VALUE 'PARTS';

-- CreateTable
CREATE TABLE "Part" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "partNumber" TEXT NOT NULL,
    "description" TEXT,
    "hsCode" TEXT,
    "sites" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "unitMass" DECIMAL(20,6),
    "unitMassUnit" "MassUnit",
    "annualQuantity" DECIMAL(20,4),
    "quantityUnit" "QuantityUnit" NOT NULL DEFAULT 'PCS',
    "annualSpend" DECIMAL(20,4),
    "currency" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Part_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartMaterial" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "partId" UUID NOT NULL,
    "elementSymbol" TEXT,
    "materialForm" TEXT,
    "massPerUnit" DECIMAL(20,6),
    "massUnit" "MassUnit",
    "massFraction" DECIMAL(9,8),
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PartMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartSupplier" (
    "tenantId" UUID NOT NULL,
    "partId" UUID NOT NULL,
    "supplierId" UUID NOT NULL,
    "shareOfVolume" DECIMAL(5,4),

    CONSTRAINT "PartSupplier_pkey" PRIMARY KEY ("partId","supplierId")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartProduct" (
    "tenantId" UUID NOT NULL,
    "partId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "quantityPerProduct" DECIMAL(20,6) NOT NULL,

    CONSTRAINT "PartProduct_pkey" PRIMARY KEY ("partId","productId")
);

-- CreateIndex
CREATE INDEX "Part_tenantId_id_idx" ON "Part"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Part_tenantId_partNumber_key" ON "Part"("tenantId", "partNumber");

-- CreateIndex
CREATE INDEX "PartMaterial_partId_idx" ON "PartMaterial"("partId");

-- CreateIndex
CREATE INDEX "PartMaterial_tenantId_elementSymbol_idx" ON "PartMaterial"("tenantId", "elementSymbol");

-- CreateIndex
CREATE INDEX "PartSupplier_tenantId_supplierId_idx" ON "PartSupplier"("tenantId", "supplierId");

-- CreateIndex
CREATE INDEX "Product_tenantId_id_idx" ON "Product"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Product_tenantId_code_key" ON "Product"("tenantId", "code");

-- CreateIndex
CREATE INDEX "PartProduct_tenantId_productId_idx" ON "PartProduct"("tenantId", "productId");

-- AddForeignKey
ALTER TABLE "Part" ADD CONSTRAINT "Part_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartMaterial" ADD CONSTRAINT "PartMaterial_partId_fkey" FOREIGN KEY ("partId") REFERENCES "Part"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartSupplier" ADD CONSTRAINT "PartSupplier_partId_fkey" FOREIGN KEY ("partId") REFERENCES "Part"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartSupplier" ADD CONSTRAINT "PartSupplier_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartProduct" ADD CONSTRAINT "PartProduct_partId_fkey" FOREIGN KEY ("partId") REFERENCES "Part"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartProduct" ADD CONSTRAINT "PartProduct_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;


