import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ZadarmaError } from "./errors";
import { createZadarmaThrottle, DEFAULT_ZADARMA_THROTTLE } from "./throttle";

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2024-05-06T07:00:00Z") });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` acquisitions and records when each was granted (ms after the start). */
const grantTimes = (acquire: () => Promise<void>, count: number): Promise<number>[] => {
  const startedAt = Date.now();
  return Array.from({ length: count }, () => acquire().then(() => Date.now() - startedAt));
};

describe("createZadarmaThrottle", () => {
  it("lets the general burst through at once, then one request a second", async () => {
    const throttle = createZadarmaThrottle();
    const times = grantTimes(() => throttle.acquire("key-a", { isStatistics: false }), 8);
    await vi.advanceTimersByTimeAsync(10_000);
    const granted = await Promise.all(times);
    expect(granted.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(granted.slice(5).every((time) => time >= 1_000)).toBe(true);
    expect(Math.max(...granted)).toBeLessThanOrEqual(4_000);
  });

  it("never grants more than 3 statistics requests in any 60 s", async () => {
    const throttle = createZadarmaThrottle({ ...DEFAULT_ZADARMA_THROTTLE, maxWaitMs: 10 * 60_000 });
    const times = grantTimes(() => throttle.acquire("key-b", { isStatistics: true }), 6);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    const granted = await Promise.all(times);
    const sorted = [...granted].sort((left, right) => left - right);
    for (const [index, time] of sorted.entries()) {
      const inWindow = sorted.filter((other) => other >= time && other < time + 60_000).length;
      expect(inWindow, `window starting at grant ${index}`).toBeLessThanOrEqual(3);
    }
    expect(sorted[0]).toBe(0);
  });

  it("counts statistics against the general budget too", async () => {
    const config = {
      general: { burst: 1, perMinute: 1 },
      statistics: { burst: 5, perMinute: 60 },
      maxWaitMs: 120_000,
    };
    const throttle = createZadarmaThrottle(config);
    const times = grantTimes(() => throttle.acquire("key-c", { isStatistics: true }), 2);
    await vi.advanceTimersByTimeAsync(120_000);
    const granted = await Promise.all(times);
    expect(granted[0]).toBe(0);
    expect(granted[1]).toBeGreaterThanOrEqual(60_000);
  });

  it("keeps accounts apart", async () => {
    const throttle = createZadarmaThrottle({
      general: { burst: 1, perMinute: 1 },
      statistics: { burst: 1, perMinute: 1 },
      maxWaitMs: 0,
    });
    await throttle.acquire("key-d", { isStatistics: false });
    await expect(throttle.acquire("key-e", { isStatistics: false })).resolves.toBeUndefined();
  });

  it("fails as rate_limited instead of waiting past maxWaitMs", async () => {
    const throttle = createZadarmaThrottle({ ...DEFAULT_ZADARMA_THROTTLE, maxWaitMs: 5_000 });
    await throttle.acquire("key-f", { isStatistics: true });
    const error = await throttle
      .acquire("key-f", { isStatistics: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZadarmaError);
    expect(error).toMatchObject({ code: "rate_limited", isRetriable: true, retryAfterMs: 30_000 });
  });

  it("refuses a configuration it cannot honour", () => {
    expect(() =>
      createZadarmaThrottle({ ...DEFAULT_ZADARMA_THROTTLE, general: { burst: 0, perMinute: 60 } }),
    ).toThrow(RangeError);
    expect(() =>
      createZadarmaThrottle({
        ...DEFAULT_ZADARMA_THROTTLE,
        statistics: { burst: 1, perMinute: 0 },
      }),
    ).toThrow(RangeError);
  });
});
