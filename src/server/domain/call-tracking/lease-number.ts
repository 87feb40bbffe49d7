import { createId } from "@/lib/ids";
import { createGroupCommit } from "@/server/db/group-commit";
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

type TShownRow = { phone: string | null; usage: TShownNumberUsage | null };

/**
 * Leases a batch in one statement and one transaction: `lease_tracking_number` (migrations
 * 20261203231000_call_tracking and 20261204002000_lease_commit_without_flush) runs for each
 * request in order, and each call sees the leases of the ones before it, so two requests of a
 * batch never get one number.
 */
async function leaseBatch(
  db: TDbClient,
  requests: TLeaseRequest[],
): Promise<(TShownNumber | null)[]> {
  const column = <T>(pick: (request: TLeaseRequest) => T) => requests.map(pick);
  const rows = await db.$queryRaw<TShownRow[]>`
    SELECT f."phone", f."usage"
    FROM unnest(${column((r) => r.tenantId)}::text[], ${column((r) => r.siteId)}::text[],
      ${column((r) => r.visitorId)}::text[], ${column((r) => r.sessionKey)}::text[],
      ${column((r) => r.at.toISOString())}::timestamptz[], ${column((r) => r.holdMinutes)}::int[],
      ${column(() => createId("nls"))}::text[])
      WITH ORDINALITY AS r("tenantId", "siteId", "visitorId", "sessionKey", "at", "hold", "newId", "ord")
    LEFT JOIN LATERAL lease_tracking_number(r."tenantId", r."siteId", r."visitorId", r."sessionKey",
      r."at", make_interval(mins => r."hold"), r."newId") AS f ON true
    ORDER BY r."ord"`;
  if (rows.length !== requests.length)
    throw new Error(`${requests.length} lease requests answered ${rows.length} rows`);
  return rows.map(({ phone, usage }) => (phone && usage ? { phone, usage } : null));
}

/**
 * The number a visit shows, leased or renewed by the SQL function `lease_tracking_number`: the
 * session's static number, the pool number the visitor holds, a free pool number, or the site's
 * fallback. Null when the site has none of them. Called again by the tracker's heartbeat, which
 * renews the lease.
 *
 * Group commit (createGroupCommit): requests that arrive while a batch is leased go together into
 * the next one, so under load one statement and one commit serve many visits
 * (`npm run bench:calltracking`).
 */
export const leaseTrackingNumber = createGroupCommit<TDbClient, TLeaseRequest, TShownNumber | null>(
  {
    maxBatch: 200,
    runBatch: leaseBatch,
  },
);
