/**
 * `npm run bench:calls-page`: the first page of Raw data → Звонки over 1,000,000 calls of one
 * workspace, with its capped total, exactly as the tRPC `calls.list` procedure asks for it
 * (`findCalls`): the default order (newest first) alone, with each of three filters, and with the
 * three together, and a phone search. Prints progress lines, then ONE JSON line:
 * {"rows", "calls_page_p95_ms", "calls_filters_p95_ms", "calls_unindexed_filters_p95_ms"}.
 * Target on PostgreSQL: ≤ 100 ms for the page and the filters (issue 9 §8); see bench/README.md.
 */
import { performance } from "node:perf_hooks";

import pg from "pg";

import { ZCallListRequestSchema, type TCallListRequest } from "@/server/domain/calls/call-filters";
import { findCalls } from "@/server/domain/calls/find-calls";

import { insertBenchCalls } from "./lib/calls-data";
import { onCleanup, runBench } from "./lib/cleanup";
import { createBenchDatabase, createBenchPrisma } from "./lib/database";
import { log, roundMs } from "./lib/stats";
import { timeListPage } from "./lib/time-list-page";

const ROWS = Number(process.env.BENCH_CALLS_ROWS ?? 1_000_000);
const CHUNK = 100_000;
const DAY_MS = 86_400_000;
const TENANT_ID = "tnt_bench_calls";
const CONNECTION_ID = "con_bench_calls";
const MEMBERSHIP_PREFIX = "mbr_bench_calls_";

type TCase = { name: string; request: TCallListRequest };

const timeCase = (db: Parameters<typeof findCalls>[0], { name, request }: TCase) =>
  timeListPage(name, () => findCalls(db, { tenantId: TENANT_ID, request }));

/** The workspace, its telephony connection and 20 employees (members whose names the page shows). */
async function createWorkspace(sql: pg.Client) {
  await sql.query(
    `INSERT INTO "Tenant" ("id", "name", "slug") VALUES ($1, 'Bench salon', 'bench-calls')`,
    [TENANT_ID],
  );
  await sql.query(
    `INSERT INTO "Connection" ("id", "tenantId", "kind", "name", "credentials", "credentialsHint", "externalAccount", "status", "updatedAt")
     VALUES ($1, $2, 'zadarma', 'Zadarma', 'v1.bench.not-a-real-envelope', 'ab12', 'bench', 'active', now())`,
    [CONNECTION_ID, TENANT_ID],
  );
  await sql.query(
    `INSERT INTO "User" ("id", "name", "email", "passwordHash")
     SELECT 'usr_bench_calls_' || g, 'Сотрудник ' || g, 'employee' || g || '@bench.svyaz.test', 'not-a-hash' FROM generate_series(1, 20) AS g`,
  );
  await sql.query(
    `INSERT INTO "Membership" ("id", "tenantId", "userId", "role") SELECT $2 || g, $1, 'usr_bench_calls_' || g, 'agent' FROM generate_series(1, 20) AS g`,
    [TENANT_ID, MEMBERSHIP_PREFIX],
  );
}

await runBench(async () => {
  if (!Number.isInteger(ROWS) || ROWS < 1000)
    throw new Error("BENCH_CALLS_ROWS must be an integer ≥ 1000");
  const database = await createBenchDatabase();
  const now = new Date();

  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  onCleanup("close the SQL connection", () => sql.end());
  await createWorkspace(sql);
  const insertStarted = performance.now();
  for (let first = 1; first <= ROWS; first += CHUNK) {
    const last = Math.min(ROWS, first + CHUNK - 1);
    await insertBenchCalls(sql, {
      tenantId: TENANT_ID,
      connectionId: CONNECTION_ID,
      membershipPrefix: MEMBERSHIP_PREFIX,
      first,
      last,
      now,
    });
    log(
      `inserted ${last} / ${ROWS} calls (${((performance.now() - insertStarted) / 1000).toFixed(1)} s)`,
    );
  }
  // What autovacuum would have done by the time a table this size is browsed.
  await sql.query(`VACUUM (ANALYZE) "Call"`);
  const {
    rows: [size],
  } = await sql.query<{ table: string; indexes: string }>(
    `SELECT pg_size_pretty(pg_table_size('"Call"')) AS "table", pg_size_pretty(pg_indexes_size('"Call"')) AS "indexes"`,
  );
  log(`vacuumed and analyzed: table ${size?.table}, indexes ${size?.indexes}`);

  // The app's pool size; one connection on the embedded database.
  const db = createBenchPrisma(database);

  const request = (filters: TCallListRequest["filters"]) =>
    ZCallListRequestSchema.parse({ filters });
  const lastMonth = { createdFrom: new Date(now.getTime() - 30 * DAY_MS), createdTo: now };
  const missed = { statuses: ["missed" as const] };
  const employee = { membershipIds: [`${MEMBERSHIP_PREFIX}7`] };
  // The three filters people reach for first, alone and together: the figure the target is about.
  const filterCases: TCase[] = [
    { name: "filter: last 30 days", request: request(lastMonth) },
    { name: "filter: status missed", request: request(missed) },
    { name: "filter: employee 7", request: request(employee) },
    {
      name: "filters: last 30 days + missed + employee 7",
      request: request({ ...lastMonth, ...missed, ...employee }),
    },
    {
      name: "search: phone 8 999 000-79-19 (the first call's caller)",
      request: request({ search: "8 999 000-79-19" }),
    },
  ];
  // Filters on columns no index leads with (docs/calls-log.md, "Order and speed"): reported apart.
  const unindexedCases: TCase[] = [
    { name: "filter: missed and not called back", request: request({ missedNotCalledBack: true }) },
    { name: "filter: first-time callers", request: request({ isFirstCall: true }) },
    { name: "filter: status in progress", request: request({ statuses: ["in_progress"] }) },
  ];

  const pageP95 = await timeCase(db, {
    name: "default page (startedAt desc, no filter)",
    request: request({}),
  });
  const filterP95s: number[] = [];
  for (const filterCase of filterCases) filterP95s.push(await timeCase(db, filterCase));
  const unindexedP95s: number[] = [];
  for (const unindexedCase of unindexedCases) unindexedP95s.push(await timeCase(db, unindexedCase));
  if (database.kind === "embedded")
    log("embedded database: the 100 ms target applies to PostgreSQL only");
  return {
    rows: ROWS,
    calls_page_p95_ms: roundMs(pageP95),
    calls_filters_p95_ms: roundMs(Math.max(...filterP95s)),
    calls_unindexed_filters_p95_ms: roundMs(Math.max(...unindexedP95s)),
  };
});
