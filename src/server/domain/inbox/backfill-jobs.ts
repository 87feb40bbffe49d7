import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";

/**
 * Starts an import of a connection's history since `since` (Klientiks appointments, telephony
 * statistics), one listing at a time per connection. Each source lists its rows into the inbox under
 * the job's id; the inbox does the rest, so a restart resumes where it stopped.
 *
 * A job stays `running` after its listing until its progress is read with every row settled, and
 * nothing reads it for a background import (the daily telephony reconciliation). So only a job still
 * listing holds back a new one; a listed one is superseded: completed, its rows going on through the
 * inbox as they would anyway, and the settings page showing the new job.
 */
export async function startBackfill(
  db: TDb,
  options: { tenantId: string; connectionId: string; since: Date },
) {
  const { tenantId, connectionId } = options;
  const listing = await db.backfillJob.findFirst({
    where: { tenantId, connectionId, status: "running", enumeratedAt: null },
    select: { id: true },
  });
  if (listing) return listing;
  await db.backfillJob.updateMany({
    where: { tenantId, connectionId, status: "running", enumeratedAt: { not: null } },
    data: { status: "completed", finishedAt: new Date() },
  });
  return db.backfillJob.create({
    data: { id: createId("job"), tenantId, connectionId, since: options.since },
    select: { id: true },
  });
}

/**
 * Progress of a connection's latest import (a `BackfillJob`, any source) for its settings page: it
 * lists rows into the inbox under its id, and completes once those rows are all settled.
 */
export async function findBackfillProgress(
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
) {
  const job = await db.backfillJob.findFirst({
    where: { tenantId, connectionId },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      since: true,
      status: true,
      listed: true,
      enumeratedAt: true,
      error: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  if (!job) return null;
  const counts = await db.webhookDelivery.groupBy({
    by: ["status"],
    where: { tenantId, batchId: job.id },
    _count: { _all: true },
  });
  const countOf = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  const queued = counts.reduce((sum, row) => sum + row._count._all, 0);
  const done = countOf("processed") + countOf("failed");
  if (job.status === "running" && job.enumeratedAt && done === queued) {
    await db.backfillJob.update({
      where: { id: job.id },
      data: { status: "completed", finishedAt: new Date() },
    });
    return { ...job, status: "completed" as const, queued, done, failed: countOf("failed") };
  }
  return { ...job, queued, done, failed: countOf("failed") };
}
