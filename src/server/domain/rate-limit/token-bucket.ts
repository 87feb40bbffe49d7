export type TTokenBucketLimiter = {
  /** Takes one token for `key`; refused when the bucket is empty, with the wait until the next token. */
  take(key: string): { isAllowed: boolean; retryAfterSeconds: number };
};

type TBucket = { tokens: number; updatedAt: number };

/**
 * In-memory token buckets: `capacity` hits at once, refilled at `refillPerSecond`. Per process on
 * purpose: the tracker's limit guards against floods, and a database round trip per hit would cost
 * more than the hit. N processes therefore allow N times the rate. Idle buckets are full buckets, so
 * the least recently used go first past `maxKeys` without changing any answer much.
 */
export function createTokenBucketLimiter(options: {
  capacity: number;
  refillPerSecond: number;
  maxKeys: number;
  now?: () => number;
}): TTokenBucketLimiter {
  const buckets = new Map<string, TBucket>();
  const now = options.now ?? Date.now;
  return {
    take(key) {
      const at = now();
      const previous = buckets.get(key);
      const refilled = previous
        ? Math.min(
            options.capacity,
            previous.tokens + ((at - previous.updatedAt) / 1000) * options.refillPerSecond,
          )
        : options.capacity;
      const isAllowed = refilled >= 1;
      const bucket = { tokens: isAllowed ? refilled - 1 : refilled, updatedAt: at };
      // Re-inserting moves the key to the end: Map order is then least recently used first.
      buckets.delete(key);
      buckets.set(key, bucket);
      for (const oldest of buckets.keys()) {
        if (buckets.size <= options.maxKeys) break;
        buckets.delete(oldest);
      }
      return {
        isAllowed,
        retryAfterSeconds: isAllowed ? 0 : Math.ceil((1 - bucket.tokens) / options.refillPerSecond),
      };
    },
  };
}
