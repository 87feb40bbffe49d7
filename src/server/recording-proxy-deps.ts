import "server-only";

import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { decryptZadarmaCredentials, toApiCredentials } from "@/server/domain/telephony/credentials";
import type { TRecordingProxyDeps } from "@/server/http/stream-recording";
import { zadarmaRecordingLinks } from "@/server/http/zadarma-recording-links";
import { logger } from "@/server/logging/logger";
import { getTelephonyDeps } from "@/server/telephony-deps";

/** The recording proxy wired to the database, the Zadarma client and its configured host (docs/recordings.md). */
export function getRecordingProxyDeps(): TRecordingProxyDeps {
  const { keyring, zadarma } = getTelephonyDeps();
  return {
    db: getDb(),
    ...zadarmaRecordingLinks(zadarma, (connection) =>
      toApiCredentials(decryptZadarmaCredentials(keyring, connection)),
    ),
    providerBaseUrl: getEnv().ZADARMA_BASE_URL,
    log: logger.child({ component: "recording-proxy" }),
  };
}
