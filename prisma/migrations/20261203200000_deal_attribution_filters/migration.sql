-- Raw data → Deals filters by source, campaign and channel (find-deals.ts), and the analytics
-- report links its rows there. Without these the list walked the workspace's whole
-- (tenantId, crmCreatedAt, id) index to find a rare source's deals, and its capped count too.
-- Written by hand for NULLS LAST, as in 20261125015000_deal_list_sort_indexes: the list orders by
-- "crmCreatedAt DESC NULLS LAST, id DESC". A filter on «none» (IS NULL) uses the same indexes.

-- CreateIndex
CREATE INDEX "Deal_tenantId_sourceId_crmCreatedAt_id_idx" ON "Deal"("tenantId", "sourceId", "crmCreatedAt" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_campaignId_crmCreatedAt_id_idx" ON "Deal"("tenantId", "campaignId", "crmCreatedAt" DESC NULLS LAST, "id" DESC);

-- CreateIndex
CREATE INDEX "Deal_tenantId_channel_crmCreatedAt_id_idx" ON "Deal"("tenantId", "channel", "crmCreatedAt" DESC NULLS LAST, "id" DESC);
