import { createExpiringMap } from "@/lib/expiring-map";
import { toStorableTruncated } from "@/lib/text/storable-text";
import type { TDbClient } from "@/server/db/types";
import {
  hitRateLimit,
  pruneRateLimitCounters,
  type TRateLimitState,
} from "@/server/domain/rate-limit/fixed-window";

/**
 * Unknown-address answers per sender address and minute, across app instances (reliability R20).
 * A sender with a stale address gets its 404s up to this, then 429 until the minute is over; a
 * request to a known address never counts, so real webhooks are never refused by it.
 */
export const UNKNOWN_ADDRESS_LIMIT = { limit: 60, windowSeconds: 60 } as const;

/** Sender windows this process keeps count of. */
const MAX_REMEMBERED = 10_000;
/** The client address as reported by a proxy is text from outside: cleaned and cut before it is a key. */
const MAX_ADDRESS_LENGTH = 64;
const WINDOW_MS = UNKNOWN_ADDRESS_LIMIT.windowSeconds * 1000;
/**
 * Strangers' addresses make a row a minute each, so this limiter also drops counters older than a
 * day (every limit's window is far shorter), at most every ten minutes per process.
 */
const PRUNE_EVERY_MS = 10 * 60_000;
const COUNTER_RETENTION_MS = 24 * 3_600_000;

export type TUnknownAddressLimiter = {
  /** Counts one unknown-address answer to `clientIp`: the limit's state once it is over, else null. */
  count(clientIp: string): Promise<TRateLimitState | null>;
};

type TLocalWindow = { hits: number; isLimited: boolean };

/**
 * One counter row per sender and minute in the shared PostgreSQL window. The limiter must never
 * make things worse: a failed write is reported and the answer stays a 404 (it fails open), and
 * each process also counts in memory, so once a sender is over the limit, here or as the database
 * says, it is refused without a write: a flood from one address, however concurrent, costs at most
 * `limit` writes to its row per process and minute.
 */
export function createUnknownAddressLimiter(options: {
  db: TDbClient;
  onError: (error: unknown) => void;
  now?: () => Date;
}): TUnknownAddressLimiter {
  const clock = options.now ?? (() => new Date());
  const windows = createExpiringMap<TLocalWindow>({
    ttlMs: WINDOW_MS,
    maxEntries: MAX_REMEMBERED,
    now: () => clock().getTime(),
  });
  let prunedAt: number | null = null;
  const pruneNowAndThen = (now: Date) => {
    if (prunedAt !== null && now.getTime() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = now.getTime();
    pruneRateLimitCounters(options.db, new Date(now.getTime() - COUNTER_RETENTION_MS)).catch(
      options.onError,
    );
  };
  return {
    async count(clientIp) {
      const now = clock();
      const rule = {
        key: `webhook-unknown:${toStorableTruncated(clientIp, MAX_ADDRESS_LENGTH)}`,
        ...UNKNOWN_ADDRESS_LIMIT,
      };
      const windowStart = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
      const windowKey = `${rule.key}@${windowStart}`;
      const local = windows.get(windowKey) ?? { hits: 0, isLimited: false };
      local.hits += 1;
      windows.set(windowKey, local);
      if (local.isLimited || local.hits > rule.limit) {
        const resetAt = new Date(windowStart + WINDOW_MS);
        return {
          hits: local.hits,
          limit: rule.limit,
          isLimited: true,
          retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
          resetAt,
        };
      }
      try {
        const state = await hitRateLimit(options.db, rule, now);
        pruneNowAndThen(now);
        local.isLimited = state.isLimited;
        return state.isLimited ? state : null;
      } catch (error) {
        options.onError(error);
        return null;
      }
    },
  };
}
