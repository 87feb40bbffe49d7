import { performance } from "node:perf_hooks";

import type { TShownNumber } from "@/server/domain/call-tracking/lease-number";

import { log, seededRandom } from "./stats";

/**
 * A week of a site's visits in virtual time, for the lease function's exclusivity and the pool's
 * coverage (docs/call-tracking.md §3). Visits arrive as a Poisson process over the week whose rate
 * follows the day (a tenth of the midday rate at night); each lasts 1–6 minutes, asking for its
 * number on arrival and again every virtual minute (the heartbeat); one in ten is a returning
 * visitor with a new session, 0.5–4.5 minutes after its previous visit ended, so within the minimum
 * hold time of 5 minutes. Deterministic (a seeded generator), so runs are comparable.
 */
const WEEK_SECONDS = 7 * 86_400;
const RETURN_SHARE = 0.1;

type TVisit = { visitor: number; session: number; arrival: number; minutes: number };
/** One request: the visit it belongs to, at virtual second `second` since the start. */
type TRequest = { visit: number; second: number };

/** The arrival rate over the day, relative to its peak at 14:00: 0.1 at 02:00, 1 at 14:00. */
const dayRate = (second: number) =>
  0.55 - 0.45 * Math.cos((2 * Math.PI * ((second / 3600 - 2 + 24) % 24)) / 24);

/** `count` visits, the first `count × 0.9` arriving over the week, the rest returning ones. */
export function generateWeekOfVisits(count: number, seed = 20261203): TVisit[] {
  const random = seededRandom(seed);
  const firstVisits = Math.round(count * (1 - RETURN_SHARE));
  const arrivals: number[] = [];
  // A Poisson process given its count: that many instants drawn from the rate, in order.
  while (arrivals.length < firstVisits) {
    const second = random() * WEEK_SECONDS;
    if (random() < dayRate(second)) arrivals.push(Math.floor(second));
  }
  arrivals.sort((a, b) => a - b);
  const visits: TVisit[] = arrivals.map((arrival, index) => ({
    visitor: index,
    session: index,
    arrival,
    minutes: 1 + random() * 5,
  }));
  // Each returning visitor comes back once, so no visitor has two visits under way.
  const returned = new Set<number>();
  while (visits.length < count) {
    const pick = Math.floor(random() * firstVisits);
    if (returned.has(pick)) continue;
    returned.add(pick);
    const previous = visits[pick] as TVisit;
    visits.push({
      visitor: previous.visitor,
      session: visits.length,
      arrival: Math.floor(previous.arrival + previous.minutes * 60 + 30 + random() * 240),
      minutes: 1 + random() * 5,
    });
  }
  return visits;
}

/** Every request of every visit: on arrival, then one per full virtual minute while it lasts. */
function requestsInTimeOrder(visits: readonly TVisit[]): TRequest[] {
  const requests: TRequest[] = [];
  visits.forEach((visit, index) => {
    for (let minute = 0; minute <= Math.floor(visit.minutes); minute += 1)
      requests.push({ visit: index, second: visit.arrival + minute * 60 });
  });
  return requests.sort((a, b) => a.second - b.second || a.visit - b.visit);
}

export type TSimulationResult = {
  visits: number;
  requests: number;
  /** Visits whose first request was answered (all, unless the wall-time bound stopped the run). */
  visitsAsked: number;
  /** Of those, the visits whose first request got a pool number. */
  firstAnsweredFromPool: number;
  answers: Record<TShownNumber["usage"] | "none", number>;
  largestBatch: number;
  isComplete: boolean;
  seconds: number;
};

/**
 * Replays the visits' requests in virtual-time order, batched by virtual second: the requests of
 * one second run concurrently with the same `at` (through the caller's pool of connections), the
 * batches one after the other, as the server's clock only moves forward. Stops early when the wall
 * time passes `maxSeconds`.
 */
export async function replayVisits(options: {
  visits: readonly TVisit[];
  start: Date;
  maxSeconds: number;
  lease: (request: { visitor: number; session: number; at: Date }) => Promise<TShownNumber | null>;
}): Promise<TSimulationResult> {
  const { visits, start, maxSeconds, lease } = options;
  const requests = requestsInTimeOrder(visits);
  const answered = new Set<number>();
  const result: TSimulationResult = {
    visits: visits.length,
    requests: 0,
    visitsAsked: 0,
    firstAnsweredFromPool: 0,
    answers: { pool: 0, static: 0, fallback: 0, none: 0 },
    largestBatch: 0,
    isComplete: false,
    seconds: 0,
  };
  const started = performance.now();
  let lastReport = started;
  let index = 0;
  while (index < requests.length) {
    const second = (requests[index] as TRequest).second;
    const batch: TRequest[] = [];
    while (index < requests.length && (requests[index] as TRequest).second === second)
      batch.push(requests[index++] as TRequest);
    const at = new Date(start.getTime() + second * 1000);
    const shown = await Promise.all(
      batch.map(({ visit }) => {
        const { visitor, session } = visits[visit] as TVisit;
        return lease({ visitor, session, at });
      }),
    );
    batch.forEach(({ visit }, position) => {
      const usage = shown[position]?.usage ?? "none";
      result.answers[usage] += 1;
      if (answered.has(visit)) return;
      answered.add(visit);
      result.visitsAsked += 1;
      if (usage === "pool") result.firstAnsweredFromPool += 1;
    });
    result.requests += batch.length;
    result.largestBatch = Math.max(result.largestBatch, batch.length);
    const now = performance.now();
    if (now - lastReport > 15_000) {
      lastReport = now;
      log(
        `simulation: virtual day ${(second / 86_400).toFixed(2)}, ${result.requests} / ${requests.length} requests, ` +
          `${result.visitsAsked} visits (${((now - started) / 1000).toFixed(0)} s)`,
      );
    }
    if (now - started > maxSeconds * 1000) break;
  }
  result.isComplete = index >= requests.length;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
