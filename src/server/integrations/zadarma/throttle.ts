import { createTokenBucketLimiter } from "@/server/domain/rate-limit/token-bucket";

import { ZadarmaError } from "./errors";

/** A token bucket: `burst` requests at once, refilled at `perMinute`. */
export type TZadarmaBucketConfig = { burst: number; perMinute: number };

export type TZadarmaThrottleConfig = {
  /** Every request (Zadarma allows 100/min). */
  general: TZadarmaBucketConfig;
  /** Statistics requests, on top of the general bucket (Zadarma allows 3/min). */
  statistics: TZadarmaBucketConfig;
  /** A request that would wait longer for a token fails as `rate_limited` instead, so a step never hangs. */
  maxWaitMs: number;
};

/**
 * Within Zadarma's limits with a margin (reliability R10, docs/telephony-zadarma.md "Limits"): at most
 * 5 + 60 = 65 general requests in any minute, and statistics at 1 per 30 s (at most 3 in a minute).
 */
export const DEFAULT_ZADARMA_THROTTLE: TZadarmaThrottleConfig = {
  general: { burst: 5, perMinute: 60 },
  statistics: { burst: 1, perMinute: 2 },
  maxWaitMs: 60_000,
};

export type TZadarmaThrottle = {
  /** Resolves when the account (API key) may send one more request; throws `rate_limited` past `maxWaitMs`. */
  acquire(accountKey: string, options: { isStatistics: boolean }): Promise<void>;
};

// Buckets are per process; one process per app instance keeps well inside the limits, and Inngest's
// per-connection throttle covers the rest (R10). Keys beyond this many drop the least recently used.
const MAX_ACCOUNTS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Throws a `RangeError` for a configuration the limiter cannot honour. */
const assertBucket = ({ burst, perMinute }: TZadarmaBucketConfig, name: string): void => {
  if (!(burst >= 1) || !(perMinute > 0)) {
    throw new RangeError(
      `Zadarma ${name} throttle needs burst ≥ 1 and perMinute > 0, got ${burst}, ${perMinute}`,
    );
  }
};

/** A per-account limiter with a general and a statistics bucket. */
export const createZadarmaThrottle = (
  config: TZadarmaThrottleConfig = DEFAULT_ZADARMA_THROTTLE,
): TZadarmaThrottle => {
  assertBucket(config.general, "general");
  assertBucket(config.statistics, "statistics");
  const toLimiter = ({ burst, perMinute }: TZadarmaBucketConfig) =>
    createTokenBucketLimiter({
      capacity: burst,
      refillPerSecond: perMinute / 60,
      maxKeys: MAX_ACCOUNTS,
    });
  const general = toLimiter(config.general);
  const statistics = toLimiter(config.statistics);

  const takeFrom = async (
    limiter: ReturnType<typeof toLimiter>,
    accountKey: string,
    startedAt: number,
  ) => {
    for (;;) {
      const { isAllowed, retryAfterSeconds } = limiter.take(accountKey);
      if (isAllowed) return;
      const waitMs = retryAfterSeconds * 1000;
      if (Date.now() - startedAt + waitMs > config.maxWaitMs) {
        const message = `our Zadarma throttle has no slot within ${config.maxWaitMs} ms`;
        throw new ZadarmaError({ code: "rate_limited", retryAfterMs: waitMs, message });
      }
      await sleep(waitMs);
    }
  };

  return {
    acquire: async (accountKey, { isStatistics }) => {
      const startedAt = Date.now();
      if (isStatistics) await takeFrom(statistics, accountKey, startedAt);
      await takeFrom(general, accountKey, startedAt);
    },
  };
};

let sharedThrottle: TZadarmaThrottle | undefined;

/** The process-wide throttle every client uses unless given its own, so all of them share an account's budget. */
export const getSharedZadarmaThrottle = (): TZadarmaThrottle =>
  (sharedThrottle ??= createZadarmaThrottle());
