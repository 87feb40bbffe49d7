import type { TDbClient } from "@/server/db/types";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import {
  receiveKlientiksWebhook,
  type TReceiveOutcome,
  type TRejectionReason,
} from "@/server/domain/webhooks/receive-klientiks-webhook";
import type { TUnknownAddressLimiter } from "@/server/domain/webhooks/unknown-address-limit";
import type { TWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import { readWebhookParams, selectRecordedHeaders } from "@/server/http/read-webhook-params";
import {
  answerUnknownAddress,
  webhookNotFound as notFound,
  webhookUnavailable as unavailable,
} from "@/server/http/webhook-responses";
import type { TLogger } from "@/server/logging/logger";

export type TKlientiksWebhookDeps = {
  db: TDbClient;
  endpoints: TWebhookEndpointCache;
  /** Counts unknown-address answers per sender (R20). */
  unknownAddresses: TUnknownAddressLimiter;
  /** Hands stored deliveries to the job driver (dispatchDeliveries in the route). */
  dispatch: (deliveries: TEnqueuedDelivery[]) => Promise<void>;
  log: TLogger;
};

/** What the sender should fix, in the words of its address template (klientiks-contract §12.6). */
const REJECTION_MESSAGES: Record<TRejectionReason, string> = {
  missing_appointment_id:
    "appointment_id is missing or empty: check the address template in Klientiks (the change event takes it from {{#new_data}}{{id}}{{/new_data}})",
  invalid_appointment_id:
    "appointment_id must be a positive whole number (at most 18 digits): check the address template in Klientiks",
};

const rejected = (
  outcome: Extract<TReceiveOutcome, { kind: "rejected" }>,
  received: string | undefined,
) =>
  Response.json(
    {
      ok: false,
      error: {
        code: "VALIDATION",
        field: "appointment_id",
        reason: outcome.reason,
        message: REJECTION_MESSAGES[outcome.reason],
        received: received ?? null,
      },
      deliveryId: outcome.deliveryId,
    },
    { status: 400 },
  );

/**
 * A Klientiks webhook (unsigned; the secret token in the path is the guard, R4), in order of cost:
 * the token first (404 before a byte of the body is read, 429 past a sender's share of them, R20), then the parameters, read up to their
 * caps (413), then the inbox row, committed before we answer (R5). The answer never waits for
 * Klientiks.
 */
export async function handleKlientiksWebhook(
  request: Request,
  token: string,
  deps: TKlientiksWebhookDeps,
): Promise<Response> {
  const receivedAt = new Date();
  const endpoint = await deps.endpoints.resolve(token, receivedAt).catch((error: unknown) => {
    deps.log.error("klientiks webhook: endpoint lookup failed", { error });
    return undefined;
  });
  if (endpoint === undefined) return unavailable();
  if (!endpoint) return answerUnknownAddress(request, deps.unknownAddresses);

  const parsed = await readWebhookParams(request);
  if (!parsed.ok)
    return Response.json(
      { ok: false, error: { code: "VALIDATION", field: parsed.field, message: parsed.message } },
      { status: parsed.status },
    );

  let outcome: TReceiveOutcome;
  try {
    outcome = await receiveKlientiksWebhook(deps.db, {
      endpoint,
      method: request.method,
      params: parsed.params,
      headers: selectRecordedHeaders(request.headers),
      receivedAt,
    });
  } catch (error) {
    deps.log.error("klientiks webhook: inbox write failed", { error });
    return unavailable();
  }
  if (outcome.kind === "unknown_endpoint") return notFound();
  if (outcome.kind === "rejected") {
    deps.log.warn("klientiks webhook rejected", {
      deliveryId: outcome.deliveryId,
      reason: outcome.reason,
    });
    return rejected(outcome, parsed.params.appointment_id);
  }
  if (!outcome.isDuplicate) {
    await deps.dispatch([
      {
        id: outcome.deliveryId,
        tenantId: outcome.tenantId,
        connectionId: outcome.connectionId,
        purpose: endpoint.purpose,
        subjectId: outcome.appointmentId,
      },
    ]);
  }
  return Response.json({
    ok: true,
    deliveryId: outcome.deliveryId,
    duplicate: outcome.isDuplicate,
  });
}
