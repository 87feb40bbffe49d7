import type pg from "pg";

import type { TAnalyticsReport } from "@/server/domain/analytics/report/load-report";

const FIGURES = [
  "visits",
  "bookings",
  "calls",
  "newClients",
  "deals",
  "wonDeals",
  "lostDeals",
  "revenueMinor",
] as const;

type TRecountRow = Record<(typeof FIGURES)[number], number> & {
  channel: string;
  sourceId: string;
  campaignId: string;
};

/**
 * Counts the report's figures again straight from the raw rows, with SQL written apart from the
 * rollups' (docs/analytics.md §2 is the only thing the two share), per campaign row and for the
 * total, in both the period and its comparison period. Returns how many figures differ.
 */
export async function countReportMismatches(
  sql: pg.Client,
  report: TAnalyticsReport,
  { tenantId, timeZone }: { tenantId: string; timeZone: string },
): Promise<number> {
  let mismatches = 0;
  for (const [period, side] of [
    [report.period, "current"],
    [report.previousPeriod, "previous"],
  ] as const) {
    const recount = await recountPeriod(sql, { tenantId, timeZone, ...period });
    const reported = report.rows.filter((row) => row.level === "campaign");
    const key = (row: { channel: string; sourceId: string; campaignId: string }) =>
      `${row.channel}|${row.sourceId}|${row.campaignId}`;
    const reportedByKey = new Map(reported.map((row) => [key(row), row[side]]));
    for (const row of recount) {
      const figures = reportedByKey.get(key(row));
      reportedByKey.delete(key(row));
      for (const figure of FIGURES) if (figures?.[figure] !== row[figure]) mismatches += 1;
    }
    // A reported group the raw rows do not have is a mismatch unless all its figures are zero (a
    // campaign with a cost and no rows).
    for (const figures of reportedByKey.values())
      for (const figure of FIGURES) if (figures[figure] !== 0) mismatches += 1;
    const total = report.rows.find((row) => row.level === "total")?.[side];
    for (const figure of FIGURES) {
      const sum = recount.reduce((acc, row) => acc + row[figure], 0);
      if (total?.[figure] !== sum) mismatches += 1;
    }
  }
  return mismatches;
}

async function recountPeriod(
  sql: pg.Client,
  params: { tenantId: string; timeZone: string; from: string; to: string },
): Promise<TRecountRow[]> {
  const { rows } = await sql.query<TRecountRow>(
    `WITH span AS (SELECT ($3::date::timestamp AT TIME ZONE $2) AS lo, (($4::date + 1)::timestamp AT TIME ZONE $2) AS hi),
     first_deal AS (
       SELECT DISTINCT ON ("clientId") "id" FROM "Deal"
       WHERE "tenantId" = $1 AND "clientId" IS NOT NULL AND "crmCreatedAt" IS NOT NULL
       ORDER BY "clientId", "crmCreatedAt", "id"),
     counted AS (
       SELECT "channel"::text AS channel, "sourceId", "campaignId", 'visits' AS figure, 1::bigint AS n
       FROM "TrackerSession", span WHERE "tenantId" = $1 AND "startedAt" >= lo AND "startedAt" < hi
       UNION ALL SELECT "channel"::text, "sourceId", "campaignId", 'bookings', 1
       FROM "Lead", span WHERE "tenantId" = $1 AND "crmCreatedAt" >= lo AND "crmCreatedAt" < hi
       UNION ALL SELECT NULL, NULL, NULL, 'calls', 1
       FROM "Call", span WHERE "tenantId" = $1 AND "direction" = 'incoming' AND "startedAt" >= lo AND "startedAt" < hi
       UNION ALL SELECT d."channel"::text, d."sourceId", d."campaignId", f.figure, f.n
       FROM "Deal" d CROSS JOIN span
       LEFT JOIN first_deal ON first_deal."id" = d."id"
       CROSS JOIN LATERAL (VALUES ('deals', 1::bigint),
         (CASE d."stageGroup" WHEN 'won' THEN 'wonDeals' WHEN 'lost' THEN 'lostDeals' END, 1),
         (CASE WHEN d."stageGroup" = 'won' THEN 'revenueMinor' END, d."amountMinor"::bigint),
         (CASE WHEN first_deal."id" IS NOT NULL THEN 'newClients' END, 1)) AS f(figure, n)
       WHERE d."tenantId" = $1 AND d."crmCreatedAt" >= lo AND d."crmCreatedAt" < hi AND f.figure IS NOT NULL)
     SELECT coalesce(channel, '') AS channel, coalesce("sourceId", '') AS "sourceId", coalesce("campaignId", '') AS "campaignId",
       ${FIGURES.map((figure) => `coalesce(sum(n) FILTER (WHERE figure = '${figure}'), 0)::float8 AS "${figure}"`).join(", ")}
     FROM counted GROUP BY 1, 2, 3`,
    [params.tenantId, params.timeZone, params.from, params.to],
  );
  return rows;
}
