// Per-account request budgets over a sliding minute: one for every method, a smaller one for the
// statistics methods (Zadarma's OpenAPI: 100/min general, 3/min statistics). Answers carry
// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (Unix seconds), which the official client reads.
// Runs on real monotonic time, not the emulator clock, which tests may move.

import { performance } from "node:perf_hooks";

const WINDOW_MS = 60_000;

export type RateDecision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetInMs: number;
};

export type RateLimiter = {
  /** Counts one request in `bucket` when allowed. */
  take(key: string, limit: number): RateDecision;
};

export const createRateLimiter = (): RateLimiter => {
  const windows = new Map<string, number[]>();
  return {
    take: (key, limit) => {
      const now = performance.now();
      const recent = (windows.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
      const allowed = recent.length < limit;
      if (allowed) recent.push(now);
      windows.set(key, recent);
      const oldest = recent[0] ?? now;
      return {
        allowed,
        limit,
        remaining: Math.max(0, limit - recent.length),
        resetInMs: Math.max(0, oldest + WINDOW_MS - now),
      };
    },
  };
};

export const rateLimitHeaders = (
  decision: RateDecision,
  nowMs: number,
): Record<string, string> => ({
  "x-ratelimit-limit": String(decision.limit),
  "x-ratelimit-remaining": String(decision.remaining),
  "x-ratelimit-reset": String(Math.ceil((nowMs + decision.resetInMs) / 1000)),
});
