import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { rollUpDay } from "@/server/domain/analytics/rollups/rollup-day";

type TClaimedChange = { tenantId: string; at: Date | null; timeZone: string };

/**
 * Brings stale rollup days up to date (docs/analytics.md §4), one day per transaction: take the
 * oldest queued change, lock its day, claim every change queued for that day, rebuild the day.
 * A change committed after the claim stays queued for the next round; a crash rolls the claim back.
 * With `tenantId`, only that workspace's days (the report does this before it reads). Returns the
 * number of days rebuilt.
 */
export async function refreshAnalyticsRollups(
  db: TDb,
  { tenantId = null, maxDays }: { tenantId?: string | null; maxDays: number },
): Promise<number> {
  let rebuilt = 0;
  while (rebuilt < maxDays) {
    const outcome = await db.$transaction((tx) => refreshOldestDay(tx, tenantId), {
      timeout: 60_000,
    });
    if (outcome === "empty") break;
    if (outcome === "day") rebuilt += 1;
  }
  return rebuilt;
}

async function refreshOldestDay(
  tx: TDbClient,
  tenantId: string | null,
): Promise<"empty" | "day" | "expanded"> {
  const [change] = await tx.$queryRaw<(TClaimedChange & { id: bigint; day: string | null })[]>`
    SELECT c."id", c."tenantId", c."at", t."timezone" AS "timeZone",
      to_char((c."at" AT TIME ZONE t."timezone")::date, 'YYYY-MM-DD') AS "day"
    FROM "AnalyticsChange" c JOIN "Tenant" t ON t."id" = c."tenantId"
    WHERE (${tenantId}::text IS NULL OR c."tenantId" = ${tenantId})
    ORDER BY c."id" LIMIT 1 FOR UPDATE OF c SKIP LOCKED`;
  if (!change) return "empty";
  const { day } = change;
  if (day === null) {
    await queueEveryDay(tx, change);
    await tx.$executeRaw`DELETE FROM "AnalyticsChange" WHERE "id" = ${change.id}`;
    return "expanded";
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`analytics:${change.tenantId}:${day}`}, 0))`;
  await tx.$executeRaw`
    DELETE FROM "AnalyticsChange" WHERE "id" IN (
      SELECT "id" FROM "AnalyticsChange"
      WHERE "tenantId" = ${change.tenantId}
        AND "at" >= (${day}::date::timestamp AT TIME ZONE ${change.timeZone})
        AND "at" < ((${day}::date + 1)::timestamp AT TIME ZONE ${change.timeZone})
      FOR UPDATE SKIP LOCKED)`;
  await rollUpDay(tx, { tenantId: change.tenantId, day, timeZone: change.timeZone });
  return "day";
}

/** A new time zone moves every day's bounds: every day with rows or rollups is queued again. */
async function queueEveryDay(tx: TDbClient, { tenantId, timeZone }: TClaimedChange): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "AnalyticsChange" ("tenantId", "at")
    SELECT ${tenantId}, (day::timestamp AT TIME ZONE ${timeZone}) FROM (
      SELECT ("startedAt" AT TIME ZONE ${timeZone})::date AS day FROM "TrackerSession" WHERE "tenantId" = ${tenantId}
      UNION SELECT ("crmCreatedAt" AT TIME ZONE ${timeZone})::date FROM "Lead" WHERE "tenantId" = ${tenantId}
      UNION SELECT ("startedAt" AT TIME ZONE ${timeZone})::date FROM "Call" WHERE "tenantId" = ${tenantId}
      UNION SELECT ("crmCreatedAt" AT TIME ZONE ${timeZone})::date FROM "Deal"
        WHERE "tenantId" = ${tenantId} AND "crmCreatedAt" IS NOT NULL
    ) AS days`;
  // Rollups of days that no longer have rows under the new bounds are dropped outright.
  await tx.$executeRaw`DELETE FROM "AnalyticsDayUtm" WHERE "tenantId" = ${tenantId}`;
  await tx.$executeRaw`DELETE FROM "AnalyticsDay" WHERE "tenantId" = ${tenantId}`;
}
