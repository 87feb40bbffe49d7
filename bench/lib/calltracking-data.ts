import type { TSql } from "./database";

/** What the tracker replaces on the bench sites' pages: the site's own phone. */
const SITE_PHONE = "+74951234567";

/**
 * Call tracking on a site, as Settings → Коллтрекинг leaves it (docs/call-tracking.md §2): the
 * site's own phone to replace, the pool's hold time, `poolSize` pool numbers
 * `+7{prefix}{000001…}` and one fallback number `+7{prefix}999999`. `prefix` is four digits, one per
 * site (a number appears once per workspace). Returns the fallback number.
 */
export async function setUpCallTracking(
  sql: TSql,
  options: {
    tenantId: string;
    siteId: string;
    poolSize: number;
    prefix: string;
    holdMinutes: number;
  },
): Promise<{ fallbackPhone: string }> {
  const { tenantId, siteId, poolSize, prefix, holdMinutes } = options;
  await sql.query(
    `UPDATE "Site" SET "phoneTargets" = ARRAY[$3], "poolHoldMinutes" = $4 WHERE "id" = $1 AND "tenantId" = $2`,
    [siteId, tenantId, SITE_PHONE, holdMinutes],
  );
  await sql.query(
    `INSERT INTO "TrackingNumber" ("id", "tenantId", "phone", "usage", "siteId")
     SELECT 'tnum_bench_' || $4 || '_' || g, $1, '+7' || $4 || lpad(g::text, 6, '0'), 'pool', $2
     FROM generate_series(1, $3::int) AS g`,
    [tenantId, siteId, poolSize, prefix],
  );
  const fallbackPhone = `+7${prefix}999999`;
  await sql.query(
    `INSERT INTO "TrackingNumber" ("id", "tenantId", "phone", "usage", "siteId")
     VALUES ('tnum_bench_' || $3 || '_fallback', $1, $4, 'fallback', $2)`,
    [tenantId, siteId, prefix, fallbackPhone],
  );
  return { fallbackPhone };
}

/**
 * `count` past leases of the site's pool numbers, one per session: the site's latest `count`
 * sessions, each leasing a number from its start until its last activity plus the hold time, the
 * numbers taken in turn in time order (the free one released longest ago, as the SQL function picks
 * them), each lease cut at the next lease of its number, so no two leases of a number overlap.
 * Their ids are `nls_bench_1…count` in time order.
 */
export async function insertBenchLeases(
  sql: TSql,
  options: { tenantId: string; siteId: string; count: number; holdMinutes: number },
) {
  await sql.query(
    `WITH numbers AS (
       SELECT "id", (row_number() OVER (ORDER BY "id") - 1)::int AS k, count(*) OVER ()::int AS n
       FROM "TrackingNumber" WHERE "siteId" = $2 AND "usage" = 'pool'),
     picked AS (
       SELECT s.*, row_number() OVER (ORDER BY s."startedAt", s."id")::int AS i
       FROM (SELECT "id", "visitorId", "sessionKey", "startedAt", "lastSeenAt" FROM "TrackerSession"
             WHERE "tenantId" = $1 AND "siteId" = $2 ORDER BY "startedAt" DESC LIMIT $3) AS s),
     leased AS (
       SELECT p.*, numbers."id" AS number_id,
         lead(p."startedAt") OVER (PARTITION BY numbers."id" ORDER BY p."startedAt") AS next_start
       FROM picked AS p JOIN numbers ON numbers.k = p.i % numbers.n)
     INSERT INTO "NumberLease" ("id", "tenantId", "numberId", "siteId", "visitorId", "sessionKey", "isFallback", "startedAt", "endsAt")
     SELECT 'nls_bench_' || l.i, $1, l.number_id, $2, l."visitorId", l."sessionKey", false, l."startedAt",
       least(l."lastSeenAt" + make_interval(mins => $4::int), coalesce(l.next_start, 'infinity'))
     FROM leased AS l`,
    [options.tenantId, options.siteId, options.count, options.holdMinutes],
  );
}

/**
 * Pairs of pool leases of one number whose intervals overlap on the site: two visits that held one
 * number at one instant (docs/call-tracking.md §3, "Exclusive"). Fallback grants are not leases of a
 * number and never count.
 */
export async function countDoubleLeases(sql: TSql, siteId: string): Promise<number> {
  // Fresh statistics first: planned with those of an emptier table, the self-join becomes a nested
  // loop over every pair of the site's leases (minutes for 30,000 leases, where a hash join on the
  // number takes a second).
  await sql.query(`ANALYZE "NumberLease"`);
  const { rows } = await sql.query<{ pairs: string }>(
    `SELECT count(*) AS pairs
     FROM "NumberLease" AS a
     JOIN "NumberLease" AS b ON b."numberId" = a."numberId" AND a."id" < b."id"
       AND a."startedAt" < b."endsAt" AND b."startedAt" < a."endsAt"
     WHERE a."siteId" = $1 AND b."siteId" = $1 AND NOT a."isFallback" AND NOT b."isFallback"`,
    [siteId],
  );
  return Number(rows[0]?.pairs ?? 0);
}
