import type { TRateLimitState } from "@/server/domain/rate-limit/fixed-window";

/** How a refused caller learns when to try again (R20): `Retry-After` and the usual `X-RateLimit-*`. */
export const rateLimitHeaders = (state: TRateLimitState): Record<string, string> => ({
  "Retry-After": String(state.retryAfterSeconds),
  "X-RateLimit-Limit": String(state.limit),
  "X-RateLimit-Remaining": "0",
  "X-RateLimit-Reset": String(Math.ceil(state.resetAt.getTime() / 1000)),
});
