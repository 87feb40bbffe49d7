// Entry point for tests, scripts and the dev command: starts the Mango Office VPBX emulator on
// node:http and hands back its URL and a close function.

import { listen } from "../common/http-server";
import type { Clock } from "../zadarma/clock";
import { createLogger } from "../zadarma/logger";
import { createEmulator, type Emulator } from "./emulator";
import { routeRequest } from "./request-router";
import { disposeState } from "./state";

export type MangoEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Seed the demo account of demo-seed.ts, now and on every reset. Default false. */
  seedDemo?: boolean;
  /** One console line per request and event. Default false. */
  log?: boolean;
  /** A clock of the test's own (default: real time, movable through `POST /__control/clock`). */
  clock?: Clock;
};

export type MangoEmulator = {
  /** Base URL, e.g. `http://127.0.0.1:4040`; use it as MANGO_BASE_URL (the API is under `/vpbx/`). */
  url: string;
  port: number;
  /** The in-process emulator, for tests that look inside. */
  emulator: Emulator;
  close(): Promise<void>;
};

export const startMangoEmulator = async (
  options: MangoEmulatorOptions = {},
): Promise<MangoEmulator> => {
  const host = options.host ?? "127.0.0.1";
  const emulator = createEmulator({
    seedDemo: options.seedDemo ?? false,
    logger: createLogger(options.log ?? false, "[mango-emulator]"),
    clock: options.clock,
  });
  const listening = await listen(
    (request, response) => void routeRequest(emulator, request, response),
    options.port ?? 0,
    host,
  );
  return {
    url: listening.url,
    port: listening.port,
    emulator,
    close: async () => {
      disposeState(emulator.state);
      await listening.close();
    },
  };
};
