// Per-account REST counters for `/__control/stats` (klientiks-contract §6, §17.3): tests assert that our
// client never runs more than its own limit concurrently, nor more than it may in any one second.

import { performance } from "node:perf_hooks";

export type AccountStats = {
  requests: number;
  in_flight: number;
  max_concurrency: number;
  /** Most requests started within any sliding 1 s window. */
  max_requests_per_second: number;
};

export type StatsRecorder = {
  /** Counts a request as started; call the returned function once it is over. */
  begin(accountId: string): () => void;
  snapshot(): Record<string, AccountStats>;
};

export const createStatsRecorder = (): StatsRecorder => {
  const stats = new Map<string, AccountStats>();
  const recentStarts = new Map<string, number[]>();

  return {
    begin: (accountId) => {
      const entry = stats.get(accountId) ?? {
        requests: 0,
        in_flight: 0,
        max_concurrency: 0,
        max_requests_per_second: 0,
      };
      stats.set(accountId, entry);
      entry.requests += 1;
      entry.in_flight += 1;
      entry.max_concurrency = Math.max(entry.max_concurrency, entry.in_flight);

      const now = performance.now();
      const window = (recentStarts.get(accountId) ?? []).filter(
        (startedAt) => now - startedAt < 1000,
      );
      window.push(now);
      recentStarts.set(accountId, window);
      entry.max_requests_per_second = Math.max(entry.max_requests_per_second, window.length);

      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        entry.in_flight -= 1;
      };
    },
    snapshot: () =>
      Object.fromEntries(Array.from(stats, ([accountId, entry]) => [accountId, { ...entry }])),
  };
};
