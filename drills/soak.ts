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
import { log, mapWithConcurrency, setLogTag } from "../bench/lib/stats";
import { countBackgroundWork, summarizeAttempts } from "./lib/background-work";
import { settleAfterLoad } from "./soak/aftermath";
import { checkSoak } from "./soak/check";
import { startSoakEnvironment } from "./soak/environment";
import { expectationsOf } from "./soak/expectations";
import { turnFaultsOn } from "./soak/faults";
import { readSoakOptions } from "./soak/options";
import { openSalons, prepareTraffic } from "./soak/salons";
import { sendThroughACrash } from "./soak/send-through-crash";
import { mixTraffic } from "./soak/traffic";

/** The targets: nothing lost, doubled or failed, and everything drained in time. */
const meetsTargets = (result: Record<string, unknown>) =>
  result.lost === 0 && result.duplicated === 0 && result.failed === 0 && result.drain_s !== null;

setLogTag("soak");
const options = readSoakOptions(process.argv.slice(2), process.env);

await runBench(
  async () => {
    await ensureProductionBuild([
      "/api/health",
      "/api/webhooks/klientiks/[token]",
      "/api/webhooks/zadarma/[token]",
    ]);
    const database = await createBenchDatabase("drill");
    if (database.kind === "embedded")
      log(
        "no PostgreSQL (DATABASE_URL unset): the drill runs on the embedded database server, one connection for the app; its figures are not PostgreSQL's",
      );
    const sql = new pg.Pool({ connectionString: database.url, max: 4 });
    onCleanup("close the SQL connections", () => sql.end());
    const { app, emulators } = await startSoakEnvironment(database, options);

    const salons = await openSalons(app.url, sql, emulators, options.workspaces);
    const tenantIds = salons.map((salon) => salon.tenantId);
    const traffic = await mapWithConcurrency(salons, 2, (salon) =>
      prepareTraffic(salon, emulators, {
        klientiksEvents: Math.round(
          options.klientiksEvents / (1 + options.duplicateShare) / salons.length,
        ),
        zadarmaEvents: Math.round(options.zadarmaEvents / salons.length),
        duplicateShare: options.duplicateShare,
      }),
    );
    const { distinct, sends } = mixTraffic(app.url, salons, traffic, options);
    const before = await countBackgroundWork(sql, tenantIds);
    if (before.open > 0 || before.failed > 0)
      throw new Error(`the inboxes are not settled before the drill: ${JSON.stringify(before)}`);
    const klientiksEvents = distinct.filter((event) => event.provider === "klientiks").length;
    log(
      `${sends.length} requests to send (${distinct.length} distinct events: ${klientiksEvents} Klientiks webhooks about ` +
        `${traffic.reduce((sum, salon) => sum + salon.appointments.length, 0)} appointments, ${distinct.length - klientiksEvents} ` +
        `Zadarma notifications of ${traffic.reduce((sum, salon) => sum + salon.calls.length, 0)} calls; ${sends.length - distinct.length} duplicates), ` +
        `shuffled, ${options.perSecond}/s, ${options.concurrency} at a time`,
    );

    await turnFaultsOn(emulators);
    const { report, restartSeconds, killedAt } = await sendThroughACrash(
      sends.map((event) => event.request),
      app,
      options,
    );
    const sendingEndedAt = Date.now();
    const isDrained = await settleAfterLoad(sql, salons, emulators, {
      sendingEndedAt,
      deadline: sendingEndedAt + options.drainTimeoutMs,
    });
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

    const verdict = await checkSoak(
      sql,
      emulators.zadarma,
      expectationsOf(salons, traffic, { sends, outcomes: report.outcomes }),
      killedAt,
    );
    if (database.kind === "embedded")
      log("embedded database: the figures are the embedded server's, not PostgreSQL's");
    const result = {
      sent: report.sent,
      acknowledged: report.acknowledged,
      ...verdict,
      drain_s: isDrained ? Math.round(drainSeconds * 10) / 10 : null,
      restart_s: Math.round(restartSeconds * 10) / 10,
    };
    if (!meetsTargets(result)) database.keep();
    return result;
  },
  { isPassing: meetsTargets },
);
