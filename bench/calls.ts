/**
 * `npm run bench:calls`: telephony under load (issue 9 §8). Signed Zadarma notifications against a
 * bare form POST of the same shape; the call card's pop-up from NOTIFY_INTERNAL to 1,000 open SSE
 * streams; recordings through our proxy (first byte, and 50 streamed at once); the calls page over
 * 1,000,000 calls (`bench/calls-page.ts`, run first as a child); and a storm of 10,000 shuffled
 * notifications with 10 % duplicates checked call by call against the PBX.
 * Prints progress lines, then ONE JSON line:
 *   {"events_rps", "events_p99_ms", "bare_rps", "bare_p99_ms", "pop_p95_ms", "sse_rss_growth_mb", "recording_ttfb_p95_ms",
 *    "recording_rss_growth_mb", "calls_page_p95_ms", "lost"}
 * Targets: events_rps ≥ 0.7 × bare_rps, events_p99_ms ≤ 2 × bare_p99_ms, pop_p95_ms ≤ 250, sse_rss_growth_mb ≤ 150,
 * recording_ttfb_p95_ms ≤ 150, recording_rss_growth_mb ≤ 100, calls_page_p95_ms ≤ 100, lost = 0.
 * Everything runs on 127.0.0.1; see bench/README.md.
 */
import pg from "pg";

import { createZadarmaControl } from "../emulators/zadarma/control-client";
import { findFreePort, startProcess, waitForPort } from "../scripts/lib/processes.mjs";
import { ensureProductionBuild, startApp } from "./lib/app-server";
import {
  captureStormCalls,
  postStorm,
  shuffleWithDuplicates,
  STORM_EXTENSIONS,
} from "./lib/calls-storm";
import { runChildBench } from "./lib/child-bench";
import { onCleanup, runBench } from "./lib/cleanup";
import { createBenchDatabase } from "./lib/database";
import { LOAD_CONNECTIONS } from "./lib/load";
import { countInbox, drainInbox, measureNotificationLoad } from "./lib/notification-load";
import {
  measureConcurrentRecordings,
  measureRecordingTtfb,
  placeRecordedCalls,
} from "./lib/recordings-load";
import { MB, openStreamsMeasuringRss } from "./lib/sse-streams";
import { log, mapWithConcurrency, roundMs, waitUntil } from "./lib/stats";
import { checkStormCalls } from "./lib/storm-check";
import { connectTelephonyWorkspace, OWNER_EXTENSION } from "./lib/telephony-workspace";
import { measureWebhookPop } from "./lib/webhook-pop";

const LOAD_SECONDS = Number(process.env.BENCH_CALLS_SECONDS ?? 10);
/** Both routes get this much load first, unmeasured (V8's JIT on a fresh server; see bench:ingest). */
const WARMUP_SECONDS = Number(process.env.BENCH_CALLS_WARMUP_SECONDS ?? 10);
const POP_WORKSPACES = 50;
const STREAMS_PER_WORKSPACE = 20;
const POP_CALLS = 200;
const POP_CALLS_PER_SECOND = 10;
const ARRIVAL_TIMEOUT_MS = 5_000;
const RECORDING_BYTES = 10 * MB;
const TTFB_REQUESTS = 200;
const TTFB_WARMUPS = 10;
const STORM_EVENTS = 10_000;
const STORM_DUPLICATE_SHARE = 0.1;
const STORM_SEED = 20_261_203;
const DRAIN_TIMEOUT_MS = 20 * 60_000;

await runBench(async () => {
  // Alone on the machine first: it generates its own 1,000,000 calls in its own database.
  const callsPage = await runChildBench("bench/calls-page.ts");

  await ensureProductionBuild([
    "/api/health/live",
    "/api/webhooks/zadarma/[token]",
    "/api/w/[slug]/events",
    "/api/recordings/[callId]",
  ]);
  const database = await createBenchDatabase();
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  onCleanup("close the SQL connection", () => sql.end());

  const emulatorPort = await findFreePort();
  const emulatorProcess = startProcess(
    "zadarma-emulator",
    process.execPath,
    ["--import", "tsx", "bench/lib/zadarma-emulator-main.ts"],
    { quiet: true, env: { BENCH_EMULATOR_PORT: String(emulatorPort) } },
  );
  onCleanup("stop the Zadarma emulator", emulatorProcess.stop);
  await waitForPort(emulatorPort);
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const zadarma = createZadarmaControl(emulatorUrl);
  log(`Zadarma emulator on ${emulatorUrl} (0 ms latency)`);

  const app = await startApp({
    port: await findFreePort(),
    databaseUrl: database.url,
    env: {
      ZADARMA_BASE_URL: emulatorUrl,
      ...(database.kind === "embedded" ? { DATABASE_POOL_MAX: "1" } : {}),
    },
  });
  log(`next start on ${app.url}`);

  // Workspaces, each connected to its own PBX account through the app's API, the owner on extension 100.
  const loadWorkspace = await connectTelephonyWorkspace(app.url, zadarma, {
    name: "Load Salon",
    companyNumber: "74950000001",
  });
  const stormWorkspace = await connectTelephonyWorkspace(app.url, zadarma, {
    name: "Storm Salon",
    companyNumber: "74950000002",
    extensions: STORM_EXTENSIONS,
  });
  const popWorkspaces = await mapWithConcurrency(
    Array.from({ length: POP_WORKSPACES }, (_, index) => index),
    5,
    (index) =>
      connectTelephonyWorkspace(app.url, zadarma, {
        name: `Pop Salon ${index}`,
        companyNumber: `7495100${String(index).padStart(4, "0")}`,
      }),
  );
  log(
    `${POP_WORKSPACES + 2} workspaces connected to Zadarma accounts of their own (telephony.connect), owners mapped to extension ${OWNER_EXTENSION}`,
  );
  // Connecting started a 7-day statistics import per workspace (empty PBXs): let them be listed off the clock.
  const areImportsDone = await waitUntil(
    async () =>
      (
        await sql.query(
          `SELECT 1 FROM "BackfillJob" WHERE "status" = 'running' AND "enumeratedAt" IS NULL`,
        )
      ).rowCount === 0,
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  if (!areImportsDone)
    throw new Error("the statistics imports of the new connections did not finish within 120 s");

  // Phase 1, on the fresh server (as bench:calls-pop): 1,000 open streams, then NOTIFY_INTERNAL → call.card.
  const sse = await openStreamsMeasuringRss(app, popWorkspaces, STREAMS_PER_WORKSPACE);
  const pop = await measureWebhookPop(sql, popWorkspaces, sse.streams, {
    calls: POP_CALLS,
    perSecond: POP_CALLS_PER_SECOND,
    arrivalTimeoutMs: ARRIVAL_TIMEOUT_MS,
  });
  sse.close();

  // Phase 2: notifications against the bare POST, 50 connections.
  const runs = await measureNotificationLoad(app, sql, loadWorkspace, {
    warmupSeconds: WARMUP_SECONDS,
    loadSeconds: LOAD_SECONDS,
    drainTimeoutMs: DRAIN_TIMEOUT_MS,
  });

  // Phase 3: recordings through /api/recordings/{callId}, the emulator answering at once.
  const recorded = await placeRecordedCalls(zadarma, sql, popWorkspaces, RECORDING_BYTES);
  const ttfbP95 = await measureRecordingTtfb(app.url, recorded, {
    requests: TTFB_REQUESTS,
    warmups: TTFB_WARMUPS,
  });
  const recordingRssGrowth = await measureConcurrentRecordings(app, recorded, RECORDING_BYTES);

  // Phase 4: the storm, then the worker drains it, then every call is compared with the PBX's.
  const { calls, notifications } = await captureStormCalls(zadarma, {
    accountId: stormWorkspace.account.id,
    targetEvents: STORM_EVENTS,
    duplicateShare: STORM_DUPLICATE_SHARE,
  });
  const storm = shuffleWithDuplicates(notifications, {
    duplicateShare: STORM_DUPLICATE_SHARE,
    seed: STORM_SEED,
  });
  const stormStarted = Date.now();
  const posted = await postStorm(stormWorkspace.webhookUrl, storm, {
    concurrency: LOAD_CONNECTIONS,
  });
  log(
    `storm: ${storm.length} notifications (${storm.length - notifications.length} duplicates) posted in shuffled order in ${((Date.now() - stormStarted) / 1000).toFixed(1)} s; ` +
      `answers ${JSON.stringify(posted.statuses)}, ${posted.retries} retried`,
  );
  const isStormDrained = await drainInbox(sql, stormWorkspace.tenantId, DRAIN_TIMEOUT_MS);
  const stormInbox = await countInbox(sql, stormWorkspace.tenantId);
  log(
    `storm: inbox ${isStormDrained ? "drained" : "NOT drained"} ${((Date.now() - stormStarted) / 1000).toFixed(1)} s after the first post; ${stormInbox.failed} failed, ${stormInbox.open} still open`,
  );
  const {
    rows: [sources],
  } = await sql.query<{ other: string }>(
    `SELECT count(*) AS other FROM "WebhookDelivery" WHERE "tenantId" = $1 AND "source" <> 'webhook'`,
    [stormWorkspace.tenantId],
  );
  if (Number(sources?.other ?? 0) > 0)
    log(
      `note: ${sources?.other} storm-workspace deliveries came from the statistics import (expected 0)`,
    );
  const check = await checkStormCalls(sql, {
    tenantId: stormWorkspace.tenantId,
    calls,
    notifications,
  });

  if (database.kind === "embedded") log("embedded database: the targets apply to PostgreSQL");
  return {
    events_rps: Math.round(runs.route.result.requests.average),
    events_p99_ms: roundMs(runs.route.result.latency.p99),
    bare_rps: Math.round(runs.bare.result.requests.average),
    bare_p99_ms: roundMs(runs.bare.result.latency.p99),
    events_errors: runs.route.result.errors + runs.route.result.non2xx,
    pop_p95_ms: Number.isNaN(pop.p95) ? null : roundMs(pop.p95),
    pop_lost: pop.lost + pop.misdelivered,
    sse_rss_growth_mb: roundMs((sse.rssAfterBytes - sse.rssBeforeBytes) / MB),
    recording_ttfb_p95_ms: roundMs(ttfbP95),
    recording_rss_growth_mb: roundMs(recordingRssGrowth),
    calls_page_p95_ms: callsPage.calls_page_p95_ms ?? null,
    storm_events: storm.length,
    // A notification refused or failed in processing shows as a call with other columns or events.
    lost: check.missing + check.unexpected + check.mismatched + check.doubled,
  };
});
