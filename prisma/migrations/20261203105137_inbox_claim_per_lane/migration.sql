-- The claim takes due rows per tenant and lane (docs/inbox-worker.md): the purpose joins the key.
-- DropIndex
DROP INDEX "WebhookDelivery_status_tenantId_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_tenantId_purpose_nextAttemptAt_idx" ON "WebhookDelivery"("status", "tenantId", "purpose", "nextAttemptAt");
