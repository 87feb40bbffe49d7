// Request limits of the API document (v1.9, section 1.4.2), per product and in total, over sliding
// windows on the emulator clock. Past a limit the API answers HTTP 503 with result 5008.

/** Which budget a command draws from. */
export type LimitClass = "general" | "callback" | "recording" | "users";

export type Limit = { perProduct: number; total: number; windowMs: number };

export const DEFAULT_LIMITS: Record<LimitClass, Limit> = {
  general: { perProduct: 10, total: 100, windowMs: 1000 },
  // commands/callback, commands/call/hangup, commands/recording/start
  callback: { perProduct: 4, total: 10, windowMs: 1000 },
  // queries/recording/post
  recording: { perProduct: 10, total: 120, windowMs: 1000 },
  // config/users/request: 1 per 2 s per product
  users: { perProduct: 1, total: 1000, windowMs: 2000 },
};

export const limitClassOf = (command: string): LimitClass => {
  if (command === "commands/callback" || command === "commands/call/hangup") return "callback";
  if (command === "commands/recording/start") return "callback";
  if (command === "queries/recording/post") return "recording";
  if (command === "config/users/request") return "users";
  return "general";
};

export type RateLimiter = {
  /** Counts the request when both the product's and the total budget allow it. */
  take(productKey: string, limitClass: LimitClass, now: number): boolean;
};

export const createRateLimiter = (
  limits: Record<LimitClass, Limit> = DEFAULT_LIMITS,
): RateLimiter => {
  const windows = new Map<string, number[]>();
  const recent = (key: string, windowMs: number, now: number): number[] => {
    const kept = (windows.get(key) ?? []).filter((at) => now - at < windowMs && at <= now);
    windows.set(key, kept);
    return kept;
  };
  return {
    take: (productKey, limitClass, now) => {
      const { perProduct, total, windowMs } = limits[limitClass];
      const own = recent(`${limitClass}:${productKey}`, windowMs, now);
      const all = recent(limitClass, windowMs, now);
      if (own.length >= perProduct || all.length >= total) return false;
      own.push(now);
      all.push(now);
      return true;
    },
  };
};
