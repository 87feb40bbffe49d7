import { inngest, klientiksBackfillRequested } from "@/inngest/client";
import { toDeliveryEvents } from "@/inngest/delivery-events";
import { classified } from "@/inngest/step-errors";
import { getDb } from "@/server/db/client";
import { listBackfillAppointments } from "@/server/domain/klientiks/backfill";
import { getKlientiksDeps } from "@/server/klientiks-deps";

/** Lists the appointments of a backfill into the inbox and hands them to the delivery function. */
export const backfillKlientiks = inngest.createFunction(
  {
    id: "backfill-klientiks",
    retries: 5,
    triggers: [klientiksBackfillRequested],
    singleton: { key: "event.data.jobId", mode: "skip" },
  },
  async ({ event, step }) => {
    const enqueued = await step.run("list-appointments", () =>
      classified(() =>
        listBackfillAppointments(getDb(), getKlientiksDeps(), {
          tenantId: event.data.tenantId,
          jobId: event.data.jobId,
        }),
      ),
    );
    if (enqueued.length > 0) await step.sendEvent("process-enqueued", toDeliveryEvents(enqueued));
    return { enqueued: enqueued.length };
  },
);
