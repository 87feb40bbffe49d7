import { inngest, klientiksDealsRecomputeRequested } from "@/inngest/client";
import { classified } from "@/inngest/step-errors";
import { getDb } from "@/server/db/client";
import {
  findStalledDealRecomputes,
  recomputeDealsChunk,
} from "@/server/domain/deals/recompute-deals";
import { getKlientiksDeps } from "@/server/klientiks-deps";

/** Recomputes the stored deals after a settings change, one chunk per step, so a retry resumes at the cursor. */
export const recomputeKlientiksDeals = inngest.createFunction(
  {
    id: "recompute-klientiks-deals",
    retries: 5,
    triggers: [klientiksDealsRecomputeRequested],
    singleton: { key: "event.data.jobId", mode: "skip" },
  },
  async ({ event, step }) => {
    const { tenantId, jobId } = event.data;
    let chunks = 0;
    for (let isFinished = false; !isFinished; chunks += 1) {
      ({ isFinished } = await step.run(`recompute-chunk-${chunks}`, () =>
        classified(() => recomputeDealsChunk(getDb(), getKlientiksDeps(), { tenantId, jobId })),
      ));
    }
    return { chunks };
  },
);

/** Every 5 minutes: a recompute whose event never reached Inngest, or whose run gave up, is started again. */
export const resumeStalledDealRecomputes = inngest.createFunction(
  { id: "resume-stalled-deal-recomputes", retries: 2, triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => {
    const stalled = await step.run("find-stalled", () => findStalledDealRecomputes(getDb()));
    if (stalled.length > 0)
      await step.sendEvent(
        "resume",
        stalled.map((job) =>
          klientiksDealsRecomputeRequested.create({ tenantId: job.tenantId, jobId: job.id }),
        ),
      );
    return { resumed: stalled.length };
  },
);
