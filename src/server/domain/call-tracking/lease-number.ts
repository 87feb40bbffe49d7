import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";

/** Which kind of tracking number a visit was shown (docs/call-tracking.md §3). */
export type TShownNumberUsage = "pool" | "static" | "fallback";

export type TShownNumber = { phone: string; usage: TShownNumberUsage };

export type TLeaseRequest = {
  tenantId: string;
  siteId: string;
  visitorId: string;
  /** The tracker's session id (`TrackerSession.sessionKey`). */
  sessionKey: string;
  holdMinutes: number;
  at: Date;
};

/**
 * The number a visit shows, leased or renewed in one statement by the SQL function
 * `lease_tracking_number` (migration 20261203231000_call_tracking): the session's static number,
 * the pool number the visitor holds, a free pool number, or the site's fallback. Null when the
 * site has none of them. Called again by the tracker's heartbeat, which renews the lease.
 */
export async function leaseTrackingNumber(
  db: TDbClient,
  request: TLeaseRequest,
): Promise<TShownNumber | null> {
  const { tenantId, siteId, visitorId, sessionKey, holdMinutes, at } = request;
  const [shown] = await db.$queryRaw<TShownNumber[]>`
    SELECT "phone", "usage" FROM lease_tracking_number(${tenantId}, ${siteId}, ${visitorId},
      ${sessionKey}, ${at}::timestamptz, make_interval(mins => ${holdMinutes}::int), ${createId("nls")})`;
  return shown ?? null;
}
