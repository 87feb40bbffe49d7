import type { TBenchDatabase } from "../../bench/lib/database";
import { log } from "../../bench/lib/stats";
import { createKlientiksControl } from "../../emulators/klientiks/control-client";
import { createZadarmaControl } from "../../emulators/zadarma/control-client";
import { findFreePort } from "../../scripts/lib/processes.mjs";
import { startEmulatorProcess } from "../lib/emulator-process";
import { startRestartableApp } from "../lib/restartable-app";
import type { TSoakOptions } from "./options";

/**
 * Both emulators in processes of their own and `next start` in a third, with the in-process
 * worker, on `database`. Klientiks' own pace (1 request/s per account) would make the drill a
 * measure of Klientiks, so the app's Klientiks throttle is raised, as for `bench:ingest`.
 */
export async function startSoakEnvironment(database: TBenchDatabase, options: TSoakOptions) {
  const urls = {
    klientiks: await startEmulatorProcess(
      "Klientiks emulator",
      "bench/lib/emulator-main.ts",
      options.ports.klientiks,
    ),
    zadarma: await startEmulatorProcess(
      "Zadarma emulator",
      "bench/lib/zadarma-emulator-main.ts",
      options.ports.zadarma,
    ),
  };
  const app = await startRestartableApp({
    port: options.ports.app ?? (await findFreePort()),
    databaseUrl: database.url,
    env: {
      KLIENTIKS_BASE_URL: urls.klientiks,
      ZADARMA_BASE_URL: urls.zadarma,
      KLIENTIKS_THROTTLE_PER_SECOND: "100000",
      KLIENTIKS_THROTTLE_BURST: "64",
      KLIENTIKS_TIMEOUT_MS: String(options.klientiksTimeoutMs),
      // The embedded database serves one session for all connections (see the env schema).
      ...(database.kind === "embedded" ? { DATABASE_POOL_MAX: "1" } : {}),
    },
  });
  log(
    `next start on ${app.url}; Klientiks emulator on ${urls.klientiks}, Zadarma on ${urls.zadarma}`,
  );
  return {
    app,
    emulators: {
      klientiks: createKlientiksControl(urls.klientiks),
      zadarma: createZadarmaControl(urls.zadarma),
    },
  };
}
