import { performance } from "node:perf_hooks";

import { log, percentile, roundMs } from "./stats";

const WARMUPS = 3;
const RUNS = 30;

/** One page of a server-paged list as its `find…` function returns it. */
type TListPage = { data: readonly unknown[]; count: number; isCountCapped: boolean };

/**
 * Times one request of a table's list function (page and capped count together, as the procedure
 * runs it) `RUNS` times after `WARMUPS` warm-ups, logs its percentiles and returns its p95 in ms.
 * An empty first page fails the bench: it would time nothing.
 */
export async function timeListPage(
  name: string,
  loadPage: () => Promise<TListPage>,
): Promise<number> {
  for (let index = 0; index < WARMUPS; index += 1) await loadPage();
  const samples: number[] = [];
  let last: TListPage | undefined;
  for (let index = 0; index < RUNS; index += 1) {
    const started = performance.now();
    last = await loadPage();
    samples.push(performance.now() - started);
    if (last.data.length === 0) throw new Error(`${name}: the first page is empty`);
  }
  const p95 = percentile(samples, 95);
  const total = `${last?.count ?? 0}${last?.isCountCapped ? "+ (capped)" : ""}`;
  log(
    `${name}: total ${total}, p50 ${roundMs(percentile(samples, 50))} ms, p95 ${roundMs(p95)} ms, max ${roundMs(Math.max(...samples))} ms (${RUNS} runs after ${WARMUPS} warm-ups)`,
  );
  return p95;
}
