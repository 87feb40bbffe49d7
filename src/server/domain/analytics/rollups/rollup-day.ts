import type { TDbClient } from "@/server/db/types";

/**
 * Rebuilds one local day of a workspace's rollups from the raw rows (docs/analytics.md §3): the
 * day's visits, bookings, incoming calls and deals, each counted on its own day by the column the
 * raw tables filter it by, so a figure and the filtered rows behind it always agree. Empty strings
 * stand for "none" in the key. The caller holds the day's advisory lock.
 */
export async function rollUpDay(
  db: TDbClient,
  { tenantId, day, timeZone }: { tenantId: string; day: string; timeZone: string },
): Promise<void> {
  // The planner sees the day's real bounds (not a CTE it estimates at a third of the table), and no
  // JIT: compiling the plan took three times longer than running it (bench:analytics).
  await db.$executeRaw`SET LOCAL jit = off`;
  const [bounds] = await db.$queryRaw<{ startAt: Date; endAt: Date }[]>`
    SELECT (${day}::date::timestamp AT TIME ZONE ${timeZone}) AS "startAt",
           ((${day}::date + 1)::timestamp AT TIME ZONE ${timeZone}) AS "endAt"`;
  if (!bounds) return;
  const { startAt, endAt } = bounds;
  await db.$executeRaw`DELETE FROM "AnalyticsDayUtm" WHERE "tenantId" = ${tenantId} AND "day" = ${day}::date`;
  await db.$executeRaw`DELETE FROM "AnalyticsDay" WHERE "tenantId" = ${tenantId} AND "day" = ${day}::date`;
  await db.$executeRaw`
    WITH facts AS (
      SELECT s."channel"::text AS channel, s."sourceId", s."campaignId", s."utmContent", s."utmTerm",
        1 AS visits, 0 AS bookings, 0 AS calls, 0 AS new_clients, 0 AS deals, 0 AS won, 0 AS lost, 0::bigint AS revenue
      FROM "TrackerSession" s
      WHERE s."tenantId" = ${tenantId} AND s."startedAt" >= ${startAt} AND s."startedAt" < ${endAt}
      UNION ALL
      SELECT l."channel"::text, l."sourceId", l."campaignId", l."utmContent", l."utmTerm", 0, 1, 0, 0, 0, 0, 0, 0
      FROM "Lead" l
      WHERE l."tenantId" = ${tenantId} AND l."crmCreatedAt" >= ${startAt} AND l."crmCreatedAt" < ${endAt}
      UNION ALL
      SELECT c."channel"::text, c."sourceId", c."campaignId", c."utmContent", c."utmTerm", 0, 0, 1, 0, 0, 0, 0, 0
      FROM "Call" c
      WHERE c."tenantId" = ${tenantId} AND c."direction" = 'incoming'
        AND c."startedAt" >= ${startAt} AND c."startedAt" < ${endAt}
      UNION ALL
      SELECT d."channel"::text, d."sourceId", d."campaignId", d."utmContent", d."utmTerm", 0, 0, 0,
        (d."clientId" IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM "Deal" e
          WHERE e."tenantId" = d."tenantId" AND e."clientId" = d."clientId"
            AND (e."crmCreatedAt", e."id") < (d."crmCreatedAt", d."id")
        ))::int,
        1, (d."stageGroup" = 'won')::int, (d."stageGroup" = 'lost')::int,
        CASE WHEN d."stageGroup" = 'won' THEN d."amountMinor"::bigint ELSE 0 END
      FROM "Deal" d
      WHERE d."tenantId" = ${tenantId} AND d."crmCreatedAt" >= ${startAt} AND d."crmCreatedAt" < ${endAt}
    )
    INSERT INTO "AnalyticsDayUtm" ("tenantId", "channel", "sourceId", "campaignId", "day", "utmContent", "utmTerm",
      "visits", "bookings", "calls", "newClients", "deals", "wonDeals", "lostDeals", "revenueMinor")
    SELECT ${tenantId}, coalesce(channel, ''), coalesce("sourceId", ''), coalesce("campaignId", ''), ${day}::date,
      coalesce("utmContent", ''), coalesce("utmTerm", ''), sum(visits), sum(bookings), sum(calls), sum(new_clients),
      sum(deals), sum(won), sum(lost), sum(revenue)
    FROM facts GROUP BY 2, 3, 4, 6, 7`;
  await db.$executeRaw`
    INSERT INTO "AnalyticsDay" ("tenantId", "day", "channel", "sourceId", "campaignId", "visits", "bookings", "calls",
      "newClients", "deals", "wonDeals", "lostDeals", "revenueMinor")
    SELECT "tenantId", "day", "channel", "sourceId", "campaignId", sum("visits"), sum("bookings"), sum("calls"),
      sum("newClients"), sum("deals"), sum("wonDeals"), sum("lostDeals"), sum("revenueMinor")
    FROM "AnalyticsDayUtm" WHERE "tenantId" = ${tenantId} AND "day" = ${day}::date
    GROUP BY "tenantId", "day", "channel", "sourceId", "campaignId"`;
}
