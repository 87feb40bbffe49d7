import type { TDbClient } from "@/server/db/types";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import {
  receiveTelephonyNotification,
  type TNotificationRejection,
  type TTelephonyNotification,
} from "@/server/domain/telephony/receive-notification";
import {
  webhookNotFound as notFound,
  webhookUnavailable as unavailable,
} from "@/server/http/webhook-responses";
import type { TLogger } from "@/server/logging/logger";

const REJECTION_STATUS: Record<TNotificationRejection["code"], number> = {
  missing_signature: 401,
  bad_signature: 401,
  invalid_event: 400,
};

/** 413 for a body past a receiver's cap (reliability R20). */
export const bodyTooLarge = (maxBytes: number) =>
  Response.json(
    {
      ok: false,
      error: {
        code: "VALIDATION",
        field: "body",
        message: `body is larger than ${maxBytes} bytes`,
      },
    },
    { status: 413 },
  );

/**
 * The common tail of every telephony receiver (Zadarma, Mango): the notification committed to the
 * one inbox (reliability R5), a rejection logged and answered with its status, an accepted new one
 * handed to the worker. Null when accepted (or a duplicate): the receiver answers in its provider's
 * words; otherwise the response to send.
 */
export async function commitTelephonyNotification(
  deps: {
    db: TDbClient;
    dispatch: (deliveries: TEnqueuedDelivery[]) => Promise<void>;
    log: TLogger;
  },
  provider: string,
  notification: TTelephonyNotification,
  rejectionField: string,
): Promise<Response | null> {
  const { rejection, endpoint } = notification;
  let outcome: Awaited<ReturnType<typeof receiveTelephonyNotification>>;
  try {
    outcome = await receiveTelephonyNotification(deps.db, notification);
  } catch (error) {
    deps.log.error(`${provider} webhook: inbox write failed`, { error });
    return unavailable();
  }
  if (outcome.kind === "unknown_endpoint") return notFound();
  if (outcome.kind === "rejected" && rejection) {
    deps.log.warn(`${provider} webhook rejected`, {
      deliveryId: outcome.deliveryId,
      reason: rejection.code,
      tenantId: endpoint.tenantId,
    });
    return Response.json(
      {
        ok: false,
        error: {
          code: rejection.code.toUpperCase(),
          field: rejectionField,
          message: rejection.message,
        },
      },
      { status: REJECTION_STATUS[rejection.code] },
    );
  }
  if (outcome.kind === "accepted" && !outcome.isDuplicate)
    await deps.dispatch([
      {
        id: outcome.deliveryId,
        tenantId: outcome.tenantId,
        connectionId: outcome.connectionId,
        purpose: "telephony",
        subjectId: outcome.providerCallId,
      },
    ]);
  return null;
}
