import { getEnv } from "@/env";
import { getDb } from "@/server/db/client";
import { createCallerNames } from "@/server/domain/telephony/caller-names";
import { createVerificationSecretsCache } from "@/server/domain/telephony/verification-secrets-cache";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import { createUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import {
  handleZadarmaWebhook,
  type TZadarmaWebhookDeps,
} from "@/server/http/handle-zadarma-webhook";
import { dispatchDeliveries } from "@/server/jobs/dispatch";
import { withRedactedRequestLog } from "@/server/logging/dev-request-log";
import { logger } from "@/server/logging/logger";

/**
 * Always dynamic, like the liveness probe `npm run bench:ingest` compares it with: Next then hands
 * the request over without the static-rendering guards it otherwise wraps around each GET.
 */
export const dynamic = "force-dynamic";

type TRouteContext = { params: Promise<{ token: string }> };

/** 30 s in this process at most; the insert re-checks the endpoint, the receiver re-reads secrets before a 401. */
const CACHE = { ttlMs: 30_000, maxEntries: 10_000 };

let deps: TZadarmaWebhookDeps | undefined;

function getDeps(): TZadarmaWebhookDeps {
  if (deps) return deps;
  const log = logger.child({ component: "zadarma-webhook" });
  return (deps = {
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
    callerNames: createCallerNames({ ...CACHE, db: getDb() }),
    unknownAddresses: createUnknownAddressLimiter({
      db: getDb(),
      onError: (error) => log.warn("unknown-address limit unavailable; answering 404", { error }),
    }),
    dispatch: dispatchDeliveries,
    log,
  });
}

/** Zadarma call notifications (POST) and its address check (GET `?zd_echo=`), docs/telephony-zadarma.md. */
const handle = async (request: Request, context: TRouteContext): Promise<Response> =>
  handleZadarmaWebhook(request, (await context.params).token, getDeps());

// Next's own request line would show the token; this one hides it (next.config.mjs).
const handleWithLog = withRedactedRequestLog(handle);
export const GET = handleWithLog;
export const POST = handleWithLog;
