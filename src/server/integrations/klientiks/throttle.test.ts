// Sections (§) are those of docs/klientiks-contract.md.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  acquireKlientiksSlot,
  assertValidKlientiksThrottle,
  DEFAULT_KLIENTIKS_THROTTLE,
  type TKlientiksThrottleConfig,
} from "./throttle";

// Buckets live for the whole process, so every test uses its own account id.
let accountCounter = 0;
const nextAccountId = () => `throttle-test-${(accountCounter += 1)}`;

/** Starts `count` acquisitions at once and records when each was granted (ms since the start). */
const startRequests = (
  accountId: string,
  count: number,
  config: TKlientiksThrottleConfig,
  { releaseImmediately = true } = {},
) => {
  const startedAt = Date.now();
  const grantedAt: number[] = [];
  const releases: Array<() => void> = [];
  for (let index = 0; index < count; index += 1) {
    void acquireKlientiksSlot(accountId, config).then((release) => {
      grantedAt[index] = Date.now() - startedAt;
      if (releaseImmediately) release();
      else releases[index] = release;
    });
  }
  return { grantedAt, releases };
};

describe("acquireKlientiksSlot", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("lets a burst of 2 through at once, then 1 request per second (§6 default)", async () => {
    const { grantedAt } = startRequests(nextAccountId(), 5, DEFAULT_KLIENTIKS_THROTTLE);
    await vi.advanceTimersByTimeAsync(0);
    expect(grantedAt).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1099);
    expect(grantedAt).toHaveLength(2);
    // The third waits for the spacing window (1.1 s), not just the token (1 s).
    await vi.advanceTimersByTimeAsync(1);
    expect(grantedAt).toEqual([0, 0, 1100]);
    await vi.advanceTimersByTimeAsync(1900);
    expect(grantedAt).toEqual([0, 0, 1100, 2000, 3000]);
  });

  it("never starts more than `burst` requests within a second, even with arrival jitter of 100 ms", async () => {
    const { grantedAt } = startRequests(nextAccountId(), 12, DEFAULT_KLIENTIKS_THROTTLE);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(grantedAt).toHaveLength(12);
    for (const start of grantedAt)
      expect(
        grantedAt.filter((at) => at >= start - 100 && at < start + 1000).length,
      ).toBeLessThanOrEqual(2);
  });

  it("refills the bucket while the account is idle, up to the burst", async () => {
    const accountId = nextAccountId();
    startRequests(accountId, 2, DEFAULT_KLIENTIKS_THROTTLE);
    await vi.advanceTimersByTimeAsync(10_000);
    const { grantedAt } = startRequests(accountId, 3, DEFAULT_KLIENTIKS_THROTTLE);
    await vi.advanceTimersByTimeAsync(0);
    expect(grantedAt).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1100);
    expect(grantedAt).toEqual([0, 0, 1100]);
  });

  it("never has more than `burst` requests in flight, even when tokens are available", async () => {
    const { grantedAt, releases } = startRequests(nextAccountId(), 3, DEFAULT_KLIENTIKS_THROTTLE, {
      releaseImmediately: false,
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(grantedAt).toEqual([0, 0]);
    releases[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(grantedAt).toEqual([0, 0, 5000]);
  });

  it("ignores a second release of the same slot", async () => {
    const config = { perSecond: Infinity, burst: 1 };
    const { grantedAt, releases } = startRequests(nextAccountId(), 3, config, {
      releaseImmediately: false,
    });
    await vi.advanceTimersByTimeAsync(0);
    releases[0]?.();
    releases[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    // The duplicate release must not have opened a second slot for the third request.
    expect(grantedAt).toHaveLength(2);
  });

  it("keeps accounts independent", async () => {
    const first = startRequests(nextAccountId(), 3, DEFAULT_KLIENTIKS_THROTTLE);
    const second = startRequests(nextAccountId(), 2, DEFAULT_KLIENTIKS_THROTTLE);
    await vi.advanceTimersByTimeAsync(0);
    expect(first.grantedAt).toEqual([0, 0]);
    expect(second.grantedAt).toEqual([0, 0]);
  });

  it("shares one budget between callers of the same account", async () => {
    const accountId = nextAccountId();
    const workerA = startRequests(accountId, 2, DEFAULT_KLIENTIKS_THROTTLE);
    const workerB = startRequests(accountId, 1, DEFAULT_KLIENTIKS_THROTTLE);
    await vi.advanceTimersByTimeAsync(0);
    expect(workerA.grantedAt).toEqual([0, 0]);
    expect(workerB.grantedAt).toEqual([]);
    await vi.advanceTimersByTimeAsync(1100);
    expect(workerB.grantedAt).toEqual([1100]);
  });

  it("lets everything through at once when disabled", async () => {
    const { grantedAt } = startRequests(nextAccountId(), 20, {
      perSecond: Infinity,
      burst: Infinity,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(grantedAt).toEqual(Array.from({ length: 20 }, () => 0));
  });
});

describe("assertValidKlientiksThrottle", () => {
  it.each([
    { perSecond: 0, burst: 2 },
    { perSecond: -1, burst: 2 },
    { perSecond: Number.NaN, burst: 2 },
    { perSecond: 1, burst: 0 },
    { perSecond: 1, burst: 1.5 },
  ])("rejects %j", (config) => {
    expect(() => assertValidKlientiksThrottle(config)).toThrow(RangeError);
  });

  it("accepts the default and the disabled configuration", () => {
    expect(() => assertValidKlientiksThrottle(DEFAULT_KLIENTIKS_THROTTLE)).not.toThrow();
    expect(() =>
      assertValidKlientiksThrottle({ perSecond: Infinity, burst: Infinity }),
    ).not.toThrow();
  });
});
