import { handleMangoWebhook } from "@/server/http/handle-mango-webhook";
import { getMangoWebhookDeps } from "@/server/http/telephony-webhook-deps";
import { withRedactedRequestLog } from "@/server/logging/dev-request-log";

export const dynamic = "force-dynamic";

type TRouteContext = { params: Promise<{ endpointToken: string }> };

/** The bare address: Mango's «check connection» may post here, with no event path (docs/telephony-mango.md §7.6). */
const handle = async (request: Request, context: TRouteContext): Promise<Response> =>
  handleMangoWebhook(request, (await context.params).endpointToken, "", getMangoWebhookDeps());

const handleWithLog = withRedactedRequestLog(handle);
export const GET = handleWithLog;
export const POST = handleWithLog;
