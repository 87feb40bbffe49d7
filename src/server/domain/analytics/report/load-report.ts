import { Prisma } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";

import { figureSumsSql } from "./figure-sums-sql";
import {
  FIGURE_KEYS,
  splitFigureSums,
  type TFigureSums,
  type TReportFigures,
} from "./report-figures";
import { previousPeriod, type TReportPeriod } from "./report-period";

export type TReportLevel = "total" | "channel" | "source" | "campaign";

/** One row of the grouped report; "" in a key means none (no channel, source or campaign). */
export type TReportRow = {
  level: TReportLevel;
  channel: string;
  sourceId: string;
  campaignId: string;
  current: TReportFigures;
  previous: TReportFigures;
};

export type TDailyFigures = {
  day: string;
  channel: string;
  communications: number;
  revenueMinor: number;
};

export type TAnalyticsReport = {
  period: TReportPeriod;
  previousPeriod: TReportPeriod;
  rows: TReportRow[];
  daily: TDailyFigures[];
};

/** GROUPING(channel, sourceId, campaignId) of each grouping set (docs/analytics.md §5). */
const LEVEL_BY_GROUPING: Record<number, TReportLevel> = {
  7: "total",
  3: "channel",
  1: "source",
  0: "campaign",
};

/**
 * The report of a period and the one before it, from the daily rollups (docs/analytics.md §5): the
 * figures per channel → source → campaign with every level's sums and the total, plus costs shared
 * out by days when the viewer may see them (docs/analytics-costs.md), and the daily series.
 */
export async function loadAnalyticsReport(
  db: TDbClient,
  {
    tenantId,
    period,
    showsCosts,
  }: { tenantId: string; period: TReportPeriod; showsCosts: boolean },
): Promise<TAnalyticsReport> {
  const previous = previousPeriod(period);
  const [rows, daily] = await Promise.all([
    db.$queryRaw<
      (TFigureSums & TRowKey & { grouping: number; cost: number | null; p_cost: number | null })[]
    >`
      WITH figures AS (
        SELECT "channel", "sourceId", "campaignId", ${figureSumsSql(period, previous)}
        FROM "AnalyticsDay"
        WHERE "tenantId" = ${tenantId} AND "day" BETWEEN ${previous.from}::date AND ${period.to}::date
        GROUP BY 1, 2, 3
      ), costs AS (
        SELECT s."channel"::text AS "channel", a."sourceId", a."id" AS "campaignId",
          ${costShareSql(period)} AS "cost", ${costShareSql(previous)} AS "p_cost"
        FROM "AdCost" c
        JOIN "AdCampaign" a ON a."id" = c."campaignId" AND a."tenantId" = c."tenantId"
        JOIN "Source" s ON s."id" = a."sourceId" AND s."tenantId" = a."tenantId"
        WHERE c."tenantId" = ${tenantId} AND ${showsCosts}
          AND c."periodStart" <= ${period.to}::date AND c."periodEnd" >= ${previous.from}::date
        GROUP BY 1, 2, 3
      )
      SELECT "channel", "sourceId", "campaignId", GROUPING("channel", "sourceId", "campaignId")::int AS "grouping",
        ${levelSumsSql()},
        CASE WHEN ${showsCosts} THEN round(coalesce(sum(k."cost"), 0))::float8 END AS "cost",
        CASE WHEN ${showsCosts} THEN round(coalesce(sum(k."p_cost"), 0))::float8 END AS "p_cost"
      FROM figures f FULL JOIN costs k USING ("channel", "sourceId", "campaignId")
      GROUP BY GROUPING SETS ((), ("channel"), ("channel", "sourceId"), ("channel", "sourceId", "campaignId"))`,
    db.$queryRaw<TDailyFigures[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", "channel",
        sum("bookings" + "calls")::int AS "communications", sum("revenueMinor")::float8 AS "revenueMinor"
      FROM "AnalyticsDay"
      WHERE "tenantId" = ${tenantId} AND "day" BETWEEN ${period.from}::date AND ${period.to}::date
      GROUP BY "day", "channel" ORDER BY "day", "channel"`,
  ]);
  return {
    period,
    previousPeriod: previous,
    rows: rows.map((row) => ({
      level: LEVEL_BY_GROUPING[row.grouping] ?? "campaign",
      channel: row.channel ?? "",
      sourceId: row.sourceId ?? "",
      campaignId: row.campaignId ?? "",
      ...splitFigureSums(row),
    })),
    daily,
  };
}

type TRowKey = { channel: string | null; sourceId: string | null; campaignId: string | null };

/** A grouping level's sums of the per-campaign sums, `figures` possibly missing (costs only). */
const levelSumsSql = () =>
  Prisma.join(
    FIGURE_KEYS.flatMap((key) => {
      const type = Prisma.raw(key === "revenueMinor" ? "float8" : "int");
      return [key, `p_${key}`].map(
        (column) =>
          Prisma.sql`coalesce(sum(f.${Prisma.raw(`"${column}"`)}), 0)::${type} AS ${Prisma.raw(`"${column}"`)}`,
      );
    }),
    ", ",
  );

/** The share of each cost that falls inside the period: its amount × days inside ÷ its days. */
const costShareSql = ({ from, to }: TReportPeriod) => Prisma.sql`
  sum(c."amountMinor"::numeric
    * greatest(0, least(c."periodEnd", ${to}::date) - greatest(c."periodStart", ${from}::date) + 1)
    / (c."periodEnd" - c."periodStart" + 1))`;
