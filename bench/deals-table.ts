/**
 * `npm run bench:deals-table`: the first page of the deals table over 1,000,000 deals of one
 * workspace, with its total, exactly as the tRPC `deals.list` procedure asks for it (`findDeals`).
 * Prints progress lines, then ONE JSON line: {"rows", "page_p95_ms", "filters_p95_ms"}.
 * Target on PostgreSQL: both p95 ≤ 100 ms. See bench/README.md.
 */
import { performance } from "node:perf_hooks";

import pg from "pg";

import { ZDealListRequestSchema, type TDealListRequest } from "@/server/domain/deals/deal-filters";
import { findDeals } from "@/server/domain/deals/find-deals";

import { onCleanup, runBench } from "./lib/cleanup";
import { createBenchDatabase, createBenchPrisma } from "./lib/database";
import { insertBenchDeals } from "./lib/deals-data";
import { log, roundMs } from "./lib/stats";
import { timeListPage } from "./lib/time-list-page";

const ROWS = Number(process.env.BENCH_DEALS_ROWS ?? 1_000_000);
const CHUNK = 100_000;
const DAY_MS = 86_400_000;
const TENANT_ID = "tnt_bench_deals";
const CONNECTION_ID = "con_bench_deals";

type TCase = { name: string; request: TDealListRequest };

const timeCase = (db: Parameters<typeof findDeals>[0], { name, request }: TCase) =>
  timeListPage(name, () => findDeals(db, { tenantId: TENANT_ID, request }));

await runBench(async () => {
  if (!Number.isInteger(ROWS) || ROWS < 1000)
    throw new Error("BENCH_DEALS_ROWS must be an integer ≥ 1000");
  const database = await createBenchDatabase();
  const now = new Date();

  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  onCleanup("close the SQL connection", () => sql.end());
  await sql.query(
    `INSERT INTO "Tenant" ("id", "name", "slug") VALUES ($1, 'Bench salon', 'bench-deals')`,
    [TENANT_ID],
  );
  await sql.query(
    `INSERT INTO "Connection" ("id", "tenantId", "kind", "name", "credentials", "credentialsHint", "externalAccount", "status", "updatedAt")
     VALUES ($1, $2, 'klientiks', 'Клиентикс', 'v1.bench.not-a-real-envelope', 'ab12', 'bench', 'active', now())`,
    [CONNECTION_ID, TENANT_ID],
  );
  const insertStarted = performance.now();
  for (let first = 1; first <= ROWS; first += CHUNK) {
    const last = Math.min(ROWS, first + CHUNK - 1);
    await insertBenchDeals(sql, {
      tenantId: TENANT_ID,
      connectionId: CONNECTION_ID,
      first,
      last,
      now,
    });
    log(
      `inserted ${last} / ${ROWS} deals (${((performance.now() - insertStarted) / 1000).toFixed(1)} s)`,
    );
  }
  // What autovacuum would have done by the time a table this size is browsed: statistics and the
  // visibility map (which lets counts use index-only scans).
  await sql.query(`VACUUM (ANALYZE) "Deal"`);
  const {
    rows: [size],
  } = await sql.query<{ table: string; indexes: string }>(
    `SELECT pg_size_pretty(pg_table_size('"Deal"')) AS "table", pg_size_pretty(pg_indexes_size('"Deal"')) AS "indexes"`,
  );
  log(`vacuumed and analyzed: table ${size?.table}, indexes ${size?.indexes}`);

  // The app's pool size; one connection on the embedded database.
  const db = createBenchPrisma(database);

  const request = (input: unknown) => ZDealListRequestSchema.parse(input);
  const dateRangeEnd = new Date(now.getTime() - 30 * DAY_MS);
  const dateRangeStart = new Date(now.getTime() - 60 * DAY_MS);
  const pageCase: TCase = {
    name: "default page (crmCreatedAt desc, no filter)",
    request: request({}),
  };
  const filterCases: TCase[] = [
    {
      name: "filter: 30-day creation range",
      request: request({ filters: { createdFrom: dateRangeStart, createdTo: dateRangeEnd } }),
    },
    { name: "filter: stage = cancelled", request: request({ filters: { stages: ["cancelled"] } }) },
    {
      name: "filter: responsible = employee 7",
      request: request({ filters: { responsibleIds: ["7"] } }),
    },
    // The search box (trigram index): one phone as Russians type it, and a surname typed without ё.
    {
      name: "search: phone 8 999 776-00-55",
      request: request({ filters: { search: "8 999 776-00-55" } }),
    },
    { name: "search: name федорова", request: request({ filters: { search: "федорова" } }) },
  ];

  const pageP95 = await timeCase(db, pageCase);
  const filterP95s: number[] = [];
  for (const filterCase of filterCases) filterP95s.push(await timeCase(db, filterCase));
  // Column-header clicks, logged for reference: each must read an index, not sort every deal.
  for (const field of ["crmCreatedAt", "visitStartAt"] as const)
    await timeCase(db, {
      name: `sort: ${field} asc`,
      request: request({ sort: { field, direction: "asc" } }),
    });

  if (database.kind === "embedded")
    log("embedded database: the 100 ms target applies to PostgreSQL only");
  // The filters figure is the slowest of the filters' and searches' p95s, not a pooled percentile.
  return {
    rows: ROWS,
    page_p95_ms: roundMs(pageP95),
    filters_p95_ms: roundMs(Math.max(...filterP95s)),
  };
});
