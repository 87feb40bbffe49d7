import { inngest } from "@/inngest/client";
import { toDeliveryEvents } from "@/inngest/delivery-events";
import { getDb } from "@/server/db/client";
import { findStuckDeliveries } from "@/server/domain/inbox/stuck-deliveries";

/** Every 2 minutes: deliveries whose event never reached Inngest are sent again. */
export const resendStuckDeliveries = inngest.createFunction(
  { id: "resend-stuck-deliveries", retries: 2, triggers: [{ cron: "*/2 * * * *" }] },
  async ({ step }) => {
    const stuck = await step.run("find-stuck", () => findStuckDeliveries(getDb()));
    if (stuck.length > 0) await step.sendEvent("resend", toDeliveryEvents(stuck));
    return { resent: stuck.length };
  },
);
