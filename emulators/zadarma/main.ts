// `npm run emulator:zadarma`: runs the emulator for local development.
//   ZADARMA_EMULATOR_PORT        port, default 4030
//   ZADARMA_EMULATOR_SEED        "0" disables the demo account (default on)
//   ZADARMA_EMULATOR_AUTOPILOT   seconds between autopilot calls; unset or "0" = off
//   KLIENTIKS_EMULATOR_URL       where the autopilot reads the Klientiks demo salon's clients

import { DEMO_ACCOUNT } from "./demo-seed";
import { startZadarmaEmulator } from "./server";

const DEFAULT_PORT = 4030;

const readNumber = (name: string, fallback: number): number => {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
};

const main = async (): Promise<void> => {
  const port = readNumber("ZADARMA_EMULATOR_PORT", DEFAULT_PORT);
  const seedDemo = process.env.ZADARMA_EMULATOR_SEED?.trim() !== "0";
  const autopilotSeconds = readNumber("ZADARMA_EMULATOR_AUTOPILOT", 0);
  const klientiksUrl = process.env.KLIENTIKS_EMULATOR_URL?.trim() || null;

  const emulator = await startZadarmaEmulator({
    port,
    seedDemo,
    autopilot: autopilotSeconds > 0 ? { intervalMs: autopilotSeconds * 1000 } : false,
    klientiksUrl,
    log: true,
  });
  console.log(
    `[zadarma-emulator] listening on ${emulator.url}` +
      (seedDemo
        ? ` (demo account "${DEMO_ACCOUNT.id}", key ${DEMO_ACCOUNT.key}; phones at ${emulator.url}/)`
        : "") +
      (autopilotSeconds > 0 ? `, autopilot every ${autopilotSeconds} s` : ""),
  );

  const shutdown = (signal: string): void => {
    console.log(`[zadarma-emulator] ${signal}, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[zadarma-emulator] shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
};

main().catch((error: unknown) => {
  console.error("[zadarma-emulator] failed to start", error);
  process.exit(1);
});
