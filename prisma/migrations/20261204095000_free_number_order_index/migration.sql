-- The free pool number released longest ago is picked `ORDER BY "heldUntil", "id" LIMIT 1`
-- (lease_tracking_number). Without "id" in the index PostgreSQL read and sorted every free number
-- of the pool for each new lease: 7.5 ms on a pool of 10,000, 0.1 ms with it (bench:calltracking).
DROP INDEX "TrackingNumber_siteId_usage_heldUntil_idx";
CREATE INDEX "TrackingNumber_siteId_usage_heldUntil_id_idx" ON "TrackingNumber"("siteId", "usage", "heldUntil", "id");
