/**
 * A per-process map whose entries live `ttlMs` and whose oldest entries go first past
 * `maxEntries`: the bookkeeping of the request-path caches (webhook endpoints, site keys,
 * verification secrets, caller-name opt-ins), which only cache and never decide.
 */
export type TExpiringMap<V> = {
  /** The live value of `key`, or undefined when there is none or it expired. */
  get(key: string): V | undefined;
  /** Stores `value` as the newest entry, evicting the oldest past the limit. */
  set(key: string, value: V): void;
  delete(key: string): void;
};

export function createExpiringMap<V>(options: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): TExpiringMap<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  const now = options.now ?? Date.now;
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value) {
      // Deleted first, so a refreshed key counts as the newest for eviction.
      entries.delete(key);
      entries.set(key, { value, expiresAt: now() + options.ttlMs });
      for (const oldest of entries.keys()) {
        if (entries.size <= options.maxEntries) break;
        entries.delete(oldest);
      }
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
