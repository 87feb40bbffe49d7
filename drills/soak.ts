/**
 * `npm run drill:soak`: Klientiks webhooks and Zadarma notifications (10,000 each by default, 10 %
 * duplicates, shuffled) sent to a production build on PostgreSQL while both emulators misbehave
 * (Klientiks: 10 % 5xx, 5 % hangs; Zadarma: 5 % 5xx on recordings), the app killed with SIGKILL in
 * the middle and started again; then the faults clear, the retries and a reconciliation run, and
 * the database is checked event by event. Prints progress lines, then ONE JSON line:
 *   {"sent", "acknowledged", "lost", "duplicated", "failed", "drain_s", "restart_s"}
 * Exits 1 unless lost = duplicated = failed = 0 and everything drained. `--short` is the stage of
 * `npm test` (1,000 events). See docs/drills.md.
 */
import pg from "pg";

import { ensureProductionBuild } from "../bench/lib/app-server";
import { onCleanup, runBench } from "../bench/lib/cleanup";
import { createBenchDatabase } from "../bench/lib/database";
import { configureLog, log, mapWithConcurrency, waitUntil } from "../bench/lib/stats";
import { createKlientiksControl } from "../emulators/klientiks/control-client";
import { createZadarmaControl } from "../emulators/zadarma/control-client";
import { findFreePort, startProcess, waitForPort } from "../scripts/lib/processes.mjs";
import { createAtLeastOnceSender } from "./lib/at-least-once-sender";
import {
  countBackgroundWork,
  summarizeAttempts,
  waitForBackgroundWork,
} from "./lib/background-work";
import { startRestartableApp } from "./lib/restartable-app";
import { checkSoak, type TSalonExpectation } from "./soak/check";
import { readSoakOptions } from "./soak/options";
import { countRecordingsFetchedTwice } from "./soak/recording-fetches";
import { openSalons, prepareTraffic } from "./soak/salons";
import { mixTraffic, type TSoakEvent } from "./soak/traffic";

const KLIENTIKS_5XX_SHARE = 0.1;
const KLIENTIKS_HANG_SHARE = 0.05;
const RECORDINGS_5XX_SHARE = 0.05;
/** How the drill's providers retry an unacknowledged request: soon at first, then every 30 s, for 10 minutes. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000];
const GIVE_UP_AFTER_MS = 10 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 5_000;

configureLog({ tag: "soak", showElapsed: true });
const isMiss = (result: {
  lost: number;
  duplicated: number;
  failed: number;
  drain_s: number | null;
}) => result.lost > 0 || result.duplicated > 0 || result.failed > 0 || result.drain_s === null;
const options = readSoakOptions(process.argv.slice(2), process.env);

/** Starts one of the bench's emulator mains in its own process; returns its URL. */
async function startEmulator(name: string, main: string, port: number | undefined) {
  const listenOn = port ?? (await findFreePort());
  const emulator = startProcess(name, process.execPath, ["--import", "tsx", main], {
    quiet: true,
    env: { BENCH_EMULATOR_PORT: String(listenOn) },
  });
  onCleanup(`stop the ${name}`, emulator.stop);
  await waitForPort(listenOn);
  return `http://127.0.0.1:${listenOn}`;
}

await runBench(
  async () => {
    await ensureProductionBuild([
      "/api/health",
      "/api/webhooks/klientiks/[token]",
      "/api/webhooks/zadarma/[token]",
    ]);
    const database = await createBenchDatabase({ prefix: "svyaz_drill" });
    if (database.kind === "embedded")
      log(
        "no PostgreSQL (DATABASE_URL unset): the drill runs on the embedded database server, one connection per process; its figures are not PostgreSQL's",
      );
    const sql = new pg.Pool({ connectionString: database.url, max: 4 });
    onCleanup("close the SQL connections", () => sql.end());

    const emulatorUrls = {
      klientiks: await startEmulator(
        "Klientiks emulator",
        "bench/lib/emulator-main.ts",
        options.ports.klientiks,
      ),
      zadarma: await startEmulator(
        "Zadarma emulator",
        "bench/lib/zadarma-emulator-main.ts",
        options.ports.zadarma,
      ),
    };
    const emulators = {
      klientiks: createKlientiksControl(emulatorUrls.klientiks),
      zadarma: createZadarmaControl(emulatorUrls.zadarma),
    };
    const app = await startRestartableApp({
      port: options.ports.app ?? (await findFreePort()),
      databaseUrl: database.url,
      env: {
        KLIENTIKS_BASE_URL: emulatorUrls.klientiks,
        ZADARMA_BASE_URL: emulatorUrls.zadarma,
        // Klientiks' own pace (1 request/s per account) would make the drill a measure of Klientiks.
        KLIENTIKS_THROTTLE_PER_SECOND: "100000",
        KLIENTIKS_THROTTLE_BURST: "64",
        KLIENTIKS_TIMEOUT_MS: String(options.klientiksTimeoutMs),
        ...(database.kind === "embedded" ? { DATABASE_POOL_MAX: "1" } : {}),
      },
    });
    log(`next start on ${app.url}`);

    const salons = await openSalons(app.url, sql, emulators, options.workspaces);
    const distinctShare = 1 + options.duplicateShare;
    const traffic = await mapWithConcurrency(salons, 2, (salon) =>
      prepareTraffic(salon, emulators, {
        klientiksEvents: Math.round(options.klientiksEvents / distinctShare / salons.length),
        zadarmaEvents: Math.round(options.zadarmaEvents / salons.length),
        duplicateShare: options.duplicateShare,
      }),
    );
    const { distinct, sends } = mixTraffic(app.url, salons, traffic, options);
    const tenantIds = salons.map((salon) => salon.tenantId);
    const before = await countBackgroundWork(sql, tenantIds);
    if (before.open > 0 || before.failed > 0)
      throw new Error(`the inboxes are not settled before the drill: ${JSON.stringify(before)}`);
    log(
      `${sends.length} requests to send (${distinct.length} distinct events: ${distinct.filter((event) => event.provider === "klientiks").length} Klientiks webhooks ` +
        `about ${traffic.reduce((sum, salon) => sum + salon.appointments.length, 0)} appointments, ${distinct.filter((event) => event.provider === "zadarma").length} ` +
        `Zadarma notifications of ${traffic.reduce((sum, salon) => sum + salon.calls.length, 0)} calls; ${sends.length - distinct.length} duplicates), shuffled, ` +
        `${options.perSecond}/s, ${options.concurrency} at a time`,
    );

    await emulators.klientiks.addFault({
      mode: "http_error",
      status: 500,
      probability: KLIENTIKS_5XX_SHARE,
    });
    // Drawn only when the 5xx did not fire: 5 % of all requests.
    await emulators.klientiks.addFault({
      mode: "hang",
      probability: KLIENTIKS_HANG_SHARE / (1 - KLIENTIKS_5XX_SHARE),
    });
    await emulators.zadarma.addRestFault({
      mode: "http_error",
      status: 500,
      match: { method: "pbx/record/request" },
      probability: RECORDINGS_5XX_SHARE,
    });
    log(
      `faults on: Klientiks answers ${KLIENTIKS_5XX_SHARE * 100} % of requests with 500 and leaves ${KLIENTIKS_HANG_SHARE * 100} % hanging; ` +
        `Zadarma answers ${RECORDINGS_5XX_SHARE * 100} % of recording requests with 500`,
    );

    const sender = createAtLeastOnceSender(
      sends.map((event) => event.request),
      {
        concurrency: options.concurrency,
        perSecond: options.perSecond,
        retryDelaysMs: RETRY_DELAYS_MS,
        giveUpAfterMs: GIVE_UP_AFTER_MS,
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
      },
    );
    const reportProgress = setInterval(() => {
      const progress = sender.progress();
      log(
        `sending: ${progress.started}/${sends.length} out, ${progress.sent} requests sent, ${progress.acknowledged} acknowledged, ${progress.waitingForRetry} waiting for a retry`,
      );
    }, PROGRESS_EVERY_MS);
    const killAfter = Math.floor(sends.length * options.killAt);
    const restart = (async () => {
      await waitUntil(async () => sender.progress().started >= killAfter, {
        timeoutMs: GIVE_UP_AFTER_MS,
        intervalMs: 20,
      });
      log(`SIGKILL to the app after ${sender.progress().started} requests, then next start again`);
      const seconds = await app.killAndRestart();
      log(`the app answered /api/health again ${seconds.toFixed(1)} s after the kill`);
      return seconds;
    })();
    const [report, restartSeconds] = await Promise.all([sender.run(), restart]);
    clearInterval(reportProgress);
    const sendingEndedAt = Date.now();
    const drainDeadline = sendingEndedAt + options.drainTimeoutMs;
    const unacknowledged = report.outcomes.filter((outcome) => !outcome.isAcknowledged);
    log(
      `sending done: ${report.sent} requests, ${report.acknowledged} acknowledged; answers ${JSON.stringify(report.answers)}; ` +
        `${unacknowledged.length} never acknowledged${unacknowledged.length > 0 ? ` (last answers ${JSON.stringify(unacknowledged.slice(0, 5).map((outcome) => outcome.lastAnswer))})` : ""}`,
    );
    // The faults last as long as the load: until every delivery has been tried once. A worker
    // that lags behind the receiver would otherwise meet the faults with a few deliveries only.
    await waitForBackgroundWork(sql, tenantIds, {
      timeoutMs: drainDeadline - Date.now(),
      isDone: (work) => work.untried === 0,
    });
    await emulators.klientiks.clearFaults();
    await emulators.zadarma.clearRestFaults();
    log(
      `faults off: every delivery has been tried once, ${((Date.now() - sendingEndedAt) / 1000).toFixed(1)} s after the end of sending`,
    );

    // The retries and the recordings first, then a reconciliation of every salon («Сверить сейчас»):
    // whatever it finds missing or stale, the webhooks did not bring.
    let isDrained = await waitForBackgroundWork(sql, tenantIds, {
      timeoutMs: drainDeadline - Date.now(),
    });
    if (isDrained) {
      const reconciled = await mapWithConcurrency(salons, 4, (salon) =>
        salon.klientiks.api.mutation<{ listed: number; enqueued: number }>(
          "klientiks.reconcileNow",
          {
            tenantSlug: salon.klientiks.slug,
          },
        ),
      );
      log(
        `reconciliation listed ${reconciled.reduce((sum, result) => sum + result.listed, 0)} appointments and found ` +
          `${reconciled.reduce((sum, result) => sum + result.enqueued, 0)} whose deal was missing or stale`,
      );
      isDrained = await waitForBackgroundWork(sql, tenantIds, {
        timeoutMs: drainDeadline - Date.now(),
      });
    }
    const drainSeconds = (Date.now() - sendingEndedAt) / 1000;
    log(
      isDrained
        ? `drained ${drainSeconds.toFixed(1)} s after the end of sending`
        : `NOT drained ${drainSeconds.toFixed(1)} s after the end of sending: ${JSON.stringify(await countBackgroundWork(sql, tenantIds))}`,
    );

    const attempts = await summarizeAttempts(sql, tenantIds);
    log(
      `retries: ${attempts.reclaimed} deliveries claimed more than once (at most ${attempts.maxAttempts} times); failed attempts ${JSON.stringify(attempts.failedAttempts)}`,
    );

    const acknowledged = new Set<TSoakEvent>(
      sends.filter((_, index) => report.outcomes[index]!.isAcknowledged),
    );
    const expectations = salons.map((salon, index): TSalonExpectation => {
      const events = distinct.filter((event) => event.salon === index && acknowledged.has(event));
      const notifications = events.flatMap((event) =>
        event.provider === "zadarma" ? [event.notification] : [],
      );
      const calledIds = new Set(notifications.map((notification) => notification.pbxCallId));
      const statusNow = new Map(
        traffic[index]!.appointments.map((plan) => [plan.appointmentId, plan.statuses.at(-1)!]),
      );
      const appointmentIds = new Set(
        events.flatMap((event) => (event.provider === "klientiks" ? [event.appointmentId] : [])),
      );
      return {
        tenantId: salon.tenantId,
        appointments: [...appointmentIds].map((appointmentId) => ({
          appointmentId,
          status: statusNow.get(appointmentId)!,
        })),
        calls: traffic[index]!.calls.filter((call) => calledIds.has(call.pbx_call_id)),
        notifications,
      };
    });
    const verdict = await checkSoak(sql, expectations);
    const recordingsFetchedTwice = await countRecordingsFetchedTwice(
      emulators.zadarma,
      salons.map((salon, index) => ({
        accountId: salon.telephony.account.id,
        calls: traffic[index]!.calls,
      })),
    );
    if (database.kind === "embedded")
      log("embedded database: the figures are the embedded server's, not PostgreSQL's");
    const result = {
      sent: report.sent,
      acknowledged: report.acknowledged,
      ...verdict,
      duplicated: verdict.duplicated + recordingsFetchedTwice,
      drain_s: isDrained ? Math.round(drainSeconds * 10) / 10 : null,
      restart_s: Math.round(restartSeconds * 10) / 10,
    };
    if (isMiss(result)) database.keep();
    return result;
  },
  { isMiss },
);
