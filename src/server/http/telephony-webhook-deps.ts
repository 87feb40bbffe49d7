import "server-only";

import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { createCallerNames } from "@/server/domain/telephony/caller-names";
import { createVerificationSecretsCache } from "@/server/domain/telephony/verification-secrets-cache";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import { createUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import type { TMangoWebhookDeps } from "@/server/http/handle-mango-webhook";
import type { TZadarmaWebhookDeps } from "@/server/http/handle-zadarma-webhook";
import { dispatchDeliveries } from "@/server/jobs/dispatch";
import { logger } from "@/server/logging/logger";

/** 30 s in this process at most; the insert re-checks the endpoint, the receiver re-reads secrets before a 401. */
const CACHE = { ttlMs: 30_000, maxEntries: 10_000 };

/** What every telephony receiver needs: the same endpoint lookup, keys, limiter, inbox and dispatch. */
function createTelephonyReceiverDeps(component: string): TMangoWebhookDeps {
  const log = logger.child({ component });
  return {
    db: getDb(),
    endpoints: createWebhookEndpointCache({
      ...CACHE,
      load: (tokenHash, at) => findLiveEndpointByTokenHash(getDb(), tokenHash, at),
    }),
    secrets: createVerificationSecretsCache({
      ...CACHE,
      db: getDb(),
      keyring: getEnv().ENCRYPTION_KEYRING,
    }),
    unknownAddresses: createUnknownAddressLimiter({
      db: getDb(),
      onError: (error) => log.warn("unknown-address limit unavailable; answering 404", { error }),
    }),
    dispatch: dispatchDeliveries,
    log,
  };
}

let mangoDeps: TMangoWebhookDeps | undefined;
let zadarmaDeps: TZadarmaWebhookDeps | undefined;

/** The Mango receiver's dependencies, built once per process (both of its routes share them). */
export const getMangoWebhookDeps = (): TMangoWebhookDeps =>
  (mangoDeps ??= createTelephonyReceiverDeps("mango-webhook"));

/** The Zadarma receiver's: the same, plus the caller names it may answer with. */
export const getZadarmaWebhookDeps = (): TZadarmaWebhookDeps =>
  (zadarmaDeps ??= {
    ...createTelephonyReceiverDeps("zadarma-webhook"),
    callerNames: createCallerNames({ ...CACHE, db: getDb() }),
  });
