// `npm run emulator:klientiks`: runs the emulator for local development.
//   KLIENTIKS_EMULATOR_PORT       port, default 4010
//   KLIENTIKS_EMULATOR_SEED       "0" disables the demo accounts (default on)
//   KLIENTIKS_EMULATOR_AUTOPILOT  seconds between random demo changes; unset or "0" = off

import { DEMO_ACCOUNT } from "./demo-seed";
import { startKlientiksEmulator } from "./server";

const DEFAULT_PORT = 4010;

const readNumber = (name: string, fallback: number): number => {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
};

const main = async (): Promise<void> => {
  const port = readNumber("KLIENTIKS_EMULATOR_PORT", DEFAULT_PORT);
  const seedDemo = process.env.KLIENTIKS_EMULATOR_SEED?.trim() !== "0";
  const autopilotSeconds = readNumber("KLIENTIKS_EMULATOR_AUTOPILOT", 0);

  const emulator = await startKlientiksEmulator({
    port,
    seedDemo,
    autopilot: autopilotSeconds > 0 ? { intervalMs: autopilotSeconds * 1000 } : false,
    log: true,
  });
  console.log(
    `[klientiks-emulator] listening on ${emulator.url}` +
      (seedDemo
        ? ` (demo account ${DEMO_ACCOUNT.account_id}, widget ${emulator.url}/app/united/${DEMO_ACCOUNT.widget_slug})`
        : "") +
      (autopilotSeconds > 0 ? `, autopilot every ${autopilotSeconds} s` : ""),
  );

  const shutdown = (signal: string): void => {
    console.log(`[klientiks-emulator] ${signal}, shutting down`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[klientiks-emulator] shutdown failed", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
};

main().catch((error: unknown) => {
  console.error("[klientiks-emulator] failed to start", error);
  process.exit(1);
});
