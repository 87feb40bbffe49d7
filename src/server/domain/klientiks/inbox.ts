import type { TDb } from "@/server/db/client";
import { recordAttemptError } from "@/server/domain/inbox/attempt-errors";
import type { TClaimedDelivery } from "@/server/domain/inbox/claims";
import { type DeliveryFailure, toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import { markDeliveryFailed, runKlientiksDelivery } from "@/server/domain/klientiks/process-delivery";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { redactText } from "@/server/logging/redact";

/** Retries after the first attempt, in both drivers (the Inngest function passes it as `retries`). */
export const DELIVERY_RETRIES = 5 as const;
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_RETRIES + 1;

/** 2 s, 10 s, 30 s, 2 min, 10 min: quick for blips, patient for outages. */
export const backoffMs = (attempt: number): number => [2_000, 10_000, 30_000, 120_000, 600_000][Math.min(attempt - 1, 4)] ?? 600_000;

type TAttemptRef = { tenantId: string; connectionId: string; deliveryId: string; attempt: number };

const storedMessage = (failure: DeliveryFailure) => redactText(failure.message).slice(0, 500);

/**
 * Notes a failed attempt in the connection's error history, whether or not it will be retried, so
 * the sync panel can tell what went wrong even after a retry succeeded. A short-circuit on an
 * unusable connection is not news: the connection already shows its cause.
 */
async function noteFailedAttempt(db: TDb, ref: TAttemptRef, failure: DeliveryFailure, willRetry: boolean, at: Date): Promise<void> {
  if (failure.code === "connection_inactive" || failure.code === "connection_needs_attention") return;
  await recordAttemptError(db, { ...ref, errorCode: failure.code, error: storedMessage(failure), willRetry, at });
}

/**
 * The Inngest driver's counterpart of recordDeliveryFailure: Inngest schedules the retry, we note
 * the attempt, and a delivery that will be retried carries its error meanwhile (the panel's
 * «retrying N deliveries»). `attempt` is 1-based. Returns the classified failure to rethrow.
 */
export async function noteFailedInngestAttempt(db: TDb, ref: TAttemptRef, error: unknown): Promise<DeliveryFailure> {
  const failure = toDeliveryFailure(error);
  const willRetry = failure.isRetriable && ref.attempt < MAX_DELIVERY_ATTEMPTS;
  await noteFailedAttempt(db, ref, failure, willRetry, new Date());
  if (willRetry) {
    await db.webhookDelivery.updateMany({ where: { id: ref.deliveryId, tenantId: ref.tenantId, status: "pending" }, data: { errorCode: failure.code, error: storedMessage(failure) } });
  }
  return failure;
}

/**
 * A retriable failure goes back to the inbox with backoff; anything else (or the last try) fails it.
 * Only while this worker still holds the claim: a row taken over after a stall is not touched.
 */
export async function recordDeliveryFailure(db: TDb, delivery: TClaimedDelivery, error: unknown, now = new Date()): Promise<DeliveryFailure> {
  const failure = toDeliveryFailure(error);
  const willRetry = failure.isRetriable && delivery.attempts < MAX_DELIVERY_ATTEMPTS;
  await noteFailedAttempt(db, { tenantId: delivery.tenantId, connectionId: delivery.connectionId, deliveryId: delivery.id, attempt: delivery.attempts }, failure, willRetry, now);
  if (willRetry) {
    const delay = failure.retryAfterMs ?? backoffMs(delivery.attempts);
    await db.webhookDelivery.updateMany({
      where: { id: delivery.id, tenantId: delivery.tenantId, status: "processing", attempts: delivery.attempts },
      data: { status: "pending", lockedUntil: null, nextAttemptAt: new Date(now.getTime() + delay), errorCode: failure.code, error: storedMessage(failure) },
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
