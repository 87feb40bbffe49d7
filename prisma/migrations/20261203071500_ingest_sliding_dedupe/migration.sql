-- Klientiks webhook deliveries are stored by one call of this function per group-committed batch
-- (src/server/domain/webhooks/receive-klientiks-webhook.ts, docs/webhook-inbox.md).
--
-- Deduplication is a sliding window: a delivery whose content (endpoint, appointment, status: the
-- content key, a SHA-256 in hex) equals that of a stored delivery received less than "windowMs"
-- before or after it is not stored, and the caller gets the id of the stored one, unless a delivery
-- of the same appointment with another status came between the two: scheduled, cancelled, scheduled
-- within a second are three status changes, and the stage history shows all three.
-- It replaces fixed 10-second buckets, which stored the same webhook twice when two copies straddled a bucket edge.
--
-- The "dedupeKey" of a webhook row is its content key, an at sign, and its receivedAt in epoch
-- milliseconds (13 digits), so the existing unique index ("tenantId", "dedupeKey") keeps the
-- deliveries of one content in time order and the window is a range scan on it. Rejected
-- rows keep their own id as key.
CREATE FUNCTION "insert_webhook_deliveries"(
  "deliveryIds" text[], "endpointIds" text[], "contentKeys" text[], "appointmentIds" text[], "statusHints" text[],
  "methods" text[], "queries" text[], "headerSets" text[], "receivedAts" timestamptz[], "errorCodes" text[], "windowMs" integer)
RETURNS TABLE ("inputId" text, "tenantId" text, "connectionId" text, "deliveryId" text, "isInserted" boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  lock_ids bigint[];
  i integer;
  endpoint record;
  checked_endpoint_id text;
  is_live boolean := false;
  received_ms bigint;
  original_id text;
BEGIN
  -- Batches of other processes carrying deliveries of the same appointment wait here for the commit
  -- of the other, taking the locks in one order (unnest keeps the sorted order) so that two batches
  -- never deadlock. Each statement below takes a fresh snapshot, so it sees what the batch it waited
  -- for committed.
  SELECT array_agg(keys.h ORDER BY keys.h) INTO lock_ids
  FROM (SELECT DISTINCT hashtextextended(u.e || '|' || u.a, 0) AS h
    FROM unnest("endpointIds", "appointmentIds", "contentKeys") AS u(e, a, k) WHERE u.k IS NOT NULL) AS keys;
  PERFORM pg_advisory_xact_lock(h) FROM unnest(lock_ids) AS h;

  -- In arrival order, so that identical deliveries of one batch collapse exactly as if they had come
  -- one after the other.
  FOR i IN 1 .. coalesce(array_length("deliveryIds", 1), 0) LOOP
    "inputId" := "deliveryIds"[i];
    -- The endpoint must still accept webhooks when the delivery arrived: not revoked, not retired,
    -- its connection not switched off (the cached lookup of the caller may be stale). A batch
    -- usually holds many deliveries of one endpoint: it is looked up again only when it changes.
    IF checked_endpoint_id IS DISTINCT FROM "endpointIds"[i] THEN
      checked_endpoint_id := "endpointIds"[i];
      SELECT e."id", e."tenantId", e."connectionId", e."purpose", e."retiresAt" INTO endpoint
      FROM "WebhookEndpoint" AS e JOIN "Connection" AS c ON c."id" = e."connectionId" AND c."status" <> 'inactive'
      WHERE e."id" = "endpointIds"[i] AND e."revokedAt" IS NULL;
      is_live := FOUND;
    END IF;
    IF NOT is_live OR endpoint."retiresAt" <= "receivedAts"[i] THEN
      "tenantId" := NULL; "connectionId" := NULL; "deliveryId" := NULL; "isInserted" := false;
      RETURN NEXT;
      CONTINUE;
    END IF;
    "tenantId" := endpoint."tenantId";
    "connectionId" := endpoint."connectionId";

    received_ms := floor(extract(epoch FROM "receivedAts"[i]) * 1000)::bigint;
    original_id := NULL;
    IF "contentKeys"[i] IS NOT NULL THEN
      SELECT d."id" INTO original_id
      FROM "WebhookDelivery" AS d
      WHERE d."tenantId" = endpoint."tenantId"
        AND d."dedupeKey" > "contentKeys"[i] || '@' || lpad((received_ms - "windowMs")::text, 13, '0')
        AND d."dedupeKey" < "contentKeys"[i] || '@' || lpad((received_ms + "windowMs")::text, 13, '0')
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" AS other
          WHERE other."tenantId" = endpoint."tenantId" AND other."endpointId" = endpoint."id"
            AND other."appointmentId" = "appointmentIds"[i] AND other."status" <> 'rejected'
            AND other."statusHint" IS DISTINCT FROM "statusHints"[i]
            AND other."receivedAt" > least(d."receivedAt", "receivedAts"[i])
            AND other."receivedAt" < greatest(d."receivedAt", "receivedAts"[i]))
      ORDER BY d."dedupeKey"
      LIMIT 1;
    END IF;
    IF original_id IS NOT NULL THEN
      "deliveryId" := original_id; "isInserted" := false;
      RETURN NEXT;
      CONTINUE;
    END IF;

    INSERT INTO "WebhookDelivery" ("id", "tenantId", "connectionId", "endpointId", "purpose", "dedupeKey", "appointmentId", "statusHint",
      "method", "query", "headers", "receivedAt", "nextAttemptAt", "status", "errorCode", "processedAt")
    VALUES ("deliveryIds"[i], endpoint."tenantId", endpoint."connectionId", endpoint."id", endpoint."purpose",
      coalesce("contentKeys"[i] || '@' || lpad(received_ms::text, 13, '0'), "deliveryIds"[i]),
      "appointmentIds"[i], "statusHints"[i], "methods"[i], "queries"[i]::jsonb, "headerSets"[i]::jsonb, "receivedAts"[i], "receivedAts"[i],
      (CASE WHEN "errorCodes"[i] IS NULL THEN 'pending' ELSE 'rejected' END)::"DeliveryStatus", "errorCodes"[i],
      CASE WHEN "errorCodes"[i] IS NULL THEN NULL ELSE "receivedAts"[i] END);
    "deliveryId" := "deliveryIds"[i]; "isInserted" := true;
    RETURN NEXT;
  END LOOP;
END
$$;
