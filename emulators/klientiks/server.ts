// Entry point for tests, scripts and the dev command: starts the Klientiks emulator on node:http
// (klientiks-contract §17) and hands back its URL and a close function.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { startAutopilot } from "./autopilot";
import { createEmulator } from "./emulator";
import { createLogger } from "./logger";
import { routeRequest } from "./request-router";

export type KlientiksEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Seed the demo accounts of demo-seed.ts, now and on every reset. Default false. */
  seedDemo?: boolean;
  /** Random plausible changes on the demo account every `intervalMs`. Default off. */
  autopilot?: { intervalMs: number } | false;
  /** One console line per request and webhook delivery. Default false. */
  log?: boolean;
};

export type KlientiksEmulator = {
  /** Base URL, e.g. `http://127.0.0.1:4010`; use it as KLIENTIKS_BASE_URL. */
  url: string;
  port: number;
  close(): Promise<void>;
};

export const startKlientiksEmulator = async (
  options: KlientiksEmulatorOptions = {},
): Promise<KlientiksEmulator> => {
  const host = options.host ?? "127.0.0.1";
  const logger = createLogger(options.log ?? false);
  const emulator = createEmulator({ seedDemo: options.seedDemo ?? false, logger });
  const server = createServer((request, response) => {
    void routeRequest(emulator, request, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const autopilot = options.autopilot ? startAutopilot(emulator, options.autopilot) : null;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: async () => {
      autopilot?.stop();
      emulator.state.webhooks.cancelAll();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hanging requests (the `hang` fault) and idle keep-alive sockets would hold close() open.
        server.closeAllConnections();
      });
    },
  };
};
