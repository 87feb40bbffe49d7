import { createExpiringMap } from "@/lib/expiring-map";
import type { TTrackedSite } from "@/server/domain/sites/tracked-site";

export type TSiteKeyCache = {
  get(publicKey: string): Promise<TTrackedSite | null>;
  /** Forget a key after its site changed, so this process sees the change at once. */
  invalidate(publicKey: string): void;
};

/**
 * Site lookups for `/api/track`, kept in memory for `ttlMs` so that a page view costs no query for
 * its site. Unknown keys are cached too (a flood of made-up keys reaches the database once per key
 * and TTL). Other processes see a change within the TTL; the oldest entries go first past `maxEntries`.
 */
export function createSiteKeyCache(options: {
  ttlMs: number;
  maxEntries: number;
  load: (publicKey: string) => Promise<TTrackedSite | null>;
  now?: () => number;
}): TSiteKeyCache {
  const entries = createExpiringMap<Promise<TTrackedSite | null>>(options);
  return {
    get(publicKey) {
      const cached = entries.get(publicKey);
      if (cached) return cached;
      const site = options.load(publicKey);
      entries.set(publicKey, site);
      // A failed lookup is not an answer: the next hit asks again.
      site.catch(() => entries.delete(publicKey));
      return site;
    },
    invalidate(publicKey) {
      entries.delete(publicKey);
    },
  };
}
