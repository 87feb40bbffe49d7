import { inngest, klientiksReconcileRequested } from "@/inngest/client";
import { toDeliveryEvents } from "@/inngest/delivery-events";
import { classified } from "@/inngest/step-errors";
import { getDb } from "@/server/db/client";
import {
  findConnectionsDueForReconcile,
  reconcileKlientiksConnection,
} from "@/server/domain/klientiks/reconcile";
import { getKlientiksDeps } from "@/server/klientiks-deps";

/** Every 15 minutes: one reconciliation request per active connection that is due (R13). */
export const scheduleKlientiksReconcile = inngest.createFunction(
  { id: "schedule-klientiks-reconcile", retries: 2, triggers: [{ cron: "*/15 * * * *" }] },
  async ({ step }) => {
    const connections = await step.run("find-due-connections", () =>
      findConnectionsDueForReconcile(getDb()),
    );
    if (connections.length > 0) {
      await step.sendEvent(
        "request-reconcile",
        connections.map((connection) =>
          klientiksReconcileRequested.create({
            tenantId: connection.tenantId,
            connectionId: connection.id,
          }),
        ),
      );
    }
    return { requested: connections.length };
  },
);

/** Lists changed appointments and feeds the missing ones to the delivery function. */
export const reconcileKlientiksConnectionFn = inngest.createFunction(
  {
    id: "reconcile-klientiks-connection",
    retries: 3,
    triggers: [klientiksReconcileRequested],
    singleton: { key: "event.data.connectionId", mode: "skip" },
  },
  async ({ event, step }) => {
    const result = await step.run("list-and-enqueue", () =>
      classified(() =>
        reconcileKlientiksConnection(getDb(), getKlientiksDeps(), {
          tenantId: event.data.tenantId,
          connectionId: event.data.connectionId,
        }),
      ),
    );
    if (result.enqueued.length > 0)
      await step.sendEvent("process-enqueued", toDeliveryEvents(result.enqueued));
    return { listed: result.listed, enqueued: result.enqueued.length };
  },
);
