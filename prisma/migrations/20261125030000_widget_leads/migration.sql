-- CreateEnum
CREATE TYPE "LeadAttributionRule" AS ENUM ('session_id', 'widget_open', 'contact_match', 'default_source', 'default_campaign');

-- CreateTable
CREATE TABLE "Lead" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "crmCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "siteId" TEXT,
    "sessionId" TEXT,
    "attributionRule" "LeadAttributionRule" NOT NULL,
    "sourceId" TEXT,
    "campaignId" TEXT,
    "channel" "TrafficChannel",
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmContent" TEXT,
    "utmTerm" TEXT,
    "landingUrl" TEXT,
    "referrer" TEXT,
    "yclid" TEXT,
    "gclid" TEXT,
    "fbclid" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "declaredSource" TEXT,
    "duplicateOfId" TEXT,
    "dealId" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "raw" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Lead_tenantId_crmCreatedAt_id_idx" ON "Lead"("tenantId", "crmCreatedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_contactPhone_crmCreatedAt_idx" ON "Lead"("tenantId", "contactPhone", "crmCreatedAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_siteId_crmCreatedAt_idx" ON "Lead"("tenantId", "siteId", "crmCreatedAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_sourceId_crmCreatedAt_idx" ON "Lead"("tenantId", "sourceId", "crmCreatedAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_campaignId_crmCreatedAt_idx" ON "Lead"("tenantId", "campaignId", "crmCreatedAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_tenantId_attributionRule_crmCreatedAt_idx" ON "Lead"("tenantId", "attributionRule", "crmCreatedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Lead_tenantId_externalId_key" ON "Lead"("tenantId", "externalId");

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

