import "server-only";

import { getDb } from "@/server/db/client";
import { createTokenBucketLimiter } from "@/server/domain/rate-limit/token-bucket";
import { createKeyedQueue } from "@/server/domain/sites/keyed-queue";
import { createSiteKeyCache } from "@/server/domain/sites/site-key-cache";
import { findTrackedSiteByKey } from "@/server/domain/sites/tracked-site";
import type { TTrackDeps } from "@/server/http/track/handle-track-request";
import { logger } from "@/server/logging/logger";

/**
 * Per site and IP: a burst of 120 hits, then 2 per second. A visitor makes a page view and a few
 * events per page; an office behind one address makes several visitors' worth.
 */
const RATE_LIMIT = { capacity: 120, refillPerSecond: 2, maxKeys: 50_000 };
const SITE_CACHE = { ttlMs: 30_000, maxEntries: 10_000 };

type TTrackerRuntime = Omit<TTrackDeps, "schedule">;

const globalForTracker = globalThis as unknown as { svyazTracker?: TTrackerRuntime };

/** One set of in-memory tracker state per process (kept on globalThis across dev hot reloads). */
export const getTrackerRuntime = (): TTrackerRuntime =>
  (globalForTracker.svyazTracker ??= {
    db: getDb(),
    sites: createSiteKeyCache({
      ...SITE_CACHE,
      load: (publicKey) => findTrackedSiteByKey(getDb(), publicKey),
    }),
    limiter: createTokenBucketLimiter(RATE_LIMIT),
    queue: createKeyedQueue(),
    log: logger.child({ component: "tracker" }),
  });
