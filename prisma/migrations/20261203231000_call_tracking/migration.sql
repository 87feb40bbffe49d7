-- CreateEnum
CREATE TYPE "CallTrackingRule" AS ENUM ('dynamic_number', 'static_number', 'unidentified');

-- CreateEnum
CREATE TYPE "TrackingNumberUsage" AS ENUM ('pool', 'static', 'fallback');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "callTargetSeconds" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "callUniqueDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "phoneSelector" TEXT,
ADD COLUMN     "phoneTargets" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "poolHoldMinutes" INTEGER NOT NULL DEFAULT 15;

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "campaignId" TEXT,
ADD COLUMN     "channel" "TrafficChannel",
ADD COLUMN     "fbclid" TEXT,
ADD COLUMN     "gclid" TEXT,
ADD COLUMN     "isTargetCall" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "isUniqueCall" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "landingUrl" TEXT,
ADD COLUMN     "referrer" TEXT,
ADD COLUMN     "sessionId" TEXT,
ADD COLUMN     "siteId" TEXT,
ADD COLUMN     "sourceId" TEXT,
ADD COLUMN     "trackingNumberId" TEXT,
ADD COLUMN     "trackingRule" "CallTrackingRule",
ADD COLUMN     "utmCampaign" TEXT,
ADD COLUMN     "utmContent" TEXT,
ADD COLUMN     "utmMedium" TEXT,
ADD COLUMN     "utmSource" TEXT,
ADD COLUMN     "utmTerm" TEXT,
ADD COLUMN     "yclid" TEXT;

-- CreateTable
CREATE TABLE "TrackingNumber" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "usage" "TrackingNumberUsage" NOT NULL,
    "siteId" TEXT,
    "sourceId" TEXT,
    "campaignId" TEXT,
    "leaseId" TEXT,
    "heldUntil" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackingNumber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NumberLease" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "numberId" TEXT,
    "siteId" TEXT NOT NULL,
    "visitorId" TEXT NOT NULL,
    "sessionKey" TEXT NOT NULL,
    "isFallback" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NumberLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrackingNumber_siteId_usage_heldUntil_idx" ON "TrackingNumber"("siteId", "usage", "heldUntil");

-- CreateIndex
CREATE UNIQUE INDEX "TrackingNumber_tenantId_phone_key" ON "TrackingNumber"("tenantId", "phone");

-- CreateIndex
CREATE INDEX "NumberLease_numberId_startedAt_idx" ON "NumberLease"("numberId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "NumberLease_siteId_visitorId_endsAt_idx" ON "NumberLease"("siteId", "visitorId", "endsAt" DESC);

-- CreateIndex
CREATE INDEX "NumberLease_siteId_sessionKey_endsAt_idx" ON "NumberLease"("siteId", "sessionKey", "endsAt" DESC);

-- CreateIndex
CREATE INDEX "NumberLease_siteId_startedAt_idx" ON "NumberLease"("siteId", "startedAt");

-- CreateIndex
CREATE INDEX "Call_tenantId_sourceId_startedAt_idx" ON "Call"("tenantId", "sourceId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Call_tenantId_campaignId_startedAt_idx" ON "Call"("tenantId", "campaignId", "startedAt" DESC);

-- AddForeignKey
ALTER TABLE "TrackingNumber" ADD CONSTRAINT "TrackingNumber_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingNumber" ADD CONSTRAINT "TrackingNumber_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingNumber" ADD CONSTRAINT "TrackingNumber_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrackingNumber" ADD CONSTRAINT "TrackingNumber_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "AdCampaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NumberLease" ADD CONSTRAINT "NumberLease_numberId_fkey" FOREIGN KEY ("numberId") REFERENCES "TrackingNumber"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Bounds the settings can take (docs/call-tracking.md §3, §5).
ALTER TABLE "Site" ADD CONSTRAINT "Site_poolHoldMinutes_check" CHECK ("poolHoldMinutes" BETWEEN 5 AND 120);
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_callUniqueDays_check" CHECK ("callUniqueDays" BETWEEN 1 AND 365);
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_callTargetSeconds_check" CHECK ("callTargetSeconds" BETWEEN 0 AND 3600);

-- Calls now carry traffic, so the rollup of their day changes when their crediting does
-- (docs/analytics.md §3).
DROP TRIGGER "Call_analytics_update" ON "Call";
CREATE TRIGGER "Call_analytics_update" AFTER UPDATE ON "Call"
  FOR EACH ROW WHEN (
    (OLD."startedAt", OLD."direction", OLD."channel", OLD."sourceId", OLD."campaignId", OLD."utmContent",
      OLD."utmTerm", OLD."isUniqueCall", OLD."isTargetCall")
    IS DISTINCT FROM
    (NEW."startedAt", NEW."direction", NEW."channel", NEW."sourceId", NEW."campaignId", NEW."utmContent",
      NEW."utmTerm", NEW."isUniqueCall", NEW."isTargetCall")
  ) EXECUTE FUNCTION analytics_queue_started_at_change();

-- Gives a visit its tracking number in one round trip (docs/call-tracking.md §3). In order: the
-- static number of the session's campaign or source; the pool number this visitor still holds
-- (renewed; a new visit of the same visitor takes it over); the least recently released free pool
-- number; else the site's fallback number, the grant counted once per session. A pool number is
-- leased only under its row lock and only while free (`heldUntil` passed), so no two visits ever
-- hold one number at one instant. Returns no row when the site has nothing to show.
CREATE FUNCTION lease_tracking_number(
  p_tenant text, p_site text, p_visitor text, p_session text, p_now timestamptz, p_hold interval,
  p_new_id text
) RETURNS TABLE (phone text, usage text) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_lease record;
  v_number record;
BEGIN
  SELECT n."phone" INTO v_number
  FROM "TrackerSession" s
  JOIN "TrackingNumber" n ON n."tenantId" = s."tenantId" AND n."usage" = 'static'
    AND (n."siteId" IS NULL OR n."siteId" = s."siteId")
    AND (n."campaignId" = s."campaignId" OR (n."campaignId" IS NULL AND n."sourceId" = s."sourceId"))
  WHERE s."tenantId" = p_tenant AND s."sessionKey" = p_session AND s."siteId" = p_site
  ORDER BY s."startedAt" DESC, (n."campaignId" IS NOT NULL) DESC, n."createdAt"
  LIMIT 1;
  IF FOUND THEN
    RETURN QUERY SELECT v_number."phone", 'static'::text;
    RETURN;
  END IF;

  SELECT l."id", l."numberId", l."sessionKey" INTO v_lease
  FROM "NumberLease" l
  WHERE l."siteId" = p_site AND l."visitorId" = p_visitor AND l."endsAt" > p_now AND NOT l."isFallback"
  ORDER BY l."endsAt" DESC
  LIMIT 1;
  IF FOUND THEN
    SELECT n."id", n."phone" INTO v_number
    FROM "TrackingNumber" n
    WHERE n."id" = v_lease."numberId" AND n."leaseId" = v_lease."id" AND n."heldUntil" > p_now
      AND n."usage" = 'pool' AND n."siteId" = p_site
    FOR UPDATE;
    IF FOUND THEN
      IF v_lease."sessionKey" = p_session THEN
        UPDATE "NumberLease" SET "endsAt" = p_now + p_hold WHERE "id" = v_lease."id";
      ELSE
        UPDATE "NumberLease" SET "endsAt" = p_now WHERE "id" = v_lease."id";
        INSERT INTO "NumberLease" ("id", "tenantId", "numberId", "siteId", "visitorId", "sessionKey", "startedAt", "endsAt")
        VALUES (p_new_id, p_tenant, v_number."id", p_site, p_visitor, p_session, p_now, p_now + p_hold);
        v_lease."id" := p_new_id;
      END IF;
      UPDATE "TrackingNumber" SET "leaseId" = v_lease."id", "heldUntil" = p_now + p_hold WHERE "id" = v_number."id";
      RETURN QUERY SELECT v_number."phone", 'pool'::text;
      RETURN;
    END IF;
  END IF;

  SELECT n."id", n."phone" INTO v_number
  FROM "TrackingNumber" n
  WHERE n."siteId" = p_site AND n."usage" = 'pool' AND n."heldUntil" <= p_now
  ORDER BY n."heldUntil", n."id"
  LIMIT 1
  FOR UPDATE SKIP LOCKED;
  IF FOUND THEN
    INSERT INTO "NumberLease" ("id", "tenantId", "numberId", "siteId", "visitorId", "sessionKey", "startedAt", "endsAt")
    VALUES (p_new_id, p_tenant, v_number."id", p_site, p_visitor, p_session, p_now, p_now + p_hold);
    UPDATE "TrackingNumber" SET "leaseId" = p_new_id, "heldUntil" = p_now + p_hold WHERE "id" = v_number."id";
    RETURN QUERY SELECT v_number."phone", 'pool'::text;
    RETURN;
  END IF;

  SELECT n."id", n."phone" INTO v_number
  FROM "TrackingNumber" n
  WHERE n."siteId" = p_site AND n."usage" = 'fallback'
  ORDER BY n."createdAt", n."id"
  LIMIT 1;
  -- Only a site with a pool counts exhaustion; one with just a fallback number shows it to all.
  IF EXISTS (SELECT 1 FROM "TrackingNumber" WHERE "siteId" = p_site AND "usage" = 'pool') THEN
    UPDATE "NumberLease" SET "endsAt" = p_now + p_hold
    WHERE "siteId" = p_site AND "sessionKey" = p_session AND "isFallback" AND "endsAt" > p_now;
    IF NOT FOUND THEN
      INSERT INTO "NumberLease" ("id", "tenantId", "numberId", "siteId", "visitorId", "sessionKey", "isFallback", "startedAt", "endsAt")
      VALUES (p_new_id, p_tenant, v_number."id", p_site, p_visitor, p_session, true, p_now, p_now + p_hold);
    END IF;
  END IF;
  IF v_number."phone" IS NOT NULL THEN
    RETURN QUERY SELECT v_number."phone", 'fallback'::text;
  END IF;
END;
$$;
