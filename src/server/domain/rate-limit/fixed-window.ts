import type { TDbClient } from "@/server/db/types";

export type TRateLimitRule = { key: string; limit: number; windowSeconds: number };
export type TRateLimitState = {
  hits: number;
  limit: number;
  isLimited: boolean;
  retryAfterSeconds: number;
  resetAt: Date;
};

const windowStartFor = (now: Date, windowSeconds: number) =>
  new Date(Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000);

function toState(
  rule: TRateLimitRule,
  hits: number,
  windowStart: Date,
  now: Date,
): TRateLimitState {
  const resetAt = new Date(windowStart.getTime() + rule.windowSeconds * 1000);
  return {
    hits,
    limit: rule.limit,
    isLimited: hits >= rule.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
    resetAt,
  };
}

/** Counts one hit in the current window (Postgres-backed, so every app instance shares it). */
export async function hitRateLimit(
  db: TDbClient,
  rule: TRateLimitRule,
  now = new Date(),
): Promise<TRateLimitState> {
  const windowStart = windowStartFor(now, rule.windowSeconds);
  const rows = await db.$queryRaw<{ hits: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "hits") VALUES (${rule.key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "hits" = "RateLimitCounter"."hits" + 1
    RETURNING "hits"`;
  // `hits` includes this request, so it is limited once it goes past the limit.
  const hits = rows[0]?.hits ?? 1;
  return { ...toState(rule, hits, windowStart, now), isLimited: hits > rule.limit };
}

/** Reads the current window without counting. */
export async function peekRateLimit(
  db: TDbClient,
  rule: TRateLimitRule,
  now = new Date(),
): Promise<TRateLimitState> {
  const windowStart = windowStartFor(now, rule.windowSeconds);
  const row = await db.rateLimitCounter.findUnique({
    where: { key_windowStart: { key: rule.key, windowStart } },
    select: { hits: true },
  });
  return toState(rule, row?.hits ?? 0, windowStart, now);
}

/** Rows per statement, so one prune never holds the table for long. */
const PRUNE_BATCH = 5_000;

/**
 * Old windows are useless; dropping them keeps the table small. One batch of the oldest windows
 * before `olderThan`; returns how many went.
 */
export const pruneRateLimitCounters = (db: TDbClient, olderThan: Date): Promise<number> =>
  db.$executeRaw`
    DELETE FROM "RateLimitCounter" WHERE ("key", "windowStart") IN (
      SELECT "key", "windowStart" FROM "RateLimitCounter" WHERE "windowStart" < ${olderThan}::timestamptz
      ORDER BY "windowStart" LIMIT ${PRUNE_BATCH}::int
    )`;
