/**
 * Requests per second and the burst size for one Klientiks account (klientiks-contract §6).
 * `burst` is both the bucket size and the cap on concurrent requests. `perSecond: Infinity` keeps
 * only the concurrency cap; `burst: Infinity` turns the limiter off (the bucket never runs dry).
 */
export type TKlientiksThrottleConfig = { perSecond: number; burst: number };

/** §6: at most 1 request/s with a burst of 2 per account, the habit of every public client. */
export const DEFAULT_KLIENTIKS_THROTTLE: TKlientiksThrottleConfig = { perSecond: 1, burst: 2 };

type TBucket = {
  config: TKlientiksThrottleConfig;
  tokens: number;
  refilledAt: number;
  inFlight: number;
  waiting: Array<() => void>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Start times of the latest grants, newest last; at most `burst` are kept. */
  recentGrants: number[];
};

/**
 * A token bucket alone lets `burst + 1` requests start within a little over a second (the burst,
 * then a token exactly a second later). Klientiks sees arrivals, not our clock, so network jitter
 * could make that look like 3 requests in one second. Besides the bucket, no more than `burst`
 * requests start within this window, a second plus a margin for jitter (reliability R10).
 */
const SPACING_WINDOW_MS = 1_100;

// One bucket per account for the whole process, so that every client instance and every concurrent
// Inngest step running here share the account's budget (§6). Other processes have buckets of their
// own: across instances only the per-tenant limit of deliveries in flight bounds the load, which
// reliability R10 lists as not yet proven. Buckets are kept for the life of the process: dropping an
// idle bucket early would hand out a fresh burst too soon, and there is one per connected account.
const buckets = new Map<string, TBucket>();

/** Throws a `RangeError` for a configuration the limiter cannot honour. */
export const assertValidKlientiksThrottle = ({
  perSecond,
  burst,
}: TKlientiksThrottleConfig): void => {
  if (!(perSecond > 0))
    throw new RangeError(`Klientiks throttle perSecond must be positive, got ${perSecond}`);
  if (!(burst === Infinity || (Number.isInteger(burst) && burst >= 1))) {
    throw new RangeError(
      `Klientiks throttle burst must be a positive integer or Infinity, got ${burst}`,
    );
  }
};

const refill = (bucket: TBucket, now: number): void => {
  const { perSecond, burst } = bucket.config;
  bucket.tokens =
    perSecond === Infinity
      ? burst
      : Math.min(burst, bucket.tokens + ((now - bucket.refilledAt) / 1000) * perSecond);
  bucket.refilledAt = now;
};

/** How long until one more request may start under the spacing window; 0 when it may start now. */
const spacingWaitMs = (bucket: TBucket, now: number): number => {
  const { perSecond, burst } = bucket.config;
  if (perSecond === Infinity || burst === Infinity || bucket.recentGrants.length < burst) return 0;
  const oldest = bucket.recentGrants[bucket.recentGrants.length - burst] ?? 0;
  return Math.max(0, oldest + SPACING_WINDOW_MS - now);
};

const pump = (bucket: TBucket): void => {
  const now = Date.now();
  refill(bucket, now);
  const { perSecond, burst } = bucket.config;
  while (bucket.inFlight < burst && bucket.tokens >= 1 && spacingWaitMs(bucket, now) === 0) {
    const grant = bucket.waiting.shift();
    if (grant === undefined) break;
    bucket.tokens -= 1;
    bucket.inFlight += 1;
    if (burst !== Infinity) bucket.recentGrants = [...bucket.recentGrants, now].slice(-burst);
    grant();
  }
  // A free concurrency slot with requests still waiting means a token is missing: wake up when the
  // next one is due. A full concurrency slot is reopened by a release, which pumps again.
  if (bucket.waiting.length > 0 && bucket.inFlight < burst && bucket.timer === undefined) {
    const waitMs = Math.max(
      1,
      Math.ceil(((1 - bucket.tokens) / perSecond) * 1000),
      spacingWaitMs(bucket, now),
    );
    bucket.timer = setTimeout(() => {
      bucket.timer = undefined;
      pump(bucket);
    }, waitMs);
  }
};

const getBucket = (accountId: string, config: TKlientiksThrottleConfig): TBucket => {
  const existing = buckets.get(accountId);
  if (existing) {
    // Clients normally share one configuration; if they differ, the latest caller's applies.
    existing.config = config;
    return existing;
  }
  const bucket: TBucket = {
    config,
    tokens: config.burst,
    refilledAt: Date.now(),
    inFlight: 0,
    waiting: [],
    timer: undefined,
    recentGrants: [],
  };
  buckets.set(accountId, bucket);
  return bucket;
};

/**
 * Waits until the account may send one more request, first come first served, and resolves with
 * the function that gives the concurrency slot back. Call it exactly once, when the response has
 * been read (later calls are ignored).
 */
export const acquireKlientiksSlot = (
  accountId: string,
  config: TKlientiksThrottleConfig,
): Promise<() => void> => {
  const bucket = getBucket(accountId, config);
  return new Promise((resolve) => {
    bucket.waiting.push(() => {
      let isReleased = false;
      resolve(() => {
        if (isReleased) return;
        isReleased = true;
        bucket.inFlight -= 1;
        pump(bucket);
      });
    });
    pump(bucket);
  });
};
