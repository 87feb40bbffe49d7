import { inngest } from "@/inngest/client";
import { getDb } from "@/server/db/client";
import { pruneEndedLeases } from "@/server/domain/call-tracking/prune-leases";

/** Hourly: tracking-number leases past their retention, a batch per step until none are left. */
export const pruneNumberLeases = inngest.createFunction(
  {
    id: "prune-number-leases",
    retries: 1,
    concurrency: [{ limit: 1 }],
    triggers: [{ cron: "17 * * * *" }],
  },
  async ({ step }) => {
    let pruned = 0;
    for (let batch = 0; batch < 100; batch += 1) {
      const deleted = await step.run(`prune-${batch}`, () => pruneEndedLeases(getDb()));
      pruned += deleted;
      if (deleted === 0) break;
    }
    return { pruned };
  },
);
