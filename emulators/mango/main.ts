// `npm run emulator:mango`: runs the Mango Office VPBX emulator for local development.
//   MANGO_EMULATOR_PORT   port, default 4040 ("0" = any free port)
//   MANGO_EMULATOR_SEED   "0" disables the demo account (default on)

import { DEMO_ACCOUNT } from "./demo-seed";
import { startMangoEmulator } from "./server";

const DEFAULT_PORT = 4040;

const readPort = (): number => {
  const raw = process.env.MANGO_EMULATOR_PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`MANGO_EMULATOR_PORT must be a port number, got "${raw}"`);
  return value;
};

const main = async (): Promise<void> => {
  const seedDemo = process.env.MANGO_EMULATOR_SEED?.trim() !== "0";
  const emulator = await startMangoEmulator({ port: readPort(), seedDemo, log: true });
  console.log(
    `[mango-emulator] listening on ${emulator.url} (API ${emulator.url}/vpbx/)` +
      (seedDemo
        ? `; demo account "${DEMO_ACCOUNT.id}", vpbx_api_key ${DEMO_ACCOUNT.key}; pages at ${emulator.url}/`
        : ""),
  );

  const shutdown = (signal: string): void => {
    console.log(`[mango-emulator] ${signal}, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[mango-emulator] shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
};

main().catch((error: unknown) => {
  console.error("[mango-emulator] failed to start", error);
  process.exit(1);
});
