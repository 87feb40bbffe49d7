import { handleMangoWebhook } from "@/server/http/handle-mango-webhook";
import { getMangoWebhookDeps } from "@/server/http/telephony-webhook-deps";
import { withRedactedRequestLog } from "@/server/logging/dev-request-log";

export const dynamic = "force-dynamic";

type TRouteContext = { params: Promise<{ endpointToken: string; event: string[] }> };

/** Mango Office events: Mango appends `events/call`, `events/summary`, … to our address (docs/telephony-mango.md §7.6). */
const handle = async (request: Request, context: TRouteContext): Promise<Response> => {
  const { endpointToken, event } = await context.params;
  return handleMangoWebhook(request, endpointToken, event.join("/"), getMangoWebhookDeps());
};

// Next's own request line would show the token; this one hides it (next.config.mjs).
const handleWithLog = withRedactedRequestLog(handle);
export const GET = handleWithLog;
export const POST = handleWithLog;
