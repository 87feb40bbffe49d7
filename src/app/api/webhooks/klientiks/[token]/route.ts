import { getDb } from "@/server/db/client";
import { findLiveEndpointByTokenHash } from "@/server/domain/webhooks/endpoints";
import { createWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import {
  handleKlientiksWebhook,
  type TKlientiksWebhookDeps,
} from "@/server/http/handle-klientiks-webhook";
import { dispatchDeliveries } from "@/server/jobs/dispatch";
import { withRedactedRequestLog } from "@/server/logging/dev-request-log";
import { logger } from "@/server/logging/logger";

type TRouteContext = { params: Promise<{ token: string }> };

/** 30 s in this process at most; the insert re-checks every endpoint anyway (webhook-endpoint-cache.ts). */
const ENDPOINT_CACHE = { ttlMs: 30_000, maxEntries: 10_000 };

let deps: TKlientiksWebhookDeps | undefined;

const getDeps = (): TKlientiksWebhookDeps =>
  (deps ??= {
    db: getDb(),
    endpoints: createWebhookEndpointCache({
      ...ENDPOINT_CACHE,
      load: (tokenHash, at) => findLiveEndpointByTokenHash(getDb(), tokenHash, at),
    }),
    dispatch: dispatchDeliveries,
    log: logger.child({ component: "klientiks-webhook" }),
  });

/** Klientiks webhooks, by GET or POST (klientiks-contract §12.3). */
const handle = async (request: Request, context: TRouteContext): Promise<Response> =>
  handleKlientiksWebhook(request, (await context.params).token, getDeps());

// Next's own request line would show the token; this one hides it (next.config.mjs).
const handleWithLog = withRedactedRequestLog(handle);
export const GET = handleWithLog;
export const POST = handleWithLog;
