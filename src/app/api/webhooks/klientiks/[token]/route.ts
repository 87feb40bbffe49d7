import { getDb } from "@/server/db/client";
import { receiveKlientiksWebhook } from "@/server/domain/webhooks/receive-klientiks-webhook";
import { readWebhookParams, selectRecordedHeaders } from "@/server/http/read-webhook-params";
import { dispatchDeliveries } from "@/server/jobs/dispatch";
import { withRedactedRequestLog } from "@/server/logging/dev-request-log";
import { logger } from "@/server/logging/logger";

type TRouteContext = { params: Promise<{ token: string }> };

const NOT_FOUND_BODY = JSON.stringify({ ok: false, error: { code: "NOT_FOUND", message: "Unknown webhook address" } });

/**
 * Klientiks webhooks (unsigned; the secret token in the path is the guard, R4). The delivery is
 * committed to the inbox before we answer, and the answer never waits for Klientiks (R5).
 */
async function handle(request: Request, context: TRouteContext): Promise<Response> {
  const { token } = await context.params;
  const parsed = await readWebhookParams(request);
  if (!parsed.ok) return Response.json({ ok: false, error: { code: "VALIDATION", field: parsed.field, message: parsed.message } }, { status: parsed.status });
  let outcome;
  try {
    outcome = await receiveKlientiksWebhook(getDb(), { token, method: request.method, params: parsed.params, headers: selectRecordedHeaders(request.headers), receivedAt: new Date() });
  } catch (error) {
    logger.error("klientiks webhook: inbox write failed", { error });
    // 503 so a sender that retries does; nothing was acknowledged.
    return Response.json({ ok: false, error: { code: "UNAVAILABLE", message: "Temporarily unavailable, retry later" } }, { status: 503, headers: { "Retry-After": "5" } });
  }
  if (outcome.kind === "unknown_endpoint") return new Response(NOT_FOUND_BODY, { status: 404, headers: { "content-type": "application/json" } });
  if (outcome.kind === "rejected") {
    logger.warn("klientiks webhook rejected", { deliveryId: outcome.deliveryId, reason: outcome.reason });
    const message = outcome.reason === "missing_appointment_id"
      ? "appointment_id is missing or empty: check the address template in Klientiks (the change event takes it from {{#new_data}}{{id}}{{/new_data}})"
      : "appointment_id must be a number";
    return Response.json({ ok: false, error: { code: "VALIDATION", field: "appointment_id", reason: outcome.reason, message }, deliveryId: outcome.deliveryId }, { status: 400 });
  }
  if (!outcome.isDuplicate) {
    await dispatchDeliveries([{ id: outcome.deliveryId, tenantId: outcome.tenantId, connectionId: outcome.connectionId, appointmentId: outcome.appointmentId }]);
  }
  return Response.json({ ok: true, deliveryId: outcome.deliveryId, duplicate: outcome.isDuplicate });
}

// Next's own request line would show the token; this one hides it (next.config.mjs).
const handleWithLog = withRedactedRequestLog(handle);
export const GET = handleWithLog;
export const POST = handleWithLog;
