#!/usr/bin/env node
/**
 * `npm test`: every check, in order of cost — lint, typecheck, unit tests, integration tests against
 * a fresh database, a production build, the short soak drill on that build (docs/drills.md), and the
 * Playwright e2e suite in Chromium on a fresh database of its own. The database is PostgreSQL when TEST_DATABASE_URL (or
 * DATABASE_URL) is reachable, the embedded one otherwise. Prints "N passed, N failed" last and exits
 * non-zero on any failure.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import {
  isPostgresReachable,
  migrateDatabase,
  recreateDatabase,
  startEmbeddedPostgres,
} from "./lib/database.mjs";
import { findFreePort, run } from "./lib/processes.mjs";

const reportsDir = mkdtempSync(path.join(tmpdir(), "svyaz-test-"));
const totals = { passed: 0, failed: 0 };
const cleanups = [];

async function stage(name, action) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  try {
    await action();
    console.log(`=== ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
  } catch (error) {
    console.error(`=== ${name}: FAILED (${error.message}) ===`);
    throw error;
  }
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
}

/** The reachable PostgreSQL server of TEST_DATABASE_URL (or DATABASE_URL), or null. */
async function findPostgresServer() {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  return serverUrl && (await isPostgresReachable(serverUrl)) ? serverUrl : null;
}

async function prepareDatabase(serverUrl) {
  if (serverUrl) {
    console.log("Using PostgreSQL from TEST_DATABASE_URL/DATABASE_URL (fresh database svyaz_test)");
    return recreateDatabase(serverUrl, "svyaz_test");
  }
  console.log("No reachable PostgreSQL configured: using the embedded database");
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(reportsDir, "pglite"),
    port: await findFreePort(),
  });
  cleanups.push(embedded.stop);
  // One session serves every connection of the embedded database: one connection per process.
  process.env.DATABASE_POOL_MAX = "1";
  return embedded.url;
}

let exitCode = 0;
try {
  await stage("lint", () => run("npm", ["run", "--silent", "lint"]));
  await stage("typecheck", () => run("npx", ["tsc", "--noEmit"]));
  await stage("unit tests", async () => {
    const report = path.join(reportsDir, "unit.json");
    try {
      await run("npx", [
        "vitest",
        "run",
        "--project",
        "unit",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
      ]);
    } finally {
      countVitest(report);
    }
  });
  const postgresServer = await findPostgresServer();
  const databaseUrl = await prepareDatabase(postgresServer);
  await stage("migrations", () => migrateDatabase(databaseUrl));
  const env = { DATABASE_URL: databaseUrl, SVYAZ_TEST_DATABASE_READY: "1" };
  await stage("integration tests", async () => {
    const report = path.join(reportsDir, "integration.json");
    try {
      await run(
        "npx",
        [
          "vitest",
          "run",
          "--project",
          "integration",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${report}`,
        ],
        { env },
      );
    } finally {
      countVitest(report);
    }
  });
  await stage("production build", () =>
    run("npx", ["next", "build"], { env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } }),
  );
  // One test in the totals. It makes and drops its own database on the PostgreSQL server; without
  // one, it runs on an embedded database server of its own and says so.
  await stage("soak drill (short)", async () => {
    try {
      await run("npx", ["tsx", "drills/soak.ts", "--short"], {
        env: { DATABASE_URL: postgresServer ?? "" },
      });
      totals.passed += 1;
    } catch (error) {
      totals.failed += 1;
      throw error;
    }
  });
  // One test in the totals, on its own database like the soak.
  await stage("fuzz drill (short)", async () => {
    try {
      await run("npx", ["tsx", "drills/fuzz.ts"], {
        env: {
          DATABASE_URL: postgresServer ?? "",
          DRILL_FUZZ_REQUESTS: "200",
          // Fixed, so the stage judges the change; new seeds are the full drill's (docs/drills.md).
          DRILL_FUZZ_SEED: "2092465079",
        },
      });
      totals.passed += 1;
    } catch (error) {
      totals.failed += 1;
      throw error;
    }
  });
  await stage("e2e tests (Chromium)", async () => {
    const report = path.join(reportsDir, "e2e.json");
    // A fresh database of its own on a PostgreSQL server (the embedded one serves one database):
    // on the integration tests' leftovers the app's worker would reconcile ~100 workspaces whose
    // credentials another keyring sealed, and fail on each of them every tick.
    const e2eDatabaseUrl = postgresServer
      ? await recreateDatabase(postgresServer, "svyaz_e2e")
      : databaseUrl;
    if (postgresServer) await migrateDatabase(e2eDatabaseUrl);
    try {
      await run("npx", ["playwright", "test"], {
        env: { ...env, DATABASE_URL: e2eDatabaseUrl, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
      });
    } finally {
      countPlaywright(report);
    }
  });
} catch {
  exitCode = 1;
} finally {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  rmSync(reportsDir, { recursive: true, force: true });
}
if (exitCode !== 0 && totals.failed === 0) totals.failed = 1; // a stage failed before any test could
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(exitCode);
