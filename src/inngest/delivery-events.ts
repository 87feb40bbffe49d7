import type { TEnqueuedDelivery } from "@/server/domain/klientiks/enqueue-sync";
import { klientiksWebhookReceived } from "@/inngest/client";

/**
 * The event id is the run key (the delivery id, suffixed for a replay), so resending the same
 * delivery starts no second run while a replay does (R6, R12).
 */
export const toDeliveryEvents = (deliveries: TEnqueuedDelivery[]) =>
  deliveries.map((delivery) => {
    const runKey = delivery.replay ? `${delivery.id}:replay:${delivery.replay}` : delivery.id;
    return klientiksWebhookReceived.create(
      { deliveryId: delivery.id, tenantId: delivery.tenantId, connectionId: delivery.connectionId, appointmentId: delivery.appointmentId, runKey },
      { id: runKey },
    );
  });
