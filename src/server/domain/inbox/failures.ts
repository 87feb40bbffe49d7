import type { TDb } from "@/server/db/client";
import { recordAttemptError } from "@/server/domain/inbox/attempt-errors";
import type { TClaimedDelivery } from "@/server/domain/inbox/claims";
import {
  isConnectionShortCircuit,
  type DeliveryFailure,
} from "@/server/domain/inbox/delivery-failure";
import { redactText } from "@/server/logging/redact";

/** Retries after the first attempt, in both drivers (the Inngest functions pass it as `retries`). */
export const DELIVERY_RETRIES = 5 as const;
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_RETRIES + 1;

/** 2 s, 10 s, 30 s, 2 min, 10 min: quick for blips, patient for outages. */
export const backoffMs = (attempt: number): number =>
  [2_000, 10_000, 30_000, 120_000, 600_000][Math.min(attempt - 1, 4)] ?? 600_000;

type TAttemptRef = { tenantId: string; connectionId: string; deliveryId: string; attempt: number };

const storedMessage = (failure: DeliveryFailure) => redactText(failure.message).slice(0, 500);

/**
 * Notes a failed attempt in the connection's error history, whether or not it will be retried, so
 * the sync panel can tell what went wrong even after a retry succeeded.
 */
async function noteFailedAttempt(
  db: TDb,
  ref: TAttemptRef,
  failure: DeliveryFailure,
  willRetry: boolean,
  at: Date,
): Promise<void> {
  if (isConnectionShortCircuit(failure)) return;
  await recordAttemptError(db, {
    ...ref,
    errorCode: failure.code,
    error: storedMessage(failure),
    willRetry,
    at,
  });
}

/** A delivery that will not be retried: kept with its reason for the log and for replay (R12). */
export async function markDeliveryFailed(
  db: TDb,
  {
    tenantId,
    deliveryId,
    failure,
  }: { tenantId: string; deliveryId: string; failure: DeliveryFailure },
) {
  const message = storedMessage(failure);
  const delivery = await db.webhookDelivery.update({
    where: { id: deliveryId, tenantId },
    data: {
      status: "failed",
      errorCode: failure.code,
      error: message,
      processedAt: new Date(),
      lockedUntil: null,
    },
    select: { connectionId: true },
  });
  if (!isConnectionShortCircuit(failure)) {
    await db.connection.updateMany({
      where: { id: delivery.connectionId, tenantId },
      data: { lastError: failure.code, lastErrorAt: new Date() },
    });
  }
}

/**
 * The Inngest driver's counterpart of recordDeliveryFailure: Inngest schedules the retry, we note
 * the attempt, and a delivery that will be retried carries its error meanwhile (the panel's
 * «retrying N deliveries»). `attempt` is 1-based. Returns the failure for the caller to rethrow.
 */
export async function noteFailedInngestAttempt(
  db: TDb,
  ref: TAttemptRef,
  failure: DeliveryFailure,
): Promise<DeliveryFailure> {
  const willRetry = failure.isRetriable && ref.attempt < MAX_DELIVERY_ATTEMPTS;
  await noteFailedAttempt(db, ref, failure, willRetry, new Date());
  if (willRetry) {
    await db.webhookDelivery.updateMany({
      where: { id: ref.deliveryId, tenantId: ref.tenantId, status: "pending" },
      data: { errorCode: failure.code, error: storedMessage(failure) },
    });
  }
  return failure;
}

/**
 * A retriable failure goes back to the inbox with backoff; anything else (or the last try) fails it.
 * Only while this worker still holds the claim: a row taken over after a stall is not touched.
 */
export async function recordDeliveryFailure(
  db: TDb,
  delivery: TClaimedDelivery,
  failure: DeliveryFailure,
  now = new Date(),
): Promise<DeliveryFailure> {
  const willRetry = failure.isRetriable && delivery.attempts < MAX_DELIVERY_ATTEMPTS;
  await noteFailedAttempt(
    db,
    {
      tenantId: delivery.tenantId,
      connectionId: delivery.connectionId,
      deliveryId: delivery.id,
      attempt: delivery.attempts,
    },
    failure,
    willRetry,
    now,
  );
  if (willRetry) {
    const delay = failure.retryAfterMs ?? backoffMs(delivery.attempts);
    await db.webhookDelivery.updateMany({
      where: {
        id: delivery.id,
        tenantId: delivery.tenantId,
        status: "processing",
        attempts: delivery.attempts,
      },
      data: {
        status: "pending",
        lockedUntil: null,
        nextAttemptAt: new Date(now.getTime() + delay),
        errorCode: failure.code,
        error: storedMessage(failure),
      },
    });
  } else {
    await markDeliveryFailed(db, { tenantId: delivery.tenantId, deliveryId: delivery.id, failure });
  }
  return failure;
}
