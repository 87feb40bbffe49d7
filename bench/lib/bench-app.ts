import pg from "pg";

import { findFreePort } from "../../scripts/lib/processes.mjs";
import { ensureProductionBuild, startApp } from "./app-server";
import { onCleanup } from "./cleanup";
import { createBenchDatabase } from "./database";
import { log } from "./stats";

/**
 * What a bench of a route under `next start` sets up first: a production build serving `routes`, a
 * fresh bench database with one SQL connection to it, and `next start` on it on a free port (one
 * database connection on the embedded database, which serves one session for all).
 */
export async function startAppOnBenchDatabase(routes: string[]) {
  await ensureProductionBuild(routes);
  const database = await createBenchDatabase();
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  onCleanup("close the SQL connection", () => sql.end());

  const app = await startApp({
    port: await findFreePort(),
    databaseUrl: database.url,
    // The embedded database serves one session for all connections (see the env schema).
    env: database.kind === "embedded" ? { DATABASE_POOL_MAX: "1" } : {},
  });
  log(`next start on ${app.url}`);
  return { database, sql, app };
}
