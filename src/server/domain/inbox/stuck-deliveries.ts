import type { TDb } from "@/server/db/client";
import { toEnqueued, type TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";

/** A pending delivery older than this was probably never handed to Inngest (its send failed). */
const STUCK_AFTER_MS = 2 * 60 * 1000;

/** The inbox doubles as an outbox: these get their event sent again (reliability R5), any source. */
export async function findStuckDeliveries(db: TDb, now = new Date()): Promise<TEnqueuedDelivery[]> {
  const rows = await db.webhookDelivery.findMany({
    where: {
      status: "pending",
      receivedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) },
      OR: [{ appointmentId: { not: null } }, { providerCallId: { not: null } }],
    },
    orderBy: { receivedAt: "asc" },
    take: 500,
    select: {
      id: true,
      tenantId: true,
      connectionId: true,
      purpose: true,
      appointmentId: true,
      providerCallId: true,
    },
  });
  return rows.map((row) => toEnqueued(row));
}
