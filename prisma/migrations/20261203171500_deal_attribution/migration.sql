-- CreateEnum
CREATE TYPE "AttributionModel" AS ENUM ('last_non_direct', 'first', 'last');

-- CreateEnum
CREATE TYPE "DealAttributionRule" AS ENUM ('last_non_direct', 'last_non_direct_fell_back_to_direct', 'first', 'last', 'client_lead_source', 'undetermined');

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "attributionLeadSource" TEXT,
ADD COLUMN     "attributionRule" "DealAttributionRule",
ADD COLUMN     "campaignId" TEXT,
ADD COLUMN     "channel" "TrafficChannel",
ADD COLUMN     "creditedCallId" TEXT,
ADD COLUMN     "creditedLeadId" TEXT,
ADD COLUMN     "siteId" TEXT,
ADD COLUMN     "sourceId" TEXT,
ADD COLUMN     "utmCampaign" TEXT,
ADD COLUMN     "utmContent" TEXT,
ADD COLUMN     "utmMedium" TEXT,
ADD COLUMN     "utmSource" TEXT,
ADD COLUMN     "utmTerm" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "attributionModel" "AttributionModel" NOT NULL DEFAULT 'last_non_direct',
ADD COLUMN     "attributionWindowDays" INTEGER NOT NULL DEFAULT 90;

-- CreateTable
CREATE TABLE "LeadSourceMapping" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadSourceMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LeadSourceMapping_sourceId_idx" ON "LeadSourceMapping"("sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "LeadSourceMapping_tenantId_value_key" ON "LeadSourceMapping"("tenantId", "value");

-- CreateIndex
CREATE INDEX "Lead_tenantId_dealId_idx" ON "Lead"("tenantId", "dealId");

-- AddForeignKey
ALTER TABLE "LeadSourceMapping" ADD CONSTRAINT "LeadSourceMapping_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadSourceMapping" ADD CONSTRAINT "LeadSourceMapping_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- deal-attribution §3: the window is a whole number of days from 1 to 365 (Prisma cannot spell a CHECK).
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_attributionWindowDays_check" CHECK ("attributionWindowDays" BETWEEN 1 AND 365);
