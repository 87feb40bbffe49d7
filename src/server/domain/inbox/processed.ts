import type { TDb } from "@/server/db/client";

/**
 * A delivery its source's processor finished under the Inngest driver, where the row stays
 * `pending` while Inngest runs it (the in-process worker marks its own claims, process-claimed.ts).
 * Until then the sync panel counts it as waiting and the resend sweeper sends it again (R5).
 */
export async function markDeliveryProcessed(
  db: TDb,
  { tenantId, deliveryId }: { tenantId: string; deliveryId: string },
  now = new Date(),
): Promise<void> {
  await db.$executeRaw`UPDATE "WebhookDelivery"
    SET "status" = 'processed', "processedAt" = ${now}::timestamptz, "errorCode" = NULL, "error" = NULL, "lockedUntil" = NULL
    WHERE "id" = ${deliveryId} AND "tenantId" = ${tenantId} AND "status" = 'pending'`;
}
