import { getDb } from "@/server/db/client";
import { recomputeDealsChunk } from "@/server/domain/deals/recompute-deals";
import { getKlientiksDeps } from "@/server/klientiks-deps";
import { inngest, klientiksDealsRecomputeRequested } from "@/inngest/client";
import { classified } from "@/inngest/step-errors";

/** Recomputes the stored deals after a settings change, one chunk per step, so a retry resumes at the cursor. */
export const recomputeKlientiksDeals = inngest.createFunction(
  { id: "recompute-klientiks-deals", retries: 5, triggers: [klientiksDealsRecomputeRequested], singleton: { key: "event.data.jobId", mode: "skip" } },
  async ({ event, step }) => {
    const { tenantId, jobId } = event.data;
    let chunks = 0;
    for (let isFinished = false; !isFinished; chunks += 1) {
      ({ isFinished } = await step.run(`recompute-chunk-${chunks}`, () => classified(() => recomputeDealsChunk(getDb(), getKlientiksDeps(), { tenantId, jobId }))));
    }
    return { chunks };
  },
);
