import { handleZadarmaWebhook } from "@/server/http/handle-zadarma-webhook";
import { getZadarmaWebhookDeps } from "@/server/http/telephony-webhook-deps";
import { withRedactedRequestLog } from "@/server/logging/dev-request-log";

/**
 * Always dynamic, like the liveness probe `npm run bench:ingest` compares it with: Next then hands
 * the request over without the static-rendering guards it otherwise wraps around each GET.
 */
export const dynamic = "force-dynamic";

type TRouteContext = { params: Promise<{ token: string }> };

/** Zadarma call notifications (POST) and its address check (GET `?zd_echo=`), docs/telephony-zadarma.md. */
const handle = async (request: Request, context: TRouteContext): Promise<Response> =>
  handleZadarmaWebhook(request, (await context.params).token, getZadarmaWebhookDeps());

// Next's own request line would show the token; this one hides it (next.config.mjs).
const handleWithLog = withRedactedRequestLog(handle);
export const GET = handleWithLog;
export const POST = handleWithLog;
