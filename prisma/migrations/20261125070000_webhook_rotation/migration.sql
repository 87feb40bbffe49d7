-- A replaced webhook address keeps working until "retiresAt" (reliability R4: 72 h for the owner
-- to re-paste the new one in Klientiks).
ALTER TABLE "WebhookEndpoint" ADD COLUMN "retiresAt" TIMESTAMPTZ(3);
