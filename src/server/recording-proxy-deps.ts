import "server-only";

import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { providerRecordingLinks } from "@/server/http/provider-recording-links";
import type { TRecordingProxyDeps } from "@/server/http/stream-recording";
import { logger } from "@/server/logging/logger";
import { getTelephonyDeps } from "@/server/telephony-deps";

/** The recording proxy wired to the database and each provider's client and configured host (docs/recordings.md). */
export function getRecordingProxyDeps(): TRecordingProxyDeps {
  const env = getEnv();
  return {
    db: getDb(),
    ...providerRecordingLinks(getTelephonyDeps(), {
      zadarma: env.ZADARMA_BASE_URL,
      mango: env.MANGO_BASE_URL,
    }),
    log: logger.child({ component: "recording-proxy" }),
  };
}
