-- CreateEnum
CREATE TYPE "ConnectionKind" AS ENUM ('klientiks');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('inactive', 'active', 'needs_attention');

-- CreateEnum
CREATE TYPE "WebhookPurpose" AS ENUM ('deals', 'widget');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'processing', 'processed', 'failed', 'rejected');

-- CreateEnum
CREATE TYPE "DeliverySource" AS ENUM ('webhook', 'reconcile', 'backfill', 'replay');

-- CreateEnum
CREATE TYPE "StageGroup" AS ENUM ('in_work', 'won', 'lost');

-- CreateEnum
CREATE TYPE "SubscriptionPayment" AS ENUM ('none', 'partial', 'full');

-- CreateEnum
CREATE TYPE "BackfillStatus" AS ENUM ('running', 'completed', 'failed');

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "ConnectionKind" NOT NULL,
    "name" TEXT NOT NULL,
    "credentials" TEXT NOT NULL,
    "credentialsHint" TEXT NOT NULL,
    "externalAccount" TEXT NOT NULL,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'inactive',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "reconcileCursor" TIMESTAMPTZ(3),
    "lastReconcileAt" TIMESTAMPTZ(3),
    "lastSyncAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "purpose" "WebhookPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenCiphertext" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "endpointId" TEXT,
    "purpose" "WebhookPurpose" NOT NULL,
    "source" "DeliverySource" NOT NULL DEFAULT 'webhook',
    "dedupeKey" TEXT NOT NULL,
    "appointmentId" TEXT,
    "statusHint" TEXT,
    "method" TEXT NOT NULL,
    "query" JSONB NOT NULL DEFAULT '{}',
    "headers" JSONB NOT NULL DEFAULT '{}',
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "errorCode" TEXT,
    "error" TEXT,
    "processedAt" TIMESTAMPTZ(3),
    "dealId" TEXT,
    "batchId" TEXT,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deal" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "stageGroup" "StageGroup" NOT NULL,
    "stageOrder" INTEGER NOT NULL,
    "visitStartAt" TIMESTAMPTZ(3),
    "visitEndAt" TIMESTAMPTZ(3),
    "crmCreatedAt" TIMESTAMPTZ(3),
    "crmModifiedAt" TIMESTAMPTZ(3),
    "isSale" BOOLEAN NOT NULL DEFAULT false,
    "isOnlineBooking" BOOLEAN NOT NULL DEFAULT false,
    "paidBySubscription" "SubscriptionPayment" NOT NULL DEFAULT 'none',
    "responsibleId" TEXT,
    "responsibleName" TEXT,
    "responsibleKind" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "contacts" JSONB NOT NULL DEFAULT '[]',
    "services" JSONB NOT NULL DEFAULT '[]',
    "customFields" JSONB NOT NULL DEFAULT '{}',
    "raw" JSONB NOT NULL DEFAULT '{}',
    "searchText" TEXT NOT NULL DEFAULT '',
    "missingInSource" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealStageChange" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveryId" TEXT,

    CONSTRAINT "DealStageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrmReference" (
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrmReference_pkey" PRIMARY KEY ("connectionId","kind","externalId")
);

-- CreateTable
CREATE TABLE "BackfillJob" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "status" "BackfillStatus" NOT NULL DEFAULT 'running',
    "listed" INTEGER NOT NULL DEFAULT 0,
    "enumeratedAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackfillJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Connection_tenantId_status_idx" ON "Connection"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_tenantId_kind_key" ON "Connection"("tenantId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_tokenHash_key" ON "WebhookEndpoint"("tokenHash");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_tenantId_connectionId_purpose_idx" ON "WebhookEndpoint"("tenantId", "connectionId", "purpose");

-- CreateIndex
CREATE INDEX "WebhookDelivery_tenantId_receivedAt_idx" ON "WebhookDelivery"("tenantId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_tenantId_status_receivedAt_idx" ON "WebhookDelivery"("tenantId", "status", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_tenantId_batchId_status_idx" ON "WebhookDelivery"("tenantId", "batchId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_tenantId_dedupeKey_key" ON "WebhookDelivery"("tenantId", "dedupeKey");

-- CreateIndex
CREATE INDEX "Deal_tenantId_crmCreatedAt_id_idx" ON "Deal"("tenantId", "crmCreatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Deal_tenantId_visitStartAt_id_idx" ON "Deal"("tenantId", "visitStartAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Deal_tenantId_updatedAt_idx" ON "Deal"("tenantId", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_stage_crmCreatedAt_idx" ON "Deal"("tenantId", "stage", "crmCreatedAt" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_responsibleId_crmCreatedAt_idx" ON "Deal"("tenantId", "responsibleId", "crmCreatedAt" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_amountMinor_idx" ON "Deal"("tenantId", "amountMinor");

-- CreateIndex
CREATE UNIQUE INDEX "Deal_tenantId_externalId_key" ON "Deal"("tenantId", "externalId");

-- CreateIndex
CREATE INDEX "DealStageChange_tenantId_dealId_at_idx" ON "DealStageChange"("tenantId", "dealId", "at");

-- CreateIndex
CREATE INDEX "CrmReference_tenantId_connectionId_kind_idx" ON "CrmReference"("tenantId", "connectionId", "kind");

-- CreateIndex
CREATE INDEX "BackfillJob_tenantId_connectionId_startedAt_idx" ON "BackfillJob"("tenantId", "connectionId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "BackfillJob_status_idx" ON "BackfillJob"("status");

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealStageChange" ADD CONSTRAINT "DealStageChange_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmReference" ADD CONSTRAINT "CrmReference_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BackfillJob" ADD CONSTRAINT "BackfillJob_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
