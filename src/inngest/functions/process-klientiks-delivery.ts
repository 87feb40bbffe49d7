import { inngest, klientiksWebhookReceived } from "@/inngest/client";
import { classified, failureOfRun } from "@/inngest/step-errors";
import { getDb } from "@/server/db/client";
import {
  DELIVERY_RETRIES,
  markDeliveryFailed,
  noteFailedInngestAttempt,
} from "@/server/domain/inbox/failures";
import { toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import { fetchAndApplyAppointment, loadDelivery } from "@/server/domain/klientiks/process-delivery";
import { getKlientiksDeps } from "@/server/klientiks-deps";

/**
 * Enrichment of one inbox delivery: load → fetch the appointment (always its current state), then
 * names, mapping, upsert and stage history. The same domain steps run in-process without Inngest.
 * Steps return ids and outcomes only: never credentials (reliability R11), never the appointment
 * with its client's personal data.
 */
export const processKlientiksDelivery = inngest.createFunction(
  {
    id: "process-klientiks-delivery",
    retries: DELIVERY_RETRIES,
    triggers: [klientiksWebhookReceived],
    idempotency: "event.data.runKey",
    concurrency: [
      { key: "event.data.tenantId", limit: 2 },
      // One appointment at a time, so a burst of deliveries for one visit ends at its latest state (R6).
      { key: "event.data.tenantId + ':' + event.data.appointmentId", limit: 1 },
    ],
    onFailure: async ({ event, error }) => {
      const { tenantId, deliveryId } = event.data.event.data;
      await markDeliveryFailed(getDb(), { tenantId, deliveryId, failure: failureOfRun(error) });
    },
  },
  async ({ event, step, attempt }) => {
    const { tenantId, deliveryId } = event.data;
    const loaded = await step.run("load-delivery", () =>
      classified(() => loadDelivery(getDb(), { tenantId, deliveryId })),
    );
    if (loaded.isDone) return { deliveryId, outcome: "already-processed" as const };
    // A failed attempt is noted for the sync panel before Inngest schedules the retry (issue 8 A8).
    const attemptRef = {
      tenantId,
      connectionId: loaded.connectionId,
      deliveryId,
      attempt: attempt + 1,
    };
    // Fetch and upsert are one step: a step's result is kept in Inngest's run state, and the fetched
    // appointment holds the client's personal data (name, phone, e-mail).
    const result = await step.run("fetch-and-upsert", () =>
      classified(() =>
        fetchAndApplyAppointment(getDb(), getKlientiksDeps(), {
          tenantId,
          connectionId: loaded.connectionId,
          deliveryId,
          appointmentId: loaded.appointmentId,
        }).catch(async (error: unknown) => {
          throw await noteFailedInngestAttempt(getDb(), attemptRef, toDeliveryFailure(error));
        }),
      ),
    );
    return { deliveryId, ...result };
  },
);
