import { createZadarmaThrottle } from "../throttle";

/** A throttle that never waits, for tests about what is sent and how answers are read. */
export const UNLIMITED_THROTTLE = createZadarmaThrottle({
  general: { burst: Infinity, perMinute: 60 },
  statistics: { burst: Infinity, perMinute: 60 },
  maxWaitMs: 0,
});
