-- CreateTable
CREATE TABLE "DealStatusReport" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "dealId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "deliveryId" TEXT,

    CONSTRAINT "DealStatusReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DealRecomputeJob" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "status" "BackfillStatus" NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DealRecomputeJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DealStatusReport_tenantId_dealId_reportedAt_idx" ON "DealStatusReport"("tenantId", "dealId", "reportedAt");

-- CreateIndex
CREATE INDEX "DealRecomputeJob_tenantId_connectionId_startedAt_idx" ON "DealRecomputeJob"("tenantId", "connectionId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "DealRecomputeJob_status_idx" ON "DealRecomputeJob"("status");

-- AddForeignKey
ALTER TABLE "DealStatusReport" ADD CONSTRAINT "DealStatusReport_dealId_fkey" FOREIGN KEY ("dealId") REFERENCES "Deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DealRecomputeJob" ADD CONSTRAINT "DealRecomputeJob_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The stage history recorded so far becomes the reports the history is now derived from: each
-- recorded change is a status reported at its time (docs/deal-stage-history.md).
INSERT INTO "DealStatusReport" ("id", "tenantId", "dealId", "status", "reportedAt", "deliveryId")
SELECT 'dsr_' || substring("id" from 5), "tenantId", "dealId", "toStatus", "at", "deliveryId" FROM "DealStageChange";
