/**
 * How many pool numbers a site needs (docs/call-tracking.md §2). Visits arrive at random
 * (Poisson) at the busy-hour rate; each holds its number for the visit plus the hold time after
 * it, so the numbers held at once are Poisson with mean `rate × (visit + hold)` (Erlang's offered
 * load; numbers are never queued for). The pool is the smallest N with P(held ≤ N) ≥ coverage.
 */
export type TPoolSizeInput = {
  visitorsPerDay: number;
  /** Average visit length, minutes. */
  visitMinutes: number;
  /** How long a number stays with a visitor after the last activity, minutes. */
  holdMinutes: number;
  /** The share of visits that should see a dynamic number, e.g. 0.95. */
  coverage: number;
  /**
   * The share of a day's visits that fall in its busiest hour. Default: a day's visits spread
   * evenly over ~10 busy hours, i.e. 0.1.
   */
  peakHourShare?: number;
};

export type TPoolSize = {
  /** Visits holding a number at once in the busy hour, on average. */
  concurrentVisits: number;
  numbersNeeded: number;
};

export const DEFAULT_PEAK_HOUR_SHARE = 0.1;
export const POOL_SIZE_LIMITS = {
  visitorsPerDay: 1_000_000,
  minutes: 24 * 60,
  coverage: { min: 0.5, max: 0.999 },
} as const;

const clamp = (value: number, min: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;

/**
 * The smallest n with P(X ≤ n) ≥ p for X ~ Poisson(mean). Terms are summed in log space, so a large
 * mean (where e^-mean underflows) only loses terms too small to matter.
 */
export function poissonQuantile(mean: number, p: number): number {
  if (mean <= 0) return 0;
  const logMean = Math.log(mean);
  let logFactorial = 0;
  let cumulative = 0;
  const limit = Math.ceil(mean + 40 * Math.sqrt(mean) + 40);
  for (let n = 0; n <= limit; n += 1) {
    if (n > 0) logFactorial += Math.log(n);
    cumulative += Math.exp(n * logMean - mean - logFactorial);
    if (cumulative >= p) return n;
  }
  return limit;
}

export function estimatePoolSize(input: TPoolSizeInput): TPoolSize {
  const visitorsPerDay = clamp(input.visitorsPerDay, 0, POOL_SIZE_LIMITS.visitorsPerDay);
  const minutes =
    clamp(input.visitMinutes, 0, POOL_SIZE_LIMITS.minutes) +
    clamp(input.holdMinutes, 0, POOL_SIZE_LIMITS.minutes);
  const coverage = clamp(
    input.coverage,
    POOL_SIZE_LIMITS.coverage.min,
    POOL_SIZE_LIMITS.coverage.max,
  );
  const peakHourShare = clamp(input.peakHourShare ?? DEFAULT_PEAK_HOUR_SHARE, 0.01, 1);
  const arrivalsPerMinute = (visitorsPerDay * peakHourShare) / 60;
  const concurrentVisits = arrivalsPerMinute * minutes;
  if (visitorsPerDay === 0 || minutes === 0) return { concurrentVisits: 0, numbersNeeded: 0 };
  // Any traffic at all needs one number to show.
  return {
    concurrentVisits,
    numbersNeeded: Math.max(1, poissonQuantile(concurrentVisits, coverage)),
  };
}
