import "server-only";

import { getEnv } from "@/env";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";

/** Klientiks configuration for domain code, from the validated environment. */
export function getKlientiksDeps(): TKlientiksDeps {
  const env = getEnv();
  return {
    keyring: env.ENCRYPTION_KEYRING,
    api: {
      baseUrl: env.KLIENTIKS_BASE_URL,
      timeoutMs: env.KLIENTIKS_TIMEOUT_MS,
      throttle: {
        perSecond: env.KLIENTIKS_THROTTLE_PER_SECOND,
        burst: env.KLIENTIKS_THROTTLE_BURST,
      },
    },
  };
}
