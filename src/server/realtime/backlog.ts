import type { TDbClient } from "@/server/db/types";
import {
  toRealtimeEvent,
  type TRealtimeAudience,
  type TRealtimeEvent,
} from "@/server/realtime/realtime-event";

/** A reconnect catches up on at most this much: older cards are stale, and a flood helps nobody. */
export const BACKLOG_WINDOW_MS = 10 * 60 * 1000;
export const BACKLOG_LIMIT = 200;

/**
 * The audience's events after `afterId` (a resumed stream's `Last-Event-ID`) from the last ten
 * minutes, at most the newest 200, oldest first. Only the workspace's own events, and of those only
 * the ones for everyone or for this member.
 */
export async function readRealtimeBacklog(
  db: TDbClient,
  {
    audience,
    afterId,
    now = new Date(),
  }: { audience: TRealtimeAudience; afterId: bigint; now?: Date },
): Promise<TRealtimeEvent[]> {
  const rows = await db.realtimeEvent.findMany({
    where: {
      tenantId: audience.tenantId,
      id: { gt: afterId },
      createdAt: { gte: new Date(now.getTime() - BACKLOG_WINDOW_MS) },
      OR: [{ membershipId: null }, { membershipId: audience.membershipId }],
    },
    orderBy: { id: "desc" },
    take: BACKLOG_LIMIT,
    select: {
      id: true,
      tenantId: true,
      membershipId: true,
      topic: true,
      payload: true,
      createdAt: true,
    },
  });
  return rows.reverse().map(toRealtimeEvent);
}
