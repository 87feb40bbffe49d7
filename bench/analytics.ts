/**
 * `npm run bench:analytics`: the analytics report (docs/analytics.md) of one workspace with
 * 1,000,000 deals, 2,000,000 site sessions and 200,000 communications over 180 days, read for 90 days
 * (and the 90 before, its comparison) as the tRPC `analytics.report` procedure reads it.
 * Prints progress lines, then ONE JSON line:
 * {"deals", "sessions", "communications", "rebuild_s", "report_p95_ms", "rollup_lag_p95_ms", "mismatches"}.
 * Targets on PostgreSQL: report_p95_ms ≤ 300, rollup_lag_p95_ms ≤ 2000, mismatches 0. See bench/README.md.
 */
import { performance } from "node:perf_hooks";

import pg from "pg";

import { loadAnalyticsReport } from "@/server/domain/analytics/report/load-report";
import { loadReportLabels, showsCostsTo } from "@/server/domain/analytics/report/report-viewer";
import { refreshAnalyticsRollups } from "@/server/domain/analytics/rollups/refresh-rollups";

import { insertAnalyticsWorkspace } from "./lib/analytics-data";
import { countReportMismatches } from "./lib/analytics-recount";
import { onCleanup, runBench } from "./lib/cleanup";
import { createBenchDatabase, createBenchPrisma } from "./lib/database";
import { log, percentile, roundMs } from "./lib/stats";

const SCALE = Number(process.env.BENCH_ANALYTICS_SCALE ?? 1);
const VOLUME = {
  deals: Math.round(1_000_000 * SCALE),
  sessions: Math.round(2_000_000 * SCALE),
  leads: Math.round(180_000 * SCALE),
  calls: Math.round(25_000 * SCALE),
  clients: Math.round(300_000 * SCALE),
  days: 180,
};
const REPORT_RUNS = 40;
const LAG_RUNS = 30;
const TENANT_ID = "tnt_bench_analytics";
const TIME_ZONE = "Europe/Moscow";

await runBench(async () => {
  const database = await createBenchDatabase("analytics");
  const now = new Date();
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  onCleanup("close the SQL connection", () => sql.end());

  await sql.query(
    `INSERT INTO "Tenant" ("id", "name", "slug", "timezone") VALUES ($1, 'Bench salon', 'bench-analytics', $2)`,
    [TENANT_ID, TIME_ZONE],
  );
  const scope = {
    tenantId: TENANT_ID,
    connectionId: "con_bench_klientiks",
    telephonyId: "con_bench_zadarma",
    siteId: "site_bench",
  };
  await sql.query(
    `INSERT INTO "Connection" ("id", "tenantId", "kind", "name", "credentials", "credentialsHint", "externalAccount", "status", "updatedAt")
     VALUES ($1, $3, 'klientiks', 'Клиентикс', 'v1.bench', 'ab12', 'bench', 'active', now()),
            ($2, $3, 'zadarma', 'Zadarma', 'v1.bench', 'ab12', 'bench-pbx', 'active', now())`,
    [scope.connectionId, scope.telephonyId, TENANT_ID],
  );
  await sql.query(
    `INSERT INTO "Site" ("id", "tenantId", "domain", "name", "publicKey") VALUES ($1, $2, 'salon.example', 'Салон', 'pk_bench')`,
    [scope.siteId, TENANT_ID],
  );

  // Loaded as a restore would be, triggers off; then every day is queued once, as the migration does.
  const loadStarted = performance.now();
  await sql.query(`SET session_replication_role = replica`);
  await insertAnalyticsWorkspace(sql, scope, VOLUME, now);
  await sql.query(`SET session_replication_role = DEFAULT`);
  await sql.query(`INSERT INTO "AnalyticsChange" ("tenantId", "at") VALUES ($1, NULL)`, [
    TENANT_ID,
  ]);
  await sql.query(`VACUUM (ANALYZE)`);
  log(`loaded and analyzed in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

  // The app's pool size; one connection on the embedded database.
  const db = createBenchPrisma(database);

  const rebuildStarted = performance.now();
  let days = 0;
  for (let rebuilt = -1; rebuilt !== 0; days += rebuilt)
    rebuilt = await refreshAnalyticsRollups(db, { tenantId: TENANT_ID, maxDays: 50 });
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  log(`rolled up ${days} days in ${rebuildSeconds.toFixed(1)} s`);
  await sql.query(`VACUUM (ANALYZE) "AnalyticsDay", "AnalyticsDayUtm", "AnalyticsChange"`);

  const today = localDay(now, 0);
  const period = { from: localDay(now, -89), to: today };
  // What the procedure does for one request (src/server/api/routers/analytics.ts).
  const readReport = async () => {
    await refreshAnalyticsRollups(db, { tenantId: TENANT_ID, maxDays: 31 });
    const showsCosts = await showsCostsTo(db, { tenantId: TENANT_ID, role: "owner" });
    const [report] = await Promise.all([
      loadAnalyticsReport(db, { tenantId: TENANT_ID, period, showsCosts }),
      loadReportLabels(db, { tenantId: TENANT_ID }),
    ]);
    return report;
  };

  const reportTimes: number[] = [];
  for (let run = 0; run < REPORT_RUNS + 3; run += 1) {
    const started = performance.now();
    await readReport();
    if (run >= 3) reportTimes.push(performance.now() - started);
  }
  log(
    `report of ${period.from}…${period.to}: p50 ${roundMs(percentile(reportTimes, 50))} ms, p95 ${roundMs(percentile(reportTimes, 95))} ms`,
  );

  const mismatches = await countReportMismatches(sql, await readReport(), {
    tenantId: TENANT_ID,
    timeZone: TIME_ZONE,
  });
  log(`recount of the raw rows: ${mismatches} mismatched figures`);

  // A deal arrives (as the Klientiks pipeline writes it, triggers on); how long until the report counts it.
  const lags: number[] = [];
  const totalDeals = async () =>
    (await readReport()).rows.find((row) => row.level === "total")?.current.deals ?? -1;
  let expected = await totalDeals();
  for (let run = 0; run < LAG_RUNS; run += 1) {
    await sql.query(
      `INSERT INTO "Deal" ("id", "tenantId", "connectionId", "externalId", "name", "amountMinor", "currency", "status", "stage", "stageGroup",
         "stageOrder", "crmCreatedAt", "clientId", "updatedAt", "channel", "sourceId")
       VALUES ($1, $2, $3, $1, 'Стрижка', 250000, 'RUB', 'finished', 'finished', 'won', 0, now(), $4, now(), 'paid', $5)`,
      [
        `deal_lag_${run}`,
        TENANT_ID,
        scope.connectionId,
        `cli_${TENANT_ID}_${run + 1}`,
        `src_${TENANT_ID}_0`,
      ],
    );
    const inserted = performance.now();
    expected += 1;
    while ((await totalDeals()) < expected)
      if (performance.now() - inserted > 10_000)
        throw new Error("a new deal never reached the report");
    lags.push(performance.now() - inserted);
  }

  if (database.kind === "embedded") log("embedded database: the targets apply to PostgreSQL only");
  return {
    deals: VOLUME.deals,
    sessions: VOLUME.sessions,
    // Leads and incoming calls (four calls in five are incoming, analytics-data.ts).
    communications: VOLUME.leads + Math.round((VOLUME.calls * 4) / 5),
    rebuild_s: Math.round(rebuildSeconds * 10) / 10,
    report_p95_ms: roundMs(percentile(reportTimes, 95)),
    rollup_lag_p95_ms: roundMs(percentile(lags, 95)),
    mismatches,
  };
});

/** The workspace's calendar day `offset` days from `now`'s. */
function localDay(now: Date, offset: number): string {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE }).format(now);
  return new Date(Date.parse(`${day}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}
