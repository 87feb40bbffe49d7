import type { TDbClient } from "@/server/db/types";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The window of a pool's coverage (docs/call-tracking.md §2). */
export const COVERAGE_DAYS = 7;

export type TPoolCoverage = {
  /** Visits (sessions) given any number lease on the site in the window. */
  sessions: number;
  /** Of them, those that got a pool number. */
  poolSessions: number;
  /** `poolSessions / sessions`, or null without any visit. */
  share: number | null;
  /** Visits shown the fallback number because the pool was exhausted. */
  fallbackGrants: number;
  /** Some visitor got the fallback in the last 24 hours: the pool is too small. */
  isExhaustedRecently: boolean;
};

type TCoverageRow = {
  siteId: string;
  sessions: bigint;
  poolSessions: bigint;
  fallbackGrants: bigint;
  isExhaustedRecently: boolean;
};

/**
 * The coverage of each of the workspace's site pools over the last 7 days: the share of visits
 * that got a dynamic number, from the site's leases (index NumberLease(siteId, startedAt)). A site
 * without leases is missing from the map.
 */
export async function findPoolCoverage(
  db: TDbClient,
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
): Promise<Map<string, TPoolCoverage>> {
  const since = new Date(now.getTime() - COVERAGE_DAYS * DAY_MS);
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const rows = await db.$queryRaw<TCoverageRow[]>`
    SELECT l."siteId",
      count(DISTINCT l."sessionKey") AS "sessions",
      count(DISTINCT l."sessionKey") FILTER (WHERE NOT l."isFallback") AS "poolSessions",
      count(*) FILTER (WHERE l."isFallback") AS "fallbackGrants",
      coalesce(bool_or(l."isFallback" AND l."startedAt" >= ${dayAgo}), false) AS "isExhaustedRecently"
    FROM "Site" s
    JOIN "NumberLease" l ON l."siteId" = s."id" AND l."startedAt" >= ${since} AND l."startedAt" <= ${now}
    WHERE s."tenantId" = ${tenantId}
    GROUP BY l."siteId"`;
  return new Map(
    rows.map((row) => {
      const sessions = Number(row.sessions);
      const poolSessions = Number(row.poolSessions);
      return [
        row.siteId,
        {
          sessions,
          poolSessions,
          share: sessions > 0 ? poolSessions / sessions : null,
          fallbackGrants: Number(row.fallbackGrants),
          isExhaustedRecently: row.isExhaustedRecently,
        },
      ];
    }),
  );
}

/**
 * Whether any of the workspace's site pools ran out in the last 24 hours (a visitor got the
 * fallback): one EXISTS over NumberLease(siteId, startedAt), cheap enough for every page's layout.
 */
export async function hasRecentPoolExhaustion(
  db: TDbClient,
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
): Promise<boolean> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [row] = await db.$queryRaw<{ isExhausted: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "Site" s
      JOIN "NumberLease" l ON l."siteId" = s."id" AND l."startedAt" >= ${dayAgo}
      WHERE s."tenantId" = ${tenantId} AND l."isFallback"
    ) AS "isExhausted"`;
  return row?.isExhausted ?? false;
}
