import { startOfZonedDay } from "@/lib/zoned-day";
import type { TDb } from "@/server/db/client";
import { findConnectionSyncHealth } from "@/server/domain/klientiks/sync-health";

/** Rejected notifications listed with their reason (a bad signature most of all, R1). */
const RECENT_REJECTIONS = 10;

/** `YYYY-MM-DD` of `now` on the workspace's clock. */
const dayIn = (now: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);

/**
 * The telephony sync panel, like Klientiks' and on the same inbox: today's notifications on the
 * workspace's clock, the last day's outcomes, retries, the last error, and the notifications we
 * refused with their reason. Every query is by this connection, not by provider.
 */
export async function findTelephonySyncHealth(
  db: TDb,
  options: { tenantId: string; connectionId: string; now?: Date },
) {
  const { tenantId, connectionId } = options;
  const now = options.now ?? new Date();
  const [connection, tenant] = await Promise.all([
    db.connection.findFirst({
      where: { id: connectionId, tenantId },
      select: {
        id: true,
        status: true,
        lastSyncAt: true,
        lastError: true,
        lastErrorAt: true,
        lastReconcileAt: true,
        activatedAt: true,
      },
    }),
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timezone: true } }),
  ]);
  if (!connection) return null;
  const todayStart = startOfZonedDay(dayIn(now, tenant.timezone), tenant.timezone) ?? now;
  const [health, eventsToday, rejections] = await Promise.all([
    findConnectionSyncHealth(db, { tenantId, connection, now }),
    db.webhookDelivery.count({
      where: { tenantId, connectionId, source: "webhook", receivedAt: { gte: todayStart } },
    }),
    db.webhookDelivery.findMany({
      where: { tenantId, connectionId, status: "rejected" },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: RECENT_REJECTIONS,
      select: { id: true, receivedAt: true, eventType: true, errorCode: true },
    }),
  ]);
  return { ...health, eventsToday, rejections };
}
