/**
 * `npm run bench:calls-pop`: live events under many open streams. A `next start` server holds 1,000
 * SSE connections (`/api/w/{slug}/events`) across 50 workspaces, 20 per workspace; this process
 * publishes `call.card` events the way the app does (`publishRealtimeEvents`: insert + NOTIFY) and
 * times each from publish to its arrival on every stream of its workspace.
 * Prints progress lines, then ONE JSON line:
 *   {"connections", "workspaces", "events", "pop_p50_ms", "pop_p95_ms", "pop_max_ms", "lost", "misdelivered",
 *    "rss_before_mb", "rss_after_mb", "rss_growth_mb"}
 * Targets (issue 9 §8): pop_p95_ms ≤ 250, rss_growth_mb ≤ 150, lost = 0, misdelivered = 0.
 * Needs PostgreSQL (DATABASE_URL): on the embedded database the server fans out in process only, so
 * events published by another process never reach it (docs/realtime.md); then only memory is measured.
 */
import { performance } from "node:perf_hooks";

import { PrismaClient } from "@generated/prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";

import { guardUnscopedMassWrites } from "@/server/db/guard-unscoped-mass-writes";
import { publishRealtimeEvents } from "@/server/realtime/publish";

import { findFreePort } from "../scripts/lib/processes.mjs";
import type { TSseConnection } from "../tests/support/sse-client";
import { signUpWorkspaceOwner, type TAppClient } from "./lib/app-client";
import { ensureProductionBuild, startApp } from "./lib/app-server";
import { onCleanup, runBench } from "./lib/cleanup";
import { createBenchDatabase } from "./lib/database";
import { MB, openStreamsMeasuringRss } from "./lib/sse-streams";
import { log, percentile, roundMs, sleep } from "./lib/stats";

const WORKSPACES = Number(process.env.BENCH_POP_WORKSPACES ?? 50);
const STREAMS_PER_WORKSPACE = Number(process.env.BENCH_POP_STREAMS ?? 20);
const EVENTS = Number(process.env.BENCH_POP_EVENTS ?? 200);
const EVENTS_PER_SECOND = 10;
const ARRIVAL_TIMEOUT_MS = 5_000;

type TWorkspace = {
  tenantId: string;
  slug: string;
  api: TAppClient;
  streams: TSseConnection[];
  published: number;
};

await runBench(async () => {
  await ensureProductionBuild(["/api/health/live", "/api/w/[slug]/events"]);
  const database = await createBenchDatabase();
  const isEmbedded = database.kind === "embedded";
  const app = await startApp({
    port: await findFreePort(),
    databaseUrl: database.url,
    env: isEmbedded ? { DATABASE_POOL_MAX: "1" } : {},
  });
  log(
    `next start on ${app.url}${isEmbedded ? " (embedded database: in-process transport, publish latency not measurable from here)" : ""}`,
  );
  const db = new PrismaClient({
    adapter: new PrismaPg({ connectionString: database.url, max: 2 }),
  }).$extends(guardUnscopedMassWrites);
  onCleanup("disconnect Prisma", () => db.$disconnect());

  const workspaces: TWorkspace[] = [];
  for (let index = 0; index < WORKSPACES; index += 1) {
    const { api, workspace } = await signUpWorkspaceOwner(app.url, `Pop Salon ${index}`);
    workspaces.push({
      tenantId: workspace.id,
      slug: workspace.slug,
      api,
      streams: [],
      published: 0,
    });
  }
  log(`${WORKSPACES} workspaces signed up`);

  const {
    streams,
    rssBeforeBytes: rssBefore,
    rssAfterBytes: rssAfter,
  } = await openStreamsMeasuringRss(app, workspaces, STREAMS_PER_WORKSPACE);
  workspaces.forEach((workspace, index) => (workspace.streams = streams[index] ?? []));
  const connections = WORKSPACES * STREAMS_PER_WORKSPACE;

  const latencies: number[] = [];
  let lost = 0;
  if (!isEmbedded) {
    for (let sequence = 0; sequence < EVENTS; sequence += 1) {
      const workspace = workspaces[sequence % WORKSPACES]!;
      const publishedAt = performance.now();
      const [event] = await publishRealtimeEvents(db, [
        {
          tenantId: workspace.tenantId,
          membershipId: null,
          topic: "call.card",
          payload: { sequence },
        },
      ]);
      const count = (workspace.published += 1);
      void Promise.all(
        workspace.streams.map(async (stream) => {
          try {
            const received = (await stream.waitFor(count, ARRIVAL_TIMEOUT_MS))[count - 1]!;
            if (received.id !== event!.id)
              throw new Error(`expected ${event!.id}, got ${received.id}`);
            latencies.push(received.receivedAt - publishedAt);
          } catch {
            lost += 1;
          }
        }),
      );
      await sleep(1_000 / EVENTS_PER_SECOND);
    }
    await sleep(ARRIVAL_TIMEOUT_MS);
  }
  // Each workspace's streams must have received exactly its own events: anything more came from elsewhere.
  const misdelivered = workspaces.reduce(
    (sum, workspace) =>
      sum +
      workspace.streams.reduce(
        (streamSum, stream) => streamSum + Math.max(0, stream.events.length - workspace.published),
        0,
      ),
    0,
  );
  log(`${latencies.length} arrivals timed, ${lost} lost, ${misdelivered} misdelivered`);

  return {
    connections,
    workspaces: WORKSPACES,
    events: isEmbedded ? 0 : EVENTS,
    pop_p50_ms: isEmbedded ? null : roundMs(percentile(latencies, 50)),
    pop_p95_ms: isEmbedded ? null : roundMs(percentile(latencies, 95)),
    pop_max_ms: isEmbedded ? null : roundMs(Math.max(...latencies)),
    lost,
    misdelivered,
    rss_before_mb: roundMs(rssBefore / MB),
    rss_after_mb: roundMs(rssAfter / MB),
    rss_growth_mb: roundMs((rssAfter - rssBefore) / MB),
  };
});
