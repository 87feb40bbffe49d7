import { getDb } from "@/server/db/client";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import { createUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import {
  handleKlientiksWebhook,
  type TKlientiksWebhookDeps,
} from "@/server/http/handle-klientiks-webhook";
import { dispatchDeliveries } from "@/server/jobs/dispatch";
import { withRedactedRequestLog } from "@/server/logging/dev-request-log";
import { logger } from "@/server/logging/logger";

/**
 * Always dynamic, like the liveness probe `npm run bench:ingest` compares it with: Next then hands
 * the request over without the static-rendering guards it otherwise wraps around each GET.
 */
export const dynamic = "force-dynamic";

type TRouteContext = { params: Promise<{ token: string }> };

/** 30 s in this process at most; the insert re-checks every endpoint anyway (webhook-endpoint-cache.ts). */
const ENDPOINT_CACHE = { ttlMs: 30_000, maxEntries: 10_000 };

let deps: TKlientiksWebhookDeps | undefined;

function getDeps(): TKlientiksWebhookDeps {
  if (deps) return deps;
  const log = logger.child({ component: "klientiks-webhook" });
  return (deps = {
    db: getDb(),
    endpoints: createWebhookEndpointCache({
      ...ENDPOINT_CACHE,
      load: (tokenHash, at) => findLiveEndpointByTokenHash(getDb(), tokenHash, at),
    }),
    unknownAddresses: createUnknownAddressLimiter({
      db: getDb(),
      onError: (error) => log.warn("unknown-address limit unavailable; answering 404", { error }),
    }),
    dispatch: dispatchDeliveries,
    log,
  });
}

/** Klientiks webhooks, by GET or POST (klientiks-contract §12.3). */
const handle = async (request: Request, context: TRouteContext): Promise<Response> =>
  handleKlientiksWebhook(request, (await context.params).token, getDeps());

// Next's own request line would show the token; this one hides it (next.config.mjs).
const handleWithLog = withRedactedRequestLog(handle);
export const GET = handleWithLog;
export const POST = handleWithLog;
