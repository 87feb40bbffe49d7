// Entry point for tests, scripts and the dev command: starts the Zadarma emulator on node:http and
// hands back its URL and a close function.

import { listen } from "../common/http-server";
import { startAutopilot } from "./autopilot";
import { createEmulator } from "./emulator";
import { createLogger } from "./logger";
import { routeRequest } from "./request-router";
import { disposeState } from "./state";

export type ZadarmaEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Seed the demo account of demo-seed.ts, now and on every reset. Default false. */
  seedDemo?: boolean;
  /** A live call on every account with a notification URL every `intervalMs`. Default off. */
  autopilot?: { intervalMs: number } | false;
  /** The Klientiks emulator, where the autopilot finds the demo salon's clients. */
  klientiksUrl?: string | null;
  /** One console line per request and notification. Default false. */
  log?: boolean;
};

export type ZadarmaEmulator = {
  /** Base URL, e.g. `http://127.0.0.1:4030`; use it as ZADARMA_BASE_URL. */
  url: string;
  port: number;
  close(): Promise<void>;
};

export const startZadarmaEmulator = async (
  options: ZadarmaEmulatorOptions = {},
): Promise<ZadarmaEmulator> => {
  const host = options.host ?? "127.0.0.1";
  const emulator = createEmulator({
    seedDemo: options.seedDemo ?? false,
    logger: createLogger(options.log ?? false),
    klientiksUrl: options.klientiksUrl ?? null,
    autopilot: options.autopilot
      ? { enabled: true, intervalMs: options.autopilot.intervalMs }
      : { enabled: false, intervalMs: 45_000 },
  });
  const listening = await listen(
    (request, response) => void routeRequest(emulator, request, response),
    options.port ?? 0,
    host,
  );
  const autopilot = startAutopilot(emulator);

  return {
    url: listening.url,
    port: listening.port,
    close: async () => {
      autopilot.stop();
      disposeState(emulator.state);
      await listening.close();
    },
  };
};
