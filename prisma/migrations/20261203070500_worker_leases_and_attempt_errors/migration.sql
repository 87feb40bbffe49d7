-- The inbox worker claims per tenant (issue 8 A2): find tenants with pending work, each tenant's
-- due rows in order, and the rows in flight per tenant, all from one index.
DROP INDEX "WebhookDelivery_status_nextAttemptAt_idx";
CREATE INDEX "WebhookDelivery_status_tenantId_nextAttemptAt_idx" ON "WebhookDelivery"("status", "tenantId", "nextAttemptAt");

-- Every failed processing attempt, kept after a successful retry for the sync panel (issue 8 A8).
CREATE TABLE "DeliveryAttemptError" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "errorCode" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "willRetry" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeliveryAttemptError_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "DeliveryAttemptError_tenantId_connectionId_at_idx" ON "DeliveryAttemptError"("tenantId", "connectionId", "at" DESC);
CREATE INDEX "DeliveryAttemptError_tenantId_deliveryId_attempt_idx" ON "DeliveryAttemptError"("tenantId", "deliveryId", "attempt");

ALTER TABLE "DeliveryAttemptError" ADD CONSTRAINT "DeliveryAttemptError_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
