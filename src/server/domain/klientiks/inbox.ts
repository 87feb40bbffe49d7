import type { TDb } from "@/server/db/client";
import { type DeliveryFailure, toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import { markDeliveryFailed, runKlientiksDelivery } from "@/server/domain/klientiks/process-delivery";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { redactText } from "@/server/logging/redact";

/** Retries after the first attempt, in both drivers (the Inngest function passes it as `retries`). */
export const DELIVERY_RETRIES = 5 as const;
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_RETRIES + 1;
/** A claimed delivery not finished within this time is assumed lost with its worker and reclaimed. */
const CLAIM_TTL_MS = 2 * 60 * 1000;

export type TClaimedDelivery = { id: string; tenantId: string; appointmentId: string | null; attempts: number };

/** 2 s, 10 s, 30 s, 2 min, 10 min: quick for blips, patient for outages. */
export const backoffMs = (attempt: number): number => [2_000, 10_000, 30_000, 120_000, 600_000][Math.min(attempt - 1, 4)] ?? 600_000;

/**
 * Claims due deliveries for this worker. Deliveries of an appointment that another worker is
 * processing are left alone, so one appointment is processed by one worker at a time (R6).
 */
export async function claimDueDeliveries(db: TDb, { limit, now = new Date() }: { limit: number; now?: Date }): Promise<TClaimedDelivery[]> {
  const lockedUntil = new Date(now.getTime() + CLAIM_TTL_MS);
  return db.$queryRaw<TClaimedDelivery[]>`
    UPDATE "WebhookDelivery" AS d SET "status" = 'processing', "lockedUntil" = ${lockedUntil}, "attempts" = d."attempts" + 1
    WHERE d."id" IN (
      SELECT c."id" FROM "WebhookDelivery" AS c
      WHERE ((c."status" = 'pending' AND c."nextAttemptAt" <= ${now}) OR (c."status" = 'processing' AND c."lockedUntil" < ${now}))
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" AS o
          WHERE o."tenantId" = c."tenantId" AND o."appointmentId" = c."appointmentId" AND o."id" <> c."id"
            AND o."status" = 'processing' AND o."lockedUntil" >= ${now})
      ORDER BY c."nextAttemptAt" ASC
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING d."id", d."tenantId", d."appointmentId", d."attempts"`;
}

/** A retriable failure goes back to the inbox with backoff; anything else (or the last try) fails it. */
export async function recordDeliveryFailure(db: TDb, delivery: TClaimedDelivery, error: unknown, now = new Date()): Promise<DeliveryFailure> {
  const failure = toDeliveryFailure(error);
  if (failure.isRetriable && delivery.attempts < MAX_DELIVERY_ATTEMPTS) {
    const delay = failure.retryAfterMs ?? backoffMs(delivery.attempts);
    await db.webhookDelivery.update({
      where: { id: delivery.id, tenantId: delivery.tenantId },
      data: { status: "pending", lockedUntil: null, nextAttemptAt: new Date(now.getTime() + delay), errorCode: failure.code, error: redactText(failure.message).slice(0, 500) },
    });
  } else {
    await markDeliveryFailed(db, { tenantId: delivery.tenantId, deliveryId: delivery.id, failure });
  }
  return failure;
}

/** Processes one claimed delivery end to end; never throws. */
export async function processClaimedDelivery(db: TDb, deps: TKlientiksDeps, delivery: TClaimedDelivery): Promise<{ ok: true } | { ok: false; failure: DeliveryFailure }> {
  try {
    await runKlientiksDelivery(db, deps, { tenantId: delivery.tenantId, deliveryId: delivery.id });
    // Raw SQL like the other per-delivery bookkeeping (see process-delivery.ts).
    await db.$executeRaw`UPDATE "WebhookDelivery" SET "status" = 'processed', "processedAt" = ${new Date()}::timestamptz, "lockedUntil" = NULL
      WHERE "id" = ${delivery.id} AND "tenantId" = ${delivery.tenantId} AND "status" = 'processing'`;
    return { ok: true };
  } catch (error) {
    return { ok: false, failure: await recordDeliveryFailure(db, delivery, error) };
  }
}
