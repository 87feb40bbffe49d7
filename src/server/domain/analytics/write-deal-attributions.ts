import type { TDbClient } from "@/server/db/types";
import type { TDealAttribution } from "@/server/domain/analytics/attribute-deal";
import { NO_TRAFFIC_FIELDS } from "@/server/domain/analytics/communication";
import type { TStoredDealAttribution } from "@/server/domain/analytics/load-attribution-inputs";

export type TDealAttributionRow = TStoredDealAttribution & { id: string };

/** The columns of `Deal` that hold one decision of `attributeDeal` (deal-attribution §11). */
export const toStoredAttribution = (attribution: TDealAttribution): TStoredDealAttribution => ({
  attributionRule: attribution.rule,
  siteId: attribution.siteId,
  sourceId: attribution.sourceId,
  campaignId: attribution.campaignId,
  channel: attribution.channel,
  utmSource: attribution.utmSource,
  utmMedium: attribution.utmMedium,
  utmCampaign: attribution.utmCampaign,
  utmContent: attribution.utmContent,
  utmTerm: attribution.utmTerm,
  creditedLeadId: attribution.credited?.kind === "widget_lead" ? attribution.credited.id : null,
  creditedCallId: attribution.credited?.kind === "call" ? attribution.credited.id : null,
  attributionLeadSource: attribution.leadSource,
});

const STORED_KEYS = Object.keys(
  toStoredAttribution({
    ...NO_TRAFFIC_FIELDS,
    rule: "undetermined",
    credited: null,
    leadSource: null,
  }),
) as (keyof TStoredDealAttribution)[];

export const isSameAttribution = (a: TStoredDealAttribution, b: TStoredDealAttribution): boolean =>
  STORED_KEYS.every((key) => a[key] === b[key]);

/**
 * Writes the rows in one statement. The caller passes only rows that changed, and the statement
 * checks again (`IS DISTINCT FROM`) so a concurrent recompute that already wrote the same answer
 * does not touch the row: a second run writes nothing and leaves `updatedAt` as it was. Raw SQL
 * as the deal upsert it follows (decisions/0002); `updatedAt` is set as Prisma's @updatedAt would.
 * Returns how many rows changed.
 */
export async function writeDealAttributions(
  db: TDbClient,
  { tenantId, rows }: { tenantId: string; rows: readonly TDealAttributionRow[] },
): Promise<number> {
  if (rows.length === 0) return 0;
  const now = new Date();
  return db.$executeRaw`
    UPDATE "Deal" AS d SET "attributionRule" = v."attributionRule"::"DealAttributionRule", "siteId" = v."siteId", "sourceId" = v."sourceId",
      "campaignId" = v."campaignId", "channel" = v."channel"::"TrafficChannel", "utmSource" = v."utmSource", "utmMedium" = v."utmMedium",
      "utmCampaign" = v."utmCampaign", "utmContent" = v."utmContent", "utmTerm" = v."utmTerm", "creditedLeadId" = v."creditedLeadId",
      "creditedCallId" = v."creditedCallId", "attributionLeadSource" = v."attributionLeadSource", "updatedAt" = ${now}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "attributionRule" text, "siteId" text, "sourceId" text,
      "campaignId" text, "channel" text, "utmSource" text, "utmMedium" text, "utmCampaign" text, "utmContent" text, "utmTerm" text,
      "creditedLeadId" text, "creditedCallId" text, "attributionLeadSource" text)
    WHERE d."tenantId" = ${tenantId} AND d."id" = v."id"
      AND (d."attributionRule"::text, d."siteId", d."sourceId", d."campaignId", d."channel"::text, d."utmSource", d."utmMedium", d."utmCampaign",
        d."utmContent", d."utmTerm", d."creditedLeadId", d."creditedCallId", d."attributionLeadSource")
      IS DISTINCT FROM (v."attributionRule", v."siteId", v."sourceId", v."campaignId", v."channel", v."utmSource", v."utmMedium", v."utmCampaign",
        v."utmContent", v."utmTerm", v."creditedLeadId", v."creditedCallId", v."attributionLeadSource")`;
}
