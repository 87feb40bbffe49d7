import type { TTrackedSite } from "@/server/domain/sites/tracked-site";

export type TSiteKeyCache = {
  get(publicKey: string): Promise<TTrackedSite | null>;
  /** Forget a key after its site changed, so this process sees the change at once. */
  invalidate(publicKey: string): void;
};

type TEntry = { site: Promise<TTrackedSite | null>; expiresAt: number };

/**
 * Site lookups for `/api/track`, kept in memory for `ttlMs` so that a page view costs no query for
 * its site. Unknown keys are cached too (a flood of made-up keys reaches the database once per key
 * and TTL). Other processes see a change within the TTL; the oldest entries go first past `maxEntries`.
 */
export function createSiteKeyCache(options: { ttlMs: number; maxEntries: number; load: (publicKey: string) => Promise<TTrackedSite | null>; now?: () => number }): TSiteKeyCache {
  const entries = new Map<string, TEntry>();
  const now = options.now ?? Date.now;
  return {
    get(publicKey) {
      const cached = entries.get(publicKey);
      if (cached && cached.expiresAt > now()) return cached.site;
      entries.delete(publicKey);
      const site = options.load(publicKey);
      entries.set(publicKey, { site, expiresAt: now() + options.ttlMs });
      // A failed lookup is not an answer: the next hit asks again.
      site.catch(() => entries.delete(publicKey));
      for (const key of entries.keys()) {
        if (entries.size <= options.maxEntries) break;
        entries.delete(key);
      }
      return site;
    },
    invalidate(publicKey) {
      entries.delete(publicKey);
    },
  };
}
