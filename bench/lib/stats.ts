/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Milliseconds rounded to 0.1 ms for the report. */
export const roundMs = (value: number): number => Math.round(value * 10) / 10;

export const log = (message: string): void => console.log(`[bench] ${message}`);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
