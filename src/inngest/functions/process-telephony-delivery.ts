import { inngest, telephonyEventReceived } from "@/inngest/client";
import { classified, failureOfRun } from "@/inngest/step-errors";
import { getDb } from "@/server/db/client";
import { asDeliveryFailure } from "@/server/domain/inbox/delivery-failure";
import {
  DELIVERY_RETRIES,
  markDeliveryFailed,
  noteFailedInngestAttempt,
} from "@/server/domain/inbox/failures";
import { markDeliveryProcessed } from "@/server/domain/inbox/processed";
import { runTelephonyDelivery } from "@/server/domain/telephony/process-delivery";
import { getKlientiksDeps } from "@/server/klientiks-deps";

/**
 * One telephony notification into its call: the same domain step the in-process worker runs, with
 * the same retries and the same per-tenant and per-call concurrency (docs/inbox-worker.md).
 */
export const processTelephonyDelivery = inngest.createFunction(
  {
    id: "process-telephony-delivery",
    retries: DELIVERY_RETRIES,
    triggers: [telephonyEventReceived],
    idempotency: "event.data.runKey",
    concurrency: [
      { key: "event.data.tenantId", limit: 2 },
      // One event of a call at a time, as the in-process claims do (R6).
      { key: "event.data.tenantId + ':' + event.data.providerCallId", limit: 1 },
    ],
    onFailure: async ({ event, error }) => {
      const { tenantId, deliveryId } = event.data.event.data;
      await markDeliveryFailed(getDb(), { tenantId, deliveryId, failure: failureOfRun(error) });
    },
  },
  async ({ event, step, attempt }) => {
    const { tenantId, connectionId, deliveryId } = event.data;
    const attemptRef = { tenantId, connectionId, deliveryId, attempt: attempt + 1 };
    const result = await step.run("apply-call-event", () =>
      classified(async () => {
        const delivery = { id: deliveryId, tenantId, connectionId };
        const applied = await runTelephonyDelivery(
          getDb(),
          { klientiks: getKlientiksDeps() },
          delivery,
        ).catch(async (error: unknown) => {
          throw await noteFailedInngestAttempt(getDb(), attemptRef, asDeliveryFailure(error));
        });
        await markDeliveryProcessed(getDb(), { tenantId, deliveryId });
        return applied;
      }),
    );
    return { deliveryId, callId: result?.callId ?? null };
  },
);
