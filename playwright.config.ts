import { defineConfig, devices } from "@playwright/test";

import { E2E_APP_LOG, E2E_APP_SECRETS } from "./e2e/fixtures/app-server";
import {
  E2E_APP_PORT as APP_PORT,
  E2E_APP_URL as APP_URL,
  E2E_EMULATOR_PORT as EMULATOR_PORT,
  E2E_EMULATOR_URL as KLIENTIKS_EMULATOR_URL,
  E2E_MANGO_EMULATOR_PORT as MANGO_EMULATOR_PORT,
  E2E_MANGO_EMULATOR_URL as MANGO_EMULATOR_URL,
  E2E_ZADARMA_EMULATOR_PORT as ZADARMA_EMULATOR_PORT,
  E2E_ZADARMA_EMULATOR_URL as ZADARMA_EMULATOR_URL,
} from "./e2e/fixtures/ports";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error(
    "e2e needs DATABASE_URL; run the suite through `npm test`, which prepares a fresh database",
  );
if (!/@(127\.0\.0\.1|localhost)[:/]/.test(databaseUrl))
  throw new Error("e2e refuses to run against a non-local database"); // conventions C11

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  use: { baseURL: APP_URL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    {
      name: "debian-chromium",
      testMatch: /\.spec\.ts$/,
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
    {
      // Runs once every spec has: it searches the app's log of the whole run (R25).
      name: "server-log",
      testMatch: /server-log\.audit\.ts$/,
      dependencies: ["debian-chromium"],
    },
  ],
  webServer: [
    {
      // The Klientiks emulator: the app talks to it exactly as to the real service (base URL only).
      command: "node --import tsx emulators/klientiks/main.ts",
      url: `${KLIENTIKS_EMULATOR_URL}/__control/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { KLIENTIKS_EMULATOR_PORT: String(EMULATOR_PORT), KLIENTIKS_EMULATOR_SEED: "1" },
    },
    {
      // The Zadarma emulator (demo account seeded, autopilot off): REST, notifications and softphone pages.
      command: "node --import tsx emulators/zadarma/main.ts",
      url: `${ZADARMA_EMULATOR_URL}/__control/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        ZADARMA_EMULATOR_PORT: String(ZADARMA_EMULATOR_PORT),
        ZADARMA_EMULATOR_SEED: "1",
        KLIENTIKS_EMULATOR_URL,
      },
    },
    {
      // The Mango Office emulator (demo account seeded): the signed VPBX API and its events.
      command: "node --import tsx emulators/mango/main.ts",
      url: `${MANGO_EMULATOR_URL}/__control/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { MANGO_EMULATOR_PORT: String(MANGO_EMULATOR_PORT), MANGO_EMULATOR_SEED: "1" },
    },
    {
      // `node …/next start`, not `npx next start`: killing npx orphans the server (docs/stack.md §5).
      // Both streams go to E2E_APP_LOG for the end-of-run search (R25), and on to Playwright's stderr.
      command: `node node_modules/next/dist/bin/next start -p ${APP_PORT} 2>&1 | tee ${E2E_APP_LOG} >&2`,
      url: `${APP_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 90_000,
      env: {
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? "10",
        ...E2E_APP_SECRETS,
        APP_URL,
        NEXTAUTH_URL: APP_URL,
        INNGEST_DEV: "1",
        // Warnings too: they carry the causes of failed provider calls, where a secret could slip in.
        LOG_LEVEL: "warn",
        KLIENTIKS_BASE_URL: KLIENTIKS_EMULATOR_URL,
        KLIENTIKS_EMULATOR_URL,
        ZADARMA_BASE_URL: ZADARMA_EMULATOR_URL,
        ZADARMA_EMULATOR_URL,
        MANGO_BASE_URL: MANGO_EMULATOR_URL,
        MANGO_EMULATOR_URL,
        // The specs use the wizard's emulator helpers, which a production build refuses without this.
        ALLOW_DEV_HELPERS: "1",
      },
    },
  ],
});
