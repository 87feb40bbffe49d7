import { Prisma } from "@generated/prisma/client";

import type { TDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";

/** Events are for people online now and for reconnects within minutes; a day is plenty. */
export const REALTIME_RETENTION_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Rows per statement, so one prune never holds the table (or the embedded database's one connection) for long. */
const PRUNE_BATCH = 5_000;

/** Deletes events older than the retention, one batch; returns how many went. */
export async function pruneRealtimeEvents(
  db: Pick<TDb, "$executeRaw">,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - REALTIME_RETENTION_MS);
  return db.$executeRaw(Prisma.sql`
    DELETE FROM "RealtimeEvent" WHERE "id" IN (
      SELECT "id" FROM "RealtimeEvent" WHERE "createdAt" < ${cutoff} ORDER BY "createdAt" LIMIT ${PRUNE_BATCH}
    )`);
}

const globalForPrune = globalThis as unknown as { svyazRealtimePrunedAt?: number };

/**
 * Prunes at most every ten minutes per process, off the publisher's path: publishing is what makes
 * rows, so the table stays about a day long wherever events are made, with no scheduler of its own.
 */
export function pruneRealtimeEventsNowAndThen(db: Pick<TDb, "$executeRaw">): void {
  const now = Date.now();
  if (
    globalForPrune.svyazRealtimePrunedAt !== undefined &&
    now - globalForPrune.svyazRealtimePrunedAt < PRUNE_EVERY_MS
  )
    return;
  globalForPrune.svyazRealtimePrunedAt = now;
  pruneRealtimeEvents(db).catch((error: unknown) =>
    logger.warn("pruning realtime events failed", { error }),
  );
}
