// The lockout rule of the API document (v1.9, section 1.4.1): a wrong request (3xxx result) is tolerated
// once per two minutes; after the second one within two minutes of the first, every request with that
// key answers HTTP 401 until two minutes have passed since the first. Keyed by the `vpbx_api_key`
// presented, known or not. Time comes from the emulator clock, so tests move it instead of waiting.

export const LOCKOUT_WINDOW_MS = 120_000;

type Strikes = { firstAt: number; count: number };

export type Lockout = {
  /** Epoch ms until which `key` is blocked, or null. */
  blockedUntil(key: string, now: number): number | null;
  /** Counts a 3xxx answer given to `key`. */
  strike(key: string, now: number): void;
  /** What the control API shows. */
  describe(
    now: number,
  ): Array<{ key: string; strikes: number; first_at: string; blocked_until: string | null }>;
  clear(key?: string): void;
};

export const createLockout = (): Lockout => {
  const strikes = new Map<string, Strikes>();
  const current = (key: string, now: number): Strikes | null => {
    const entry = strikes.get(key);
    if (!entry) return null;
    if (now - entry.firstAt >= LOCKOUT_WINDOW_MS) {
      strikes.delete(key);
      return null;
    }
    return entry;
  };
  const blockedUntil = (key: string, now: number): number | null => {
    const entry = current(key, now);
    return entry && entry.count >= 2 ? entry.firstAt + LOCKOUT_WINDOW_MS : null;
  };
  return {
    blockedUntil,
    strike: (key, now) => {
      const entry = current(key, now);
      if (entry) entry.count += 1;
      else strikes.set(key, { firstAt: now, count: 1 });
    },
    describe: (now) =>
      Array.from(strikes.keys()).flatMap((key) => {
        const entry = current(key, now);
        if (!entry) return [];
        const until = blockedUntil(key, now);
        return [
          {
            key,
            strikes: entry.count,
            first_at: new Date(entry.firstAt).toISOString(),
            blocked_until: until === null ? null : new Date(until).toISOString(),
          },
        ];
      }),
    clear: (key) => (key === undefined ? strikes.clear() : void strikes.delete(key)),
  };
};
