import pg from "pg";

import { run, startProcess, waitForPort } from "./processes.mjs";

const PGLITE_SERVER = "node_modules/@electric-sql/pglite-socket/dist/scripts/server.js";

/**
 * The embedded database: PGlite behind the PostgreSQL wire protocol, so the app, migrations and
 * tests use the same adapter-pg code path as against a real server; only the URL differs. PGlite
 * loads extensions at start only: pg_trgm indexes the table search (migration *_tracker_table_search).
 */
export async function startEmbeddedPostgres({ dataDir, port, quiet = true }) {
  const args = [PGLITE_SERVER, "-d", dataDir, "-p", String(port), "-m", "20", "-e", "pg_trgm"];
  const server = startProcess("embedded-postgres", process.execPath, args, { quiet });
  await waitForPort(port);
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`, stop: server.stop };
}

export async function isPostgresReachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops and recreates `name` on the server of `adminUrl`; returns the new database's URL. */
export async function recreateDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const migrateDatabase = (databaseUrl) =>
  run("npm", ["run", "--silent", "db:deploy"], { env: { DATABASE_URL: databaseUrl } });
