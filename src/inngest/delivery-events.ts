import { klientiksWebhookReceived, telephonyEventReceived } from "@/inngest/client";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";

/**
 * Each inbox row as the event of its source's function. The event id is the run key (the delivery
 * id, suffixed for a replay), so resending the same delivery starts no second run while a replay
 * does (R6, R12).
 */
export const toDeliveryEvents = (deliveries: TEnqueuedDelivery[]) =>
  deliveries.map((delivery) => {
    const runKey = delivery.replay ? `${delivery.id}:replay:${delivery.replay}` : delivery.id;
    const common = {
      deliveryId: delivery.id,
      tenantId: delivery.tenantId,
      connectionId: delivery.connectionId,
      runKey,
    };
    return delivery.purpose === "telephony"
      ? telephonyEventReceived.create(
          { ...common, providerCallId: delivery.subjectId },
          { id: runKey },
        )
      : klientiksWebhookReceived.create(
          { ...common, appointmentId: delivery.subjectId },
          { id: runKey },
        );
  });
