import type { TDb } from "@/server/db/client";
import type { TEnqueuedDelivery } from "@/server/domain/klientiks/enqueue-sync";

/** A pending delivery older than this was probably never handed to Inngest (its send failed). */
const STUCK_AFTER_MS = 2 * 60 * 1000;

/** The inbox doubles as an outbox: these get their event sent again (reliability R5). */
export async function findStuckDeliveries(db: TDb, now = new Date()): Promise<TEnqueuedDelivery[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { status: "pending", receivedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) }, appointmentId: { not: null } },
    orderBy: { receivedAt: "asc" },
    take: 500,
    select: { id: true, tenantId: true, connectionId: true, appointmentId: true },
  });
  return rows.map((row) => ({ id: row.id, tenantId: row.tenantId, connectionId: row.connectionId, appointmentId: row.appointmentId ?? "" }));
}
