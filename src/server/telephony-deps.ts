import "server-only";

import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { createDbMangoCircuit } from "@/server/domain/telephony/mango-circuit";
import { createMangoClient } from "@/server/integrations/mango";
import { createZadarmaClient } from "@/server/integrations/zadarma";

/** Telephony configuration for domain code, from the validated environment. */
export function getTelephonyDeps(): TTelephonyDeps {
  const env = getEnv();
  return {
    keyring: env.ENCRYPTION_KEYRING,
    zadarma: createZadarmaClient({ baseUrl: env.ZADARMA_BASE_URL }),
    mango: createMangoClient({
      baseUrl: env.MANGO_BASE_URL,
      circuit: createDbMangoCircuit(getDb()),
    }),
  };
}

/** Development only: the same client, aimed at the local emulator whatever ZADARMA_BASE_URL says. */
export const createEmulatorZadarmaClient = (emulatorUrl: string) =>
  createZadarmaClient({ baseUrl: emulatorUrl });
