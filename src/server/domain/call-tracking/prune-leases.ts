import type { TDbClient } from "@/server/db/types";

/**
 * How long an ended lease is kept (docs/call-tracking.md §3): crediting a call reads the leases
 * around its start, and a statistics import brings calls up to 7 days old (a month at most, Mango's
 * report limit); the coverage figure reads the last 7 days. Past that a lease is dead weight.
 */
export const LEASE_RETENTION_MS = 35 * 86_400_000;
/** Rows per statement, so one prune never holds the table (or the embedded database's one connection) for long. */
const PRUNE_BATCH = 5_000;

/**
 * Deletes leases that ended before the retention, one batch; returns how many went. Leases are
 * written in time order, so the oldest sit first in the table and the scan finds them at once.
 */
export const pruneEndedLeases = (db: TDbClient, now = new Date()): Promise<number> =>
  db.$executeRaw`
    DELETE FROM "NumberLease" WHERE "id" IN (
      SELECT "id" FROM "NumberLease"
      WHERE "endsAt" < ${new Date(now.getTime() - LEASE_RETENTION_MS)}::timestamptz
      LIMIT ${PRUNE_BATCH}::int
    )`;
