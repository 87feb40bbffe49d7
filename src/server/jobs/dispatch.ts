import "server-only";

import { getEnv } from "@/env";
import {
  inngest,
  klientiksBackfillRequested,
  klientiksDealsRecomputeRequested,
  telephonyImportRequested,
} from "@/inngest/client";
import { toDeliveryEvents } from "@/inngest/delivery-events";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import { getInlineWorker } from "@/server/jobs/runtime";
import { logger } from "@/server/logging/logger";

/**
 * Hands committed inbox rows to the active driver. A failure here loses nothing: the rows stay
 * `pending` and the resend sweeper (Inngest) or the poll (in-process) picks them up (R5).
 */
export async function dispatchDeliveries(deliveries: TEnqueuedDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  if (getEnv().jobsDriver === "inline") {
    getInlineWorker()?.wake(deliveries);
    return;
  }
  await inngest.send(toDeliveryEvents(deliveries)).catch((error: unknown) =>
    logger.warn("inngest.send failed; deliveries stay pending", {
      count: deliveries.length,
      error,
    }),
  );
}

/** Starts listing a backfill now rather than at the next scheduler tick. */
export async function dispatchBackfill(job: { tenantId: string; jobId: string }): Promise<void> {
  if (getEnv().jobsDriver === "inline") {
    void getInlineWorker()?.runSchedule();
    return;
  }
  await inngest
    .send(klientiksBackfillRequested.create(job))
    .catch((error: unknown) => logger.warn("inngest.send failed for a backfill", { error }));
}

/**
 * Starts recomputing the stored deals now. A failure to hand it over loses nothing: the job stays
 * running, and the inline scheduler or Inngest's resume-stalled-deal-recomputes picks it up.
 */
export async function dispatchDealRecompute(job: {
  tenantId: string;
  jobId: string;
}): Promise<void> {
  if (getEnv().jobsDriver === "inline") {
    void getInlineWorker()?.runDealRecomputes();
    return;
  }
  await inngest
    .send(klientiksDealsRecomputeRequested.create(job))
    .catch((error: unknown) => logger.warn("inngest.send failed for a deal recompute", { error }));
}

/** Starts listing a telephony statistics import now rather than at the next scheduler tick. */
export async function dispatchTelephonyImport(job: {
  tenantId: string;
  jobId: string;
}): Promise<void> {
  if (getEnv().jobsDriver === "inline") {
    void getInlineWorker()?.runSchedule();
    return;
  }
  await inngest
    .send(telephonyImportRequested.create(job))
    .catch((error: unknown) =>
      logger.warn("inngest.send failed for a telephony import", { error }),
    );
}
