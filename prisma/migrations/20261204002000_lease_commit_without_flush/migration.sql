-- A lease's commit no longer waits for the disk: every page view and heartbeat of a site with call
-- tracking writes one, and the answer waits for it (bench/README.md, bench:calltracking). A crash
-- can lose the last fraction of a second of leases; a visitor whose lease was lost gets a number
-- again on its next heartbeat (docs/call-tracking.md §3). `set_config(…, true)` lasts until the end
-- of the calling transaction, which is the statement's own when called alone.
CREATE OR REPLACE FUNCTION lease_tracking_number(
  p_tenant text, p_site text, p_visitor text, p_session text, p_now timestamptz, p_hold interval,
  p_new_id text
) RETURNS TABLE (phone text, usage text) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_lease record;
  v_number record;
BEGIN
  -- The lease's transaction commits without waiting for its WAL flush (docs/call-tracking.md §3).
  PERFORM set_config('synchronous_commit', 'off', true);

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
