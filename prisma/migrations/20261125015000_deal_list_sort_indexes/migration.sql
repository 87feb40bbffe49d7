-- The deals table orders by "<column> DESC NULLS LAST, id DESC" (find-deals.ts). An index whose
-- null placement or tie-breaker direction differs cannot feed that ORDER BY, so PostgreSQL sorted
-- every deal of the workspace for each page (1.5 to 2 s over a million deals). The Prisma schema
-- cannot express NULLS LAST, so these indexes are written by hand. The @@index lines in
-- schema.prisma name the same columns and directions, which is all that Prisma compares.

-- DropIndex
DROP INDEX "Deal_tenantId_crmCreatedAt_id_idx";

-- DropIndex
DROP INDEX "Deal_tenantId_visitStartAt_id_idx";

-- DropIndex
DROP INDEX "Deal_tenantId_stage_crmCreatedAt_idx";

-- DropIndex
DROP INDEX "Deal_tenantId_responsibleId_crmCreatedAt_idx";

-- CreateIndex
CREATE INDEX "Deal_tenantId_crmCreatedAt_id_idx" ON "Deal"("tenantId", "crmCreatedAt" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_visitStartAt_id_idx" ON "Deal"("tenantId", "visitStartAt" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_stage_crmCreatedAt_id_idx" ON "Deal"("tenantId", "stage", "crmCreatedAt" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_responsibleId_crmCreatedAt_id_idx" ON "Deal"("tenantId", "responsibleId", "crmCreatedAt" DESC NULLS LAST, "id" DESC);
