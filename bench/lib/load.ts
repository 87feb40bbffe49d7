import autocannon, { type TAutocannonResult } from "autocannon";

import { processGroupCpuSeconds } from "./process-cpu";
import { log } from "./stats";

/** Connections for every load run: what a busy reverse proxy keeps open to one app process. */
export const LOAD_CONNECTIONS = 50;

export type TMeasuredRun = { result: TAutocannonResult; cpuMsPerRequest: number };

/** A load run of `duration` seconds against the app (an autocannon instance). */
export type TLoad = (duration: number) => Promise<TAutocannonResult>;

/** A load and what it sends, for the log. */
export type TRouteLoad = { sends: string; load: TLoad };

/**
 * The default bare route: `GET /api/health/live`, a liveness probe that does not touch the database.
 * A bench whose route takes a body passes its own (the probe's POST), so both sides pay for a body.
 */
const bareGetLoad = (appUrl: string): TRouteLoad => ({
  sends: "GET /api/health/live",
  load: (duration) =>
    autocannon({ url: `${appUrl}/api/health/live`, connections: LOAD_CONNECTIONS, duration }),
});

/** One request of a load that POSTs a distinct body each time. */
export type TPostRequest = { headers: Record<string, string>; body: string };

/**
 * autocannon posting one generated request per call to `path`; `onResponse`, when given, sees each
 * answer's status and body (autocannon then collects the bodies, a small cost of the load side).
 */
export const postEach =
  (
    appUrl: string,
    path: string,
    nextRequest: () => TPostRequest,
    onResponse?: (status: number, body: string) => void,
  ): TLoad =>
  (duration) =>
    autocannon({
      url: appUrl,
      connections: LOAD_CONNECTIONS,
      duration,
      requests: [
        {
          method: "POST",
          path,
          setupRequest: (request) => ({ ...request, method: "POST", path, ...nextRequest() }),
          ...(onResponse ? { onResponse } : {}),
        },
      ],
    });

/** Runs autocannon and reports, besides its figures, the server CPU it cost per request. */
export async function measure(
  name: string,
  processGroupId: number,
  run: () => Promise<TAutocannonResult>,
): Promise<TMeasuredRun> {
  const cpuBefore = processGroupCpuSeconds(processGroupId);
  const result = await run();
  const cpuMsPerRequest =
    ((processGroupCpuSeconds(processGroupId) - cpuBefore) * 1000) /
    Math.max(result.requests.total, 1);
  log(
    `${name}: ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms / p99 ${result.latency.p99} ms / max ${result.latency.max} ms, ` +
      `${result.requests.total} requests, non-2xx ${result.non2xx}, errors ${result.errors} (timeouts ${result.timeouts}); server CPU ${cpuMsPerRequest.toFixed(2)} ms per request`,
  );
  return { result, cpuMsPerRequest };
}

/** Of two runs of the same load, the one with more req/s. */
const betterRun = (name: string, first: TMeasuredRun, second: TMeasuredRun): TMeasuredRun => {
  const better = second.result.requests.average > first.result.requests.average ? second : first;
  log(
    `baseline: the ${better === first ? "first" : "second"} ${name} run (the one with more req/s)`,
  );
  return better;
};

/**
 * The route under test next to the bare route, with the same connections: an unmeasured warm-up of
 * each (a freshly started `next start` spends its first 10-20 s of load in V8's JIT, which would
 * otherwise be billed to whichever route runs first), then bare, route, bare again. The better bare
 * run is the baseline, so warm-up never flatters the route. `sameShapeBare`, when given, is a second
 * baseline run beside the first each time: a bare route taking the route's own request shape (a POST
 * with a body of the same size), so the baseline also pays what Next charges for a body.
 * `afterWarmUp` and `afterRoute` let the caller wait for the route's background work (an inbox,
 * deferred writes) before what follows.
 */
export async function measureAgainstBareRoute(options: {
  app: { url: string; processGroupId: number };
  warmupSeconds: number;
  loadSeconds: number;
  /** The route's name, and what its load sends (for the log). */
  route: TRouteLoad & { name: string };
  /** The baseline's load; by default `GET /api/health/live`. */
  bare?: TRouteLoad;
  sameShapeBare?: TRouteLoad;
  afterWarmUp?: () => Promise<void>;
  afterRoute?: (run: TMeasuredRun) => Promise<void>;
}): Promise<{
  route: TMeasuredRun;
  bare: TMeasuredRun;
  /** null without `sameShapeBare`. */
  sameShapeBare: TMeasuredRun | null;
}> {
  const {
    app: { processGroupId },
    warmupSeconds,
    loadSeconds,
    route,
  } = options;
  const { sends: bareSends, load: bare } = options.bare ?? bareGetLoad(options.app.url);
  const sameShape = options.sameShapeBare ?? null;
  if (warmupSeconds > 0) {
    await measure(`warm-up (not counted), bare route ${warmupSeconds} s`, processGroupId, () =>
      bare(warmupSeconds),
    );
    if (sameShape)
      await measure(
        `warm-up (not counted), same-shape bare route ${warmupSeconds} s`,
        processGroupId,
        () => sameShape.load(warmupSeconds),
      );
    await measure(`warm-up (not counted), ${route.name} ${warmupSeconds} s`, processGroupId, () =>
      route.load(warmupSeconds),
    );
  }
  await options.afterWarmUp?.();
  const sameShapeSends = sameShape ? ` and same-shape bare ${sameShape.sends}` : "";
  log(
    `phase 1: autocannon, ${LOAD_CONNECTIONS} connections, ${loadSeconds} s each: bare ${bareSends}${sameShapeSends}, then ${route.sends}, then the bare run${sameShape ? "s" : ""} again`,
  );
  const bareFirst = await measure("bare route", processGroupId, () => bare(loadSeconds));
  const sameShapeFirst =
    sameShape &&
    (await measure("same-shape bare route", processGroupId, () => sameShape.load(loadSeconds)));
  const routeRun = await measure(route.name, processGroupId, () => route.load(loadSeconds));
  await options.afterRoute?.(routeRun);
  // The bare routes once more, now that the server is as warm as it was for the route's run.
  const bareSecond = await measure("bare route again", processGroupId, () => bare(loadSeconds));
  const sameShapeSecond =
    sameShape &&
    (await measure("same-shape bare route again", processGroupId, () =>
      sameShape.load(loadSeconds),
    ));
  return {
    route: routeRun,
    bare: betterRun("bare", bareFirst, bareSecond),
    sameShapeBare:
      sameShapeFirst && sameShapeSecond
        ? betterRun("same-shape bare", sameShapeFirst, sameShapeSecond)
        : null,
  };
}

const ratio = (value: number, base: number) => (base > 0 ? (value / base).toFixed(2) : "n/a");

/**
 * The ratios the targets are about, plus the CPU ratio an undisturbed CPU-bound run would approach.
 * `routeRps` replaces the route's req/s when only some answers count (say, accepted ones).
 */
export function logRatios(
  name: string,
  runs: { route: TMeasuredRun; bare: TMeasuredRun },
  options: { routeRps?: number; extra?: string } = {},
): void {
  const { route, bare } = runs;
  log(
    `ratios: ${name}/bare req/s ${ratio(options.routeRps ?? route.result.requests.average, bare.result.requests.average)} (target ≥ 0.7), ` +
      `${name} p99 / bare p99 ${ratio(route.result.latency.p99, bare.result.latency.p99)} (target ≤ 2), ` +
      `server CPU per request bare/${name} ${ratio(bare.cpuMsPerRequest, route.cpuMsPerRequest)} (the req/s ratio an undisturbed CPU-bound run would approach)${options.extra ?? ""}`,
  );
}

/** The 2xx answers of a run: what counts as throughput when a refusal (429) or a shed (503) is also an answer. */
export const countTwoXx = (result: TAutocannonResult): number =>
  Object.entries(result.statusCodeStats).reduce(
    (sum, [status, { count }]) => sum + (status.startsWith("2") ? count : 0),
    0,
  );

/** A run's answers by status, for the log: `202: 4100, 429: 3`. */
export const describeStatuses = (result: TAutocannonResult): string =>
  Object.entries(result.statusCodeStats)
    .map(([status, { count }]) => `${status}: ${count}`)
    .join(", ");
