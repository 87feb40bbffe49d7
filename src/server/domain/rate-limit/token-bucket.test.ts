import { describe, expect, it } from "vitest";

import { createTokenBucketLimiter } from "@/server/domain/rate-limit/token-bucket";

describe("createTokenBucketLimiter", () => {
  it("allows a burst, then refills at the given rate, per key", () => {
    let now = 0;
    const limiter = createTokenBucketLimiter({
      capacity: 3,
      refillPerSecond: 2,
      maxKeys: 100,
      now: () => now,
    });
    expect([1, 2, 3].map(() => limiter.take("a").isAllowed)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ isAllowed: false, retryAfterSeconds: 1 });
    expect(limiter.take("b").isAllowed).toBe(true);
    now += 500;
    expect(limiter.take("a").isAllowed).toBe(true);
    expect(limiter.take("a").isAllowed).toBe(false);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take("a").isAllowed)).toEqual([true, true, true, false]);
  });

  it("forgets the least recently used keys past maxKeys, which then start full", () => {
    const limiter = createTokenBucketLimiter({
      capacity: 1,
      refillPerSecond: 0.001,
      maxKeys: 2,
      now: () => 0,
    });
    limiter.take("a");
    limiter.take("b");
    limiter.take("a");
    limiter.take("c");
    expect(limiter.take("b").isAllowed).toBe(true);
    expect(limiter.take("c").isAllowed).toBe(false);
  });
});
