import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";

/**
 * Starts an import of a connection's history since `since` (Klientiks appointments, telephony
 * statistics), one at a time per connection. Each source lists its rows into the inbox under the
 * job's id; the inbox does the rest, so a restart resumes where it stopped.
 */
export async function startBackfill(db: TDb, options: { tenantId: string; connectionId: string; since: Date }) {
  const running = await db.backfillJob.findFirst({ where: { tenantId: options.tenantId, connectionId: options.connectionId, status: "running" }, select: { id: true } });
  if (running) return running;
  return db.backfillJob.create({ data: { id: createId("job"), tenantId: options.tenantId, connectionId: options.connectionId, since: options.since }, select: { id: true } });
}

/**
 * Progress of a connection's latest import (a `BackfillJob`, any source) for its settings page: it
 * lists rows into the inbox under its id, and completes once those rows are all settled.
 */
export async function findBackfillProgress(db: TDb, { tenantId, connectionId }: { tenantId: string; connectionId: string }) {
  const job = await db.backfillJob.findFirst({ where: { tenantId, connectionId }, orderBy: { startedAt: "desc" }, select: { id: true, since: true, status: true, listed: true, enumeratedAt: true, error: true, startedAt: true, finishedAt: true } });
  if (!job) return null;
  const counts = await db.webhookDelivery.groupBy({ by: ["status"], where: { tenantId, batchId: job.id }, _count: { _all: true } });
  const countOf = (status: string) => counts.find((row) => row.status === status)?._count._all ?? 0;
  const queued = counts.reduce((sum, row) => sum + row._count._all, 0);
  const done = countOf("processed") + countOf("failed");
  if (job.status === "running" && job.enumeratedAt && done === queued) {
    await db.backfillJob.update({ where: { id: job.id }, data: { status: "completed", finishedAt: new Date() } });
    return { ...job, status: "completed" as const, queued, done, failed: countOf("failed") };
  }
  return { ...job, queued, done, failed: countOf("failed") };
}
