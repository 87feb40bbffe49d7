import type { WebhookPurpose } from "@generated/prisma/client";

import type { TDb } from "@/server/db/client";
import type { TClaimedDelivery } from "@/server/domain/inbox/claims";
import type { DeliveryFailure } from "@/server/domain/inbox/delivery-failure";
import { recordDeliveryFailure } from "@/server/domain/inbox/failures";

/**
 * Each source's processing of one delivery (docs/inbox-worker.md). It throws a DeliveryFailure,
 * classified by the source (its own service's errors), or lets anything unexpected through.
 */
export type TDeliveryProcessor = {
  run: (delivery: TClaimedDelivery) => Promise<unknown>;
  classify: (error: unknown) => DeliveryFailure;
};

/** The processor of each kind of inbox row: Klientiks deals and widget bookings, telephony events. */
export type TInboxProcessors = Record<WebhookPurpose, TDeliveryProcessor>;

export type TProcessOutcome = { ok: true } | { ok: false; failure: DeliveryFailure };

/** Processes one claimed delivery end to end with its source's processor; never throws. */
export async function processClaimedDelivery(
  db: TDb,
  processors: TInboxProcessors,
  delivery: TClaimedDelivery,
): Promise<TProcessOutcome> {
  const processor = processors[delivery.purpose];
  try {
    await processor.run(delivery);
    // Raw SQL like the other per-delivery bookkeeping (see klientiks/process-delivery.ts).
    await db.$executeRaw`UPDATE "WebhookDelivery" SET "status" = 'processed', "processedAt" = ${new Date()}::timestamptz, "lockedUntil" = NULL
      WHERE "id" = ${delivery.id} AND "tenantId" = ${delivery.tenantId} AND "status" = 'processing'`;
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      failure: await recordDeliveryFailure(db, delivery, processor.classify(error)),
    };
  }
}
