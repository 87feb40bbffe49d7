
-- CreateEnum
CREATE TYPE "AdCostOrigin" AS ENUM ('manual', 'csv');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "hideCostsFromAgents" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AnalyticsChange" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3),

    CONSTRAINT "AnalyticsChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnalyticsDay" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "visits" INTEGER NOT NULL,
    "bookings" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,
    "newClients" INTEGER NOT NULL,
    "deals" INTEGER NOT NULL,
    "wonDeals" INTEGER NOT NULL,
    "lostDeals" INTEGER NOT NULL,
    "revenueMinor" BIGINT NOT NULL,

    CONSTRAINT "AnalyticsDay_pkey" PRIMARY KEY ("tenantId","day","channel","sourceId","campaignId")
);

-- CreateTable
CREATE TABLE "AnalyticsDayUtm" (
    "tenantId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "utmContent" TEXT NOT NULL,
    "utmTerm" TEXT NOT NULL,
    "visits" INTEGER NOT NULL,
    "bookings" INTEGER NOT NULL,
    "calls" INTEGER NOT NULL,
    "newClients" INTEGER NOT NULL,
    "deals" INTEGER NOT NULL,
    "wonDeals" INTEGER NOT NULL,
    "lostDeals" INTEGER NOT NULL,
    "revenueMinor" BIGINT NOT NULL,

    CONSTRAINT "AnalyticsDayUtm_pkey" PRIMARY KEY ("tenantId","channel","sourceId","campaignId","day","utmContent","utmTerm")
);

-- CreateTable
CREATE TABLE "AdCost" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "origin" "AdCostOrigin" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AdCost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalyticsChange_tenantId_at_idx" ON "AnalyticsChange"("tenantId", "at");

-- CreateIndex
CREATE INDEX "AnalyticsDayUtm_tenantId_day_idx" ON "AnalyticsDayUtm"("tenantId", "day");

-- CreateIndex
CREATE INDEX "AdCost_tenantId_periodStart_idx" ON "AdCost"("tenantId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "AdCost_tenantId_campaignId_periodStart_periodEnd_key" ON "AdCost"("tenantId", "campaignId", "periodStart", "periodEnd");

-- CreateIndex
CREATE INDEX "Deal_tenantId_clientId_crmCreatedAt_idx" ON "Deal"("tenantId", "clientId", "crmCreatedAt");

-- CreateIndex
CREATE INDEX "TrackerSession_tenantId_startedAt_idx" ON "TrackerSession"("tenantId", "startedAt");

-- AddForeignKey
ALTER TABLE "AdCost" ADD CONSTRAINT "AdCost_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdCost" ADD CONSTRAINT "AdCost_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "AdCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Triggers that queue analytics changes (docs/analytics.md §4). Each write of a row the report
-- counts queues the instant whose local day's rollup it makes stale; a worker (or the report itself)
-- recomputes those days from the raw rows. A plain insert, never an upsert: a mark committed with
-- its row is either claimed after the row is visible or left for the next round, so no change is
-- lost to a race with the worker, and concurrent writers never wait on one another.

-- One function per timestamp column, not one reading the column by name: a dynamic EXECUTE per row
-- would be planned on every insert of a tracker session, the hottest write there is.
CREATE FUNCTION analytics_queue_started_at_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES (NEW."tenantId", NEW."startedAt");
  ELSE
    INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES (OLD."tenantId", OLD."startedAt");
    IF TG_OP = 'UPDATE' AND NEW."startedAt" IS DISTINCT FROM OLD."startedAt" THEN
      INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES (NEW."tenantId", NEW."startedAt");
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION analytics_queue_crm_created_at_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES (NEW."tenantId", NEW."crmCreatedAt");
  ELSE
    INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES (OLD."tenantId", OLD."crmCreatedAt");
    IF TG_OP = 'UPDATE' AND NEW."crmCreatedAt" IS DISTINCT FROM OLD."crmCreatedAt" THEN
      INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES (NEW."tenantId", NEW."crmCreatedAt");
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "TrackerSession_analytics_insert_delete" AFTER INSERT OR DELETE ON "TrackerSession"
  FOR EACH ROW EXECUTE FUNCTION analytics_queue_started_at_change();
CREATE TRIGGER "TrackerSession_analytics_update" AFTER UPDATE ON "TrackerSession"
  FOR EACH ROW WHEN (
    (OLD."startedAt", OLD."channel", OLD."sourceId", OLD."campaignId", OLD."utmContent", OLD."utmTerm")
    IS DISTINCT FROM
    (NEW."startedAt", NEW."channel", NEW."sourceId", NEW."campaignId", NEW."utmContent", NEW."utmTerm")
  ) EXECUTE FUNCTION analytics_queue_started_at_change();

CREATE TRIGGER "Lead_analytics_insert_delete" AFTER INSERT OR DELETE ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION analytics_queue_crm_created_at_change();
CREATE TRIGGER "Lead_analytics_update" AFTER UPDATE ON "Lead"
  FOR EACH ROW WHEN (
    (OLD."crmCreatedAt", OLD."channel", OLD."sourceId", OLD."campaignId", OLD."utmContent", OLD."utmTerm")
    IS DISTINCT FROM
    (NEW."crmCreatedAt", NEW."channel", NEW."sourceId", NEW."campaignId", NEW."utmContent", NEW."utmTerm")
  ) EXECUTE FUNCTION analytics_queue_crm_created_at_change();

CREATE TRIGGER "Call_analytics_insert_delete" AFTER INSERT OR DELETE ON "Call"
  FOR EACH ROW EXECUTE FUNCTION analytics_queue_started_at_change();
CREATE TRIGGER "Call_analytics_update" AFTER UPDATE ON "Call"
  FOR EACH ROW WHEN ((OLD."startedAt", OLD."direction") IS DISTINCT FROM (NEW."startedAt", NEW."direction"))
  EXECUTE FUNCTION analytics_queue_started_at_change();

-- A deal also decides whether its client is new (its client's first deal, docs/analytics.md §2), so
-- a change to it also marks the day of the client's first other deal: that deal may gain or lose
-- being first.
CREATE FUNCTION analytics_queue_deal_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "AnalyticsChange" ("tenantId", "at")
    SELECT OLD."tenantId", OLD."crmCreatedAt" WHERE OLD."crmCreatedAt" IS NOT NULL
    UNION ALL
    SELECT OLD."tenantId", min(d."crmCreatedAt") FROM "Deal" d
    WHERE OLD."clientId" IS NOT NULL AND d."tenantId" = OLD."tenantId"
      AND d."clientId" = OLD."clientId" AND d."id" <> OLD."id"
    HAVING min(d."crmCreatedAt") IS NOT NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "AnalyticsChange" ("tenantId", "at")
    SELECT NEW."tenantId", NEW."crmCreatedAt" WHERE NEW."crmCreatedAt" IS NOT NULL
    UNION ALL
    SELECT NEW."tenantId", min(d."crmCreatedAt") FROM "Deal" d
    WHERE NEW."clientId" IS NOT NULL AND d."tenantId" = NEW."tenantId"
      AND d."clientId" = NEW."clientId" AND d."id" <> NEW."id"
    HAVING min(d."crmCreatedAt") IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Deal_analytics_insert_delete" AFTER INSERT OR DELETE ON "Deal"
  FOR EACH ROW EXECUTE FUNCTION analytics_queue_deal_change();
CREATE TRIGGER "Deal_analytics_update" AFTER UPDATE ON "Deal"
  FOR EACH ROW WHEN (
    (OLD."crmCreatedAt", OLD."clientId", OLD."stageGroup", OLD."amountMinor", OLD."channel",
     OLD."sourceId", OLD."campaignId", OLD."utmContent", OLD."utmTerm")
    IS DISTINCT FROM
    (NEW."crmCreatedAt", NEW."clientId", NEW."stageGroup", NEW."amountMinor", NEW."channel",
     NEW."sourceId", NEW."campaignId", NEW."utmContent", NEW."utmTerm")
  ) EXECUTE FUNCTION analytics_queue_deal_change();

-- Days are the workspace's local days: a new time zone makes every day stale (`at` null).
CREATE FUNCTION analytics_queue_rebuild() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES (NEW."id", NULL);
  RETURN NULL;
END $$;

CREATE TRIGGER "Tenant_analytics_timezone" AFTER UPDATE ON "Tenant"
  FOR EACH ROW WHEN (OLD."timezone" IS DISTINCT FROM NEW."timezone")
  EXECUTE FUNCTION analytics_queue_rebuild();

-- Rows stored before this migration: every workspace's history is rolled up once.
INSERT INTO "AnalyticsChange" ("tenantId", "at") SELECT "id", NULL FROM "Tenant";
