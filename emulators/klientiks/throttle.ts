// Optional per-account token bucket (klientiks-contract §6): off unless an account has `rate_limit`.
// Runs on real monotonic time, not the emulator clock, which tests may freeze.

import { performance } from "node:perf_hooks";

import type { RateLimit } from "./types";

type Bucket = { tokens: number; refilledAt: number; limit: RateLimit };

export type Throttle = {
  /** Takes one token; false means the request must be answered 429. */
  tryTake(key: string, limit: RateLimit): boolean;
};

export const createThrottle = (): Throttle => {
  const buckets = new Map<string, Bucket>();
  return {
    tryTake: (key, limit) => {
      const now = performance.now();
      const existing = buckets.get(key);
      // A changed limit starts a fresh, full bucket.
      const bucket =
        existing &&
        existing.limit.perSecond === limit.perSecond &&
        existing.limit.burst === limit.burst
          ? existing
          : { tokens: limit.burst, refilledAt: now, limit };
      bucket.tokens = Math.min(
        limit.burst,
        bucket.tokens + ((now - bucket.refilledAt) / 1000) * limit.perSecond,
      );
      bucket.refilledAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
};
