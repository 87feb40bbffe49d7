-- CreateEnum
CREATE TYPE "TrafficChannel" AS ENUM ('direct', 'organic', 'referral', 'social', 'email', 'paid', 'other');

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "widgetUrlPatterns" TEXT[] DEFAULT ARRAY['klientiks.ru/app/']::TEXT[],
    "captureContacts" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channel" "TrafficChannel" NOT NULL,
    "utmSources" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "presetKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdCampaign" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "utmCampaigns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "isAutoCreated" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackerSession" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "sessionKey" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "landingUrl" TEXT NOT NULL,
    "referrer" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmContent" TEXT,
    "utmTerm" TEXT,
    "yclid" TEXT,
    "gclid" TEXT,
    "fbclid" TEXT,
    "sourceId" TEXT,
    "campaignId" TEXT,
    "channel" "TrafficChannel" NOT NULL,

    CONSTRAINT "TrackerSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PageView" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PageView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WidgetOpen" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WidgetOpen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CapturedContact" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CapturedContact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Site_publicKey_key" ON "Site"("publicKey");

-- CreateIndex
CREATE UNIQUE INDEX "Site_tenantId_domain_key" ON "Site"("tenantId", "domain");

-- CreateIndex
CREATE UNIQUE INDEX "Source_tenantId_presetKey_key" ON "Source"("tenantId", "presetKey");

-- CreateIndex
CREATE INDEX "AdCampaign_tenantId_sourceId_createdAt_idx" ON "AdCampaign"("tenantId", "sourceId", "createdAt");

-- CreateIndex
CREATE INDEX "TrackerSession_tenantId_siteId_lastSeenAt_idx" ON "TrackerSession"("tenantId", "siteId", "lastSeenAt" DESC);

-- CreateIndex
CREATE INDEX "TrackerSession_tenantId_visitorId_lastSeenAt_idx" ON "TrackerSession"("tenantId", "visitorId", "lastSeenAt" DESC);

-- CreateIndex
CREATE INDEX "TrackerSession_tenantId_sessionKey_startedAt_idx" ON "TrackerSession"("tenantId", "sessionKey", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "PageView_tenantId_sessionId_at_idx" ON "PageView"("tenantId", "sessionId", "at");

-- CreateIndex
CREATE INDEX "WidgetOpen_tenantId_siteId_at_idx" ON "WidgetOpen"("tenantId", "siteId", "at");

-- CreateIndex
CREATE INDEX "CapturedContact_tenantId_phone_at_idx" ON "CapturedContact"("tenantId", "phone", "at");

-- CreateIndex
CREATE INDEX "CapturedContact_tenantId_email_at_idx" ON "CapturedContact"("tenantId", "email", "at");

-- AddForeignKey
ALTER TABLE "Site" ADD CONSTRAINT "Site_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Source" ADD CONSTRAINT "Source_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdCampaign" ADD CONSTRAINT "AdCampaign_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdCampaign" ADD CONSTRAINT "AdCampaign_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackerSession" ADD CONSTRAINT "TrackerSession_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackerSession" ADD CONSTRAINT "TrackerSession_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackerSession" ADD CONSTRAINT "TrackerSession_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "AdCampaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageView" ADD CONSTRAINT "PageView_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrackerSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WidgetOpen" ADD CONSTRAINT "WidgetOpen_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrackerSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CapturedContact" ADD CONSTRAINT "CapturedContact_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrackerSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

