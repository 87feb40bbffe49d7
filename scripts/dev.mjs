#!/usr/bin/env node
/**
 * `npm run dev`: everything a newcomer needs on one machine. Without DATABASE_URL it starts the
 * embedded database under .data/; it applies migrations, starts the Klientiks emulator (with demo
 * data and its autopilot), the Zadarma emulator (demo PBX, softphone pages, autopilot calls), the
 * Mango Office emulator (demo VPBX, softphone pages, «Адрес внешней системы»), a demo customer site carrying our tracker snippet, and then Next.js on http://localhost:3000.
 */
import { mkdirSync } from "node:fs";

import { migrateDatabase, startEmbeddedPostgres } from "./lib/database.mjs";
import { startProcess, waitForPort } from "./lib/processes.mjs";

const APP_PORT = Number(process.env.PORT ?? 3000);
const EMBEDDED_DB_PORT = Number(process.env.EMBEDDED_DB_PORT ?? 55432);
const EMULATOR_PORT = Number(process.env.KLIENTIKS_EMULATOR_PORT ?? 4010);
const DEMO_SITE_PORT = Number(process.env.DEMO_SITE_PORT ?? 4020);
const ZADARMA_EMULATOR_PORT = Number(process.env.ZADARMA_EMULATOR_PORT ?? 4030);
const MANGO_EMULATOR_PORT = Number(process.env.MANGO_EMULATOR_PORT ?? 4040);
const children = [];

async function shutdown(code = 0) {
  await Promise.all(children.reverse().map((child) => child.stop()));
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
const onUnexpectedExit = (name, code) => {
  console.error(`[dev] ${name} stopped (exit ${code}); shutting down.`);
  void shutdown(1);
};

let databaseUrl = process.env.DATABASE_URL;
// The embedded database has one session for all connections, so the app must use one at a time.
let databasePoolMax = process.env.DATABASE_POOL_MAX;
if (!databaseUrl) {
  mkdirSync(".data", { recursive: true });
  console.log(`[dev] starting the embedded database (.data/pglite, port ${EMBEDDED_DB_PORT})`);
  const embedded = await startEmbeddedPostgres({ dataDir: ".data/pglite", port: EMBEDDED_DB_PORT });
  children.push({ stop: embedded.stop });
  databaseUrl = embedded.url;
  databasePoolMax = "1";
}
console.log("[dev] applying migrations");
await migrateDatabase(databaseUrl);

const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`;
console.log(
  `[dev] starting the Klientiks emulator on ${emulatorUrl} (demo data, autopilot every 30 s)`,
);
children.push(
  startProcess("klientiks-emulator", "npx", ["tsx", "emulators/klientiks/main.ts"], {
    env: {
      KLIENTIKS_EMULATOR_PORT: String(EMULATOR_PORT),
      KLIENTIKS_EMULATOR_AUTOPILOT: process.env.KLIENTIKS_EMULATOR_AUTOPILOT ?? "30",
    },
    onUnexpectedExit,
  }),
);
await waitForPort(EMULATOR_PORT);

const zadarmaEmulatorUrl = `http://127.0.0.1:${ZADARMA_EMULATOR_PORT}`;
console.log(
  `[dev] starting the Zadarma emulator on ${zadarmaEmulatorUrl} (demo PBX, softphones at /, autopilot every 45 s)`,
);
children.push(
  startProcess("zadarma-emulator", "npx", ["tsx", "emulators/zadarma/main.ts"], {
    env: {
      ZADARMA_EMULATOR_PORT: String(ZADARMA_EMULATOR_PORT),
      ZADARMA_EMULATOR_AUTOPILOT: process.env.ZADARMA_EMULATOR_AUTOPILOT ?? "45",
      KLIENTIKS_EMULATOR_URL: emulatorUrl,
    },
    onUnexpectedExit,
  }),
);
await waitForPort(ZADARMA_EMULATOR_PORT);

const mangoEmulatorUrl = `http://127.0.0.1:${MANGO_EMULATOR_PORT}`;
console.log(
  `[dev] starting the Mango Office emulator on ${mangoEmulatorUrl} (demo VPBX, softphones at /)`,
);
children.push(
  startProcess("mango-emulator", "npx", ["tsx", "emulators/mango/main.ts"], {
    env: { MANGO_EMULATOR_PORT: String(MANGO_EMULATOR_PORT) },
    onUnexpectedExit,
  }),
);
await waitForPort(MANGO_EMULATOR_PORT);

const appUrl = process.env.APP_URL ?? `http://localhost:${APP_PORT}`;
// On 127.0.0.1, not localhost: the user adds the site with domain 127.0.0.1, as the e2e specs do.
const demoSiteUrl = `http://127.0.0.1:${DEMO_SITE_PORT}`;
console.log(`[dev] starting the demo customer site on ${demoSiteUrl}`);
children.push(
  startProcess("demo-site", "npx", ["tsx", "emulators/demo-site/main.ts"], {
    env: {
      DEMO_SITE_PORT: String(DEMO_SITE_PORT),
      DEMO_SITE_APP_URL: appUrl,
      DEMO_SITE_WIDGET_URL: `${emulatorUrl}/app/united/demo-salon`,
    },
    onUnexpectedExit,
  }),
);
await waitForPort(DEMO_SITE_PORT);

children.push(
  startProcess(
    "next",
    process.execPath,
    ["node_modules/next/dist/bin/next", "dev", "-p", String(APP_PORT)],
    {
      env: {
        DATABASE_URL: databaseUrl,
        ...(databasePoolMax ? { DATABASE_POOL_MAX: databasePoolMax } : {}),
        APP_URL: appUrl,
        NEXTAUTH_URL: appUrl,
        KLIENTIKS_BASE_URL: process.env.KLIENTIKS_BASE_URL ?? emulatorUrl,
        KLIENTIKS_EMULATOR_URL: emulatorUrl,
        ZADARMA_BASE_URL: process.env.ZADARMA_BASE_URL ?? zadarmaEmulatorUrl,
        ZADARMA_EMULATOR_URL: zadarmaEmulatorUrl,
        MANGO_BASE_URL: process.env.MANGO_BASE_URL ?? mangoEmulatorUrl,
        MANGO_EMULATOR_URL: mangoEmulatorUrl,
        DEMO_SITE_URL: demoSiteUrl,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      onUnexpectedExit,
    },
  ),
);
await waitForPort(APP_PORT, "127.0.0.1", 120_000);
console.log(
  `[dev] ready: ${appUrl} (demo customer site: ${demoSiteUrl}, linked from Settings → Sites)`,
);
