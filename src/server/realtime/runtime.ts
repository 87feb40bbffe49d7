import "server-only";

import { getEnv } from "@/env";
import { logger } from "@/server/logging/logger";
import { RealtimeHub, type TRealtimeTransport } from "@/server/realtime/hub";

const globalForHub = globalThis as unknown as { svyazRealtimeHub?: RealtimeHub };

/**
 * How events travel in this deployment (docs/realtime.md): `REALTIME_TRANSPORT` when set; otherwise
 * in process when the database takes one connection per process (the embedded database, which
 * cannot hold a LISTEN beside the app's queries), LISTEN/NOTIFY on PostgreSQL.
 */
export function realtimeTransportOf(env: {
  REALTIME_TRANSPORT?: TRealtimeTransport;
  DATABASE_POOL_MAX: number;
}): TRealtimeTransport {
  return env.REALTIME_TRANSPORT ?? (env.DATABASE_POOL_MAX === 1 ? "in_process" : "listen");
}

/** This process's hub (one per process, on globalThis so every Next.js bundle shares it). */
export function getRealtimeHub(): RealtimeHub {
  if (!globalForHub.svyazRealtimeHub) {
    const env = getEnv();
    globalForHub.svyazRealtimeHub = new RealtimeHub({
      transport: realtimeTransportOf(env),
      connectionString: env.DATABASE_URL,
      log: logger.child({ component: "realtime-hub" }),
    });
  }
  return globalForHub.svyazRealtimeHub;
}
