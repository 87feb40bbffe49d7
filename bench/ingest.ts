/**
 * `npm run bench:ingest`: the Klientiks webhook receiver under load, next to a bare route handler
 * measured in the same run with the same connections (before and after the webhook run; the better
 * of the two is the baseline), then webhook → deal latency end to end, alone and beside a tenant
 * whose Klientiks account hangs on every call.
 * Prints progress lines, then ONE JSON line:
 *   {"ingest_rps", "ack_p50_ms", "ack_p99_ms", "errors", "bare_rps", "bare_p99_ms", "e2e_p95_ms",
 *    "e2e_p95_ms_beside_hung_tenant", "lost"}
 * Targets: ingest_rps ≥ 0.7 × bare_rps, ack_p99_ms ≤ 2 × bare_p99_ms, e2e_p95_ms ≤ 1000,
 * e2e_p95_ms_beside_hung_tenant ≤ 1000, lost = 0.
 * Everything runs on 127.0.0.1; see bench/README.md.
 */
import { performance } from "node:perf_hooks";

import autocannon from "autocannon";
import pg from "pg";

import { createKlientiksControl } from "../emulators/klientiks/control-client";
import { findFreePort, startProcess, waitForPort } from "../scripts/lib/processes.mjs";
import { ensureProductionBuild, startApp } from "./lib/app-server";
import { onCleanup, runBench } from "./lib/cleanup";
import { createBenchDatabase } from "./lib/database";
import { connectKlientiksWorkspace, type TKlientiksCredentials } from "./lib/klientiks-workspace";
import { LOAD_CONNECTIONS, logRatios, measureAgainstBareRoute } from "./lib/load";
import { log, mapWithConcurrency, percentile, roundMs, sleep, waitUntil } from "./lib/stats";

const LOAD_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
/**
 * Both routes get this much load first, unmeasured: a freshly started `next start` spends its
 * first ~10-20 s of load in V8's JIT (the bare route's CPU per request halves meanwhile), which
 * would otherwise be billed to whichever route runs first. 0 reproduces cold runs.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_INGEST_WARMUP_SECONDS ?? 10);
/** Distinct appointments behind the load phase; ids repeat after that with another status hint. */
const LOAD_APPOINTMENTS = 3_000;
const E2E_APPOINTMENTS = 200;
/** Phase 3: the measured tenant's webhooks while another tenant's Klientiks hangs. */
const BESIDE_HUNG_APPOINTMENTS = 100;
/** Webhooks of the hung tenant, sent first: its backlog is older than anything of the measured one. */
const HUNG_TENANT_WEBHOOKS = 40;
const E2E_RATE_PER_SECOND = 20;
const E2E_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 10 * 60_000;
const SETUP_TIMEOUT_MS = 60_000;
const POLL_MS = 20;

/** "YYYY-MM-DD HH:MM:SS" in Moscow time (the emulator's naive clock) for `daysAgo` days back. */
const moscowNaive = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000 + 3 * 3_600_000)
    .toISOString()
    .slice(0, 19)
    .replace("T", " ");

await runBench(async () => {
  await ensureProductionBuild(["/api/health/live", "/api/webhooks/klientiks/[token]"]);
  const database = await createBenchDatabase();
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  onCleanup("close the SQL connection", () => sql.end());

  // The Klientiks emulator in its own process, with an account the way a salon has it.
  const emulatorPort = await findFreePort();
  const emulatorProcess = startProcess(
    "klientiks-emulator",
    process.execPath,
    ["--import", "tsx", "bench/lib/emulator-main.ts"],
    { quiet: true, env: { BENCH_EMULATOR_PORT: String(emulatorPort) } },
  );
  onCleanup("stop the Klientiks emulator", emulatorProcess.stop);
  await waitForPort(emulatorPort);
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  const klientiks = createKlientiksControl(emulatorUrl);
  const account = await klientiks.createAccount({});
  const master = await klientiks.addUser(account.account_id, { name: "Петрова Ольга" });
  const haircut = await klientiks.addService(account.account_id, {
    name: "Стрижка женская",
    price: "2500",
  });
  const client = await klientiks.addClient(account.account_id, {
    first_name: "Анна",
    second_name: "Иванова",
    phone: "79991234567",
    email: "anna@example.ru",
  });
  log(`Klientiks emulator on ${emulatorUrl} (0 ms latency), account ${account.account_id}`);

  // The app, with the client-side Klientiks throttle raised: the real service's limit would make
  // the end-to-end figure a measure of Klientiks, not of us.
  const app = await startApp({
    port: await findFreePort(),
    databaseUrl: database.url,
    env: {
      KLIENTIKS_BASE_URL: emulatorUrl,
      KLIENTIKS_THROTTLE_PER_SECOND: "100000",
      KLIENTIKS_THROTTLE_BURST: "64",
      // The embedded database serves one session for all connections (see the env schema).
      ...(database.kind === "embedded" ? { DATABASE_POOL_MAX: "1" } : {}),
    },
  });
  log(`next start on ${app.url}`);

  const connectWorkspace = (name: string, credentials: TKlientiksCredentials) =>
    connectKlientiksWorkspace(app.url, sql, name, credentials);
  const { slug, tenantId, webhookPath } = await connectWorkspace("Bench Salon", account);
  log(`workspace ${slug} connected; activation backfill and first reconciliation done`);

  // A second salon, whose Klientiks account will hang on every call in phase 3.
  const hungAccount = await klientiks.createAccount({});
  const hung = await connectWorkspace("Hung Salon", hungAccount);
  log(
    `workspace ${hung.slug} connected to account ${hungAccount.account_id} (it will hang in phase 3)`,
  );

  // The appointments, stamped 90 days ago on the emulator clock: no later backfill or
  // reconciliation lists them, so every deal below comes from a webhook.
  await klientiks.setClock(moscowNaive(90));
  const createStarted = performance.now();
  const appointmentIds = await mapWithConcurrency(
    Array.from(
      { length: LOAD_APPOINTMENTS + E2E_APPOINTMENTS + BESIDE_HUNG_APPOINTMENTS + 1 },
      (_, index) => index,
    ),
    16,
    async (index) => {
      const start = moscowNaive(89 - (index % 60));
      const appointment = await klientiks.createAppointment(account.account_id, {
        client_id: client.id,
        executor_id: master.id,
        start,
        status: "scheduled",
        services: [{ service_id: haircut.id }],
        fire_webhooks: false,
      });
      return appointment.id;
    },
  );
  await klientiks.setClock(null);
  const [sanityId, ...rest] = appointmentIds as [number, ...number[]];
  const loadIds = rest.slice(0, LOAD_APPOINTMENTS);
  const e2eIds = rest.slice(LOAD_APPOINTMENTS, LOAD_APPOINTMENTS + E2E_APPOINTMENTS);
  const besideHungIds = rest.slice(LOAD_APPOINTMENTS + E2E_APPOINTMENTS);
  log(
    `created ${appointmentIds.length} appointments in the emulator (${((performance.now() - createStarted) / 1000).toFixed(1)} s, fire_webhooks: false)`,
  );

  // One delivery by hand: the address works and the pipeline turns it into a deal.
  const sanity = await fetch(
    `${app.url}${webhookPath}?appointment_id=${sanityId}&status=scheduled`,
  );
  if (sanity.status !== 200)
    throw new Error(`a webhook answered ${sanity.status}: ${await sanity.text()}`);
  const hasSanityDeal = await waitUntil(
    async () =>
      (
        await sql.query(`SELECT 1 FROM "Deal" WHERE "tenantId" = $1 AND "externalId" = $2`, [
          tenantId,
          String(sanityId),
        ])
      ).rowCount === 1,
    { timeoutMs: SETUP_TIMEOUT_MS, intervalMs: 50 },
  );
  if (!hasSanityDeal) throw new Error("the first webhook produced no deal within 60 s");
  const bareCheck = await fetch(`${app.url}/api/health/live`);
  if (bareCheck.status !== 200) throw new Error(`/api/health/live answered ${bareCheck.status}`);

  const inboxCounts = async () => {
    const { rows } = await sql.query<{ status: string; count: string }>(
      `SELECT "status", count(*) FROM "WebhookDelivery" WHERE "tenantId" = $1 AND "source" = 'webhook' GROUP BY "status"`,
      [tenantId],
    );
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)])) as Record<
      string,
      number
    >;
  };
  /** Waits (bounded) until the worker has settled every delivery so far; returns whether it did. */
  const drainInbox = async () => {
    let lastReport = performance.now();
    return waitUntil(
      async () => {
        const counts = await inboxCounts();
        const open = (counts.pending ?? 0) + (counts.processing ?? 0);
        if (performance.now() - lastReport > 5_000) {
          lastReport = performance.now();
          log(
            `draining the inbox: ${counts.processed ?? 0} processed, ${open} open, ${counts.failed ?? 0} failed`,
          );
        }
        return open === 0;
      },
      { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: 500 },
    );
  };

  // Phase 1: acknowledgement throughput and latency, bare route first, then the webhook, each
  // with the same connections. Every webhook is distinct (appointment, status hint), so that
  // dedupe never short-circuits one. The worker runs as in production: in the same process.
  let sent = 0;
  const webhookLoad = (duration: number) =>
    autocannon({
      url: app.url,
      connections: LOAD_CONNECTIONS,
      duration,
      requests: [
        {
          method: "GET",
          setupRequest: (request) => {
            const index = sent++;
            const cycle = Math.floor(index / loadIds.length);
            return {
              ...request,
              path: `${webhookPath}?appointment_id=${loadIds[index % loadIds.length]}&status=${cycle === 0 ? "scheduled" : `scheduled-${cycle}`}`,
            };
          },
        },
      ],
    });
  let before: Record<string, number> = {};
  let rowsBefore = 0;
  let acknowledged = 0;
  let afterLoad: Record<string, number> = {};
  let loadRows = 0;
  const runs = await measureAgainstBareRoute({
    app,
    warmupSeconds: WARMUP_SECONDS,
    loadSeconds: LOAD_SECONDS,
    route: {
      name: "webhook route",
      sends: `GET ${webhookPath.replace(/[^/]+$/, "<token>")}?appointment_id=…`,
      load: webhookLoad,
    },
    afterWarmUp: async () => {
      if (WARMUP_SECONDS > 0 && !(await drainInbox()))
        throw new Error("the warm-up's deliveries were not processed in time");
      before = await inboxCounts();
      rowsBefore = Object.values(before).reduce((sum, count) => sum + count, 0);
    },
    // The worker processes the load phase's deliveries meanwhile; wait for the inbox to drain so
    // that phase 2 (and the second bare run) measure latency, not backlog.
    afterRoute: async ({ result }) => {
      acknowledged = result.statusCodeStats["200"]?.count ?? 0;
      log(
        `the worker processed ${((await inboxCounts()).processed ?? 0) - (before.processed ?? 0)} deliveries during the webhook run`,
      );
      const drainStarted = performance.now();
      const isDrained = await drainInbox();
      afterLoad = await inboxCounts();
      loadRows = Object.values(afterLoad).reduce((sum, count) => sum + count, 0) - rowsBefore;
      const drainSeconds = (performance.now() - drainStarted) / 1000;
      log(
        `inbox ${isDrained ? "drained" : "NOT drained"} after ${drainSeconds.toFixed(1)} s: ${loadRows} load-phase deliveries stored for ${acknowledged} acknowledged, ` +
          `${afterLoad.processed ?? 0} processed in all, ${afterLoad.failed ?? 0} failed (≈ ${Math.round(loadRows / Math.max(drainSeconds + LOAD_SECONDS, 1))} deliveries/s processed)`,
      );
    },
  });
  const ingest = runs.route.result;
  const bare = runs.bare.result;
  const lostInLoad =
    Math.max(0, acknowledged - loadRows) +
    (afterLoad.failed ?? 0) +
    (afterLoad.pending ?? 0) +
    (afterLoad.processing ?? 0);

  /** Webhook → deal for distinct fresh appointments at a steady, moderate rate. */
  const measureWebhookToDeal = async (label: string, ids: readonly number[]) => {
    log(
      `${label}: ${ids.length} webhooks for distinct appointments at ${E2E_RATE_PER_SECOND}/s; time from send to the deal row being visible`,
    );
    const sentAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const ackFailures: string[] = [];
    const sends: Promise<void>[] = [];
    const phaseStarted = Date.now();
    let isSending = true;
    const poller = (async () => {
      while (
        isSending ||
        (seenAt.size < sentAt.size &&
          Date.now() - phaseStarted < (ids.length / E2E_RATE_PER_SECOND) * 1000 + E2E_TIMEOUT_MS)
      ) {
        const outstanding = [...sentAt.keys()].filter((id) => !seenAt.has(id));
        if (outstanding.length > 0) {
          const { rows } = await sql.query<{ externalId: string }>(
            `SELECT "externalId" FROM "Deal" WHERE "tenantId" = $1 AND "externalId" = ANY($2::text[])`,
            [tenantId, outstanding],
          );
          const now = Date.now();
          for (const row of rows) seenAt.set(row.externalId, now);
        }
        await sleep(POLL_MS);
      }
    })();
    for (const [index, id] of ids.entries()) {
      const due = phaseStarted + (index * 1000) / E2E_RATE_PER_SECOND;
      if (due > Date.now()) await sleep(due - Date.now());
      const externalId = String(id);
      sentAt.set(externalId, Date.now());
      sends.push(
        fetch(`${app.url}${webhookPath}?appointment_id=${id}&status=scheduled`).then(
          async (response) => {
            await response.arrayBuffer();
            if (response.status !== 200) ackFailures.push(`${externalId}: ${response.status}`);
          },
          (error: unknown) => {
            ackFailures.push(
              `${externalId}: ${error instanceof Error ? error.message : String(error)}`,
            );
          },
        ),
      );
    }
    await Promise.all(sends);
    isSending = false;
    await poller;
    const latencies = [...seenAt].map(([id, seen]) => seen - (sentAt.get(id) ?? seen));
    const p95 = percentile(latencies, 95);
    log(
      `${label}: ${seenAt.size}/${sentAt.size} deals appeared; latency p50 ${percentile(latencies, 50)} ms, p95 ${p95} ms, max ${Math.max(...latencies)} ms ` +
        `(polled every ${POLL_MS} ms); ${ackFailures.length} non-200 acknowledgements${ackFailures.length ? `: ${ackFailures.slice(0, 3).join(", ")}` : ""}`,
    );
    return { p95, lost: sentAt.size - seenAt.size };
  };

  // Phase 2: webhook → deal with nothing else going on.
  const alone = await measureWebhookToDeal("phase 2", e2eIds);

  // Phase 3: the same while another tenant's account hangs on every call (15 s timeouts) and
  // that tenant has a backlog older than anything of the measured one. It may hold its own two
  // slots (R10), nothing more.
  await klientiks.addFault({ mode: "hang", match: { account_id: hungAccount.account_id } });
  for (let index = 0; index < HUNG_TENANT_WEBHOOKS; index += 1) {
    const response = await fetch(
      `${app.url}${hung.webhookPath}?appointment_id=${900_000 + index}&status=scheduled`,
    );
    await response.arrayBuffer();
    if (response.status !== 200)
      throw new Error(`a webhook of the hung tenant answered ${response.status}`);
  }
  let hungInFlightMax = 0;
  let isWatchingHung = true;
  const hungWatcher = (async () => {
    while (isWatchingHung) {
      const {
        rows: [row],
      } = await sql.query<{ count: string }>(
        `SELECT count(*) FROM "WebhookDelivery" WHERE "tenantId" = $1 AND "status" = 'processing'`,
        [hung.tenantId],
      );
      hungInFlightMax = Math.max(hungInFlightMax, Number(row?.count ?? 0));
      await sleep(250);
    }
  })();
  const besideHung = await measureWebhookToDeal("phase 3 (beside a hung tenant)", besideHungIds);
  isWatchingHung = false;
  await hungWatcher;
  const { rows: hungCounts } = await sql.query<{ status: string; count: string }>(
    `SELECT "status", count(*) FROM "WebhookDelivery" WHERE "tenantId" = $1 GROUP BY "status"`,
    [hung.tenantId],
  );
  log(
    `phase 3: the hung tenant had at most ${hungInFlightMax} deliveries in flight (limit 2); its inbox now: ${hungCounts.map((row) => `${row.count} ${row.status}`).join(", ")}`,
  );
  const lostInE2e = alone.lost + besideHung.lost;

  const {
    rows: [sources],
  } = await sql.query<{ other: string }>(
    `SELECT count(*) AS other FROM "WebhookDelivery" WHERE "tenantId" = $1 AND "source" <> 'webhook'`,
    [tenantId],
  );
  if (Number(sources?.other ?? 0) > 0)
    log(`note: ${sources?.other} deliveries came from backfill/reconciliation (expected 0)`);
  if (database.kind === "embedded") log("embedded database: the targets apply to PostgreSQL");
  logRatios("webhook", runs, {
    extra: `; lost: ${lostInLoad} in phase 1, ${alone.lost} in phase 2, ${besideHung.lost} in phase 3`,
  });

  return {
    ingest_rps: Math.round(ingest.requests.average),
    ack_p50_ms: roundMs(ingest.latency.p50),
    ack_p99_ms: roundMs(ingest.latency.p99),
    errors: ingest.errors + ingest.non2xx,
    bare_rps: Math.round(bare.requests.average),
    bare_p99_ms: roundMs(bare.latency.p99),
    e2e_p95_ms: Number.isNaN(alone.p95) ? null : roundMs(alone.p95),
    e2e_p95_ms_beside_hung_tenant: Number.isNaN(besideHung.p95) ? null : roundMs(besideHung.p95),
    lost: lostInLoad + lostInE2e,
  };
});
