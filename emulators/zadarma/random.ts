// Seeded randomness, so fault `probability`, generated ids of scripted calls and the autopilot's
// choices replay identically for a given seed (`POST /__control/reset {"seed": …}`).

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  pick<T>(items: readonly T[]): T;
};

export const DEFAULT_SEED = 20250101;

/** mulberry32: tiny, fast and good enough for test fixtures. */
export const createRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("Cannot pick from an empty list");
      return item;
    },
  };
};
