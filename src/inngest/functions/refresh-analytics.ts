import { inngest } from "@/inngest/client";
import { classified } from "@/inngest/step-errors";
import { getDb } from "@/server/db/client";
import { refreshAnalyticsRollups } from "@/server/domain/analytics/rollups/refresh-rollups";

const DAYS_PER_STEP = 50;
const MAX_STEPS = 20;

/**
 * Every minute: rebuilds the analytics days that rows changed (docs/analytics.md §4), a batch of
 * days per step. The report also rebuilds its own workspace's stale days before it reads, so this
 * keeps the queue short rather than the report fresh.
 */
export const refreshAnalytics = inngest.createFunction(
  {
    id: "refresh-analytics-rollups",
    retries: 2,
    triggers: [{ cron: "* * * * *" }],
    singleton: { key: "analytics", mode: "skip" },
  },
  async ({ step }) => {
    let days = 0;
    for (let index = 0; index < MAX_STEPS; index += 1) {
      const rebuilt = await step.run(`refresh-${index}`, () =>
        classified(() => refreshAnalyticsRollups(getDb(), { maxDays: DAYS_PER_STEP })),
      );
      days += rebuilt;
      if (rebuilt < DAYS_PER_STEP) break;
    }
    return { days };
  },
);
