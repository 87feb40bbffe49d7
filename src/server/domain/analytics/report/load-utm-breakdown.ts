import type { TDbClient } from "@/server/db/types";

import { figureSumsSql } from "./figure-sums-sql";
import { splitFigureSums, type TFigureSums, type TReportFigures } from "./report-figures";
import { previousPeriod, type TReportPeriod } from "./report-period";

export type TUtmRow = {
  utmContent: string;
  utmTerm: string;
  current: TReportFigures;
  previous: TReportFigures;
};

/**
 * One campaign row opened: its figures by UTM content and term (docs/analytics.md §5). Costs are
 * entered per campaign, so this level has none.
 */
export async function loadUtmBreakdown(
  db: TDbClient,
  {
    tenantId,
    period,
    channel,
    sourceId,
    campaignId,
  }: {
    tenantId: string;
    period: TReportPeriod;
    channel: string;
    sourceId: string;
    campaignId: string;
  },
): Promise<TUtmRow[]> {
  const previous = previousPeriod(period);
  const rows = await db.$queryRaw<(TFigureSums & { utmContent: string; utmTerm: string })[]>`
    SELECT "utmContent", "utmTerm", ${figureSumsSql(period, previous)}
    FROM "AnalyticsDayUtm"
    WHERE "tenantId" = ${tenantId} AND "channel" = ${channel} AND "sourceId" = ${sourceId}
      AND "campaignId" = ${campaignId} AND "day" BETWEEN ${previous.from}::date AND ${period.to}::date
    GROUP BY 1, 2
    ORDER BY 1, 2`;
  return rows.map(({ utmContent, utmTerm, ...sums }) => ({
    utmContent,
    utmTerm,
    ...splitFigureSums({ ...sums, cost: null, p_cost: null }),
  }));
}
