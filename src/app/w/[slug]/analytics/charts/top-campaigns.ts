import { deriveReportMetrics } from "@/lib/report-metrics";

import type { TReportRow } from "../analytics-types";

export type TRankedCampaign = { row: TReportRow; value: number };

/** How many campaigns a top chart shows: enough to compare, few enough to read on a phone. */
export const TOP_CAMPAIGNS = 5;

/** By code units, not localeCompare, whose order would vary with the viewer's locale. */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Equal values keep one order on every render and for every viewer: by the campaign's key. At the
 * cut, the first N in that order stay, so a chart never grows past N bars.
 */
const byValueThenKey = (a: TRankedCampaign, b: TRankedCampaign) =>
  b.value - a.value ||
  compareKeys(a.row.channel, b.row.channel) ||
  compareKeys(a.row.sourceId, b.row.sourceId) ||
  compareKeys(a.row.campaignId, b.row.campaignId);

function topCampaigns(
  rows: TReportRow[],
  valueOf: (row: TReportRow) => number | null,
  limit: number,
): TRankedCampaign[] {
  return rows
    .filter((row) => row.level === "campaign")
    .flatMap((row) => {
      const value = valueOf(row);
      return value === null ? [] : [{ row, value }];
    })
    .sort(byValueThenKey)
    .slice(0, limit);
}

/** Campaigns that brought revenue in the period, the most first. */
export const topCampaignsByRevenue = (rows: TReportRow[], limit = TOP_CAMPAIGNS) =>
  topCampaigns(
    rows,
    ({ current }) => (current.revenueMinor > 0 ? current.revenueMinor : null),
    limit,
  );

/**
 * Campaigns with a cost in the period by ROMI (a fraction, negative when they lost money). Without
 * a cost ROMI is undefined, and a viewer who may not see costs gets none (cost null).
 */
export const topCampaignsByRomi = (rows: TReportRow[], limit = TOP_CAMPAIGNS) =>
  topCampaigns(
    rows,
    ({ current }) =>
      current.costMinor !== null && current.costMinor > 0
        ? deriveReportMetrics(current).romi
        : null,
    limit,
  );
