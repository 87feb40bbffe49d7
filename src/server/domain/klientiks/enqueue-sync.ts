import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import type { TKlientiksAclRow } from "@/server/integrations/klientiks";

/**
 * Puts appointments found by reconciliation or backfill into the same inbox as webhooks, so they go
 * through the very same processing path. Appointments whose deal is already at least as fresh as
 * the listed row are skipped; the dedupe key makes re-listing after a restart harmless.
 */
export async function enqueueChangedAppointments(
  db: TDb,
  options: {
    tenantId: string;
    connectionId: string;
    rows: TKlientiksAclRow[];
    source: "reconcile" | "backfill";
    batchId?: string;
    now?: Date;
  },
): Promise<TEnqueuedDelivery[]> {
  const { tenantId, connectionId, source, batchId } = options;
  const now = options.now ?? new Date();
  const rows = options.rows.filter(
    (row): row is TKlientiksAclRow & { appointmentId: number } => row.appointmentId !== null,
  );
  if (rows.length === 0) return [];
  const deals = await db.deal.findMany({
    where: { tenantId, externalId: { in: rows.map((row) => String(row.appointmentId)) } },
    select: { externalId: true, crmModifiedAt: true },
  });
  const freshness = new Map(
    deals.map((deal) => [deal.externalId, deal.crmModifiedAt?.getTime() ?? 0]),
  );
  const stale = rows.filter(
    (row) =>
      (freshness.get(String(row.appointmentId)) ?? -1) <
      (row.modifiedAt?.getTime() ?? Number.MAX_SAFE_INTEGER),
  );

  const candidates = stale.map((row) => ({
    id: createId("whd"),
    tenantId,
    connectionId,
    purpose: "deals" as const,
    source,
    batchId: batchId ?? null,
    dedupeKey: `${source}:${batchId ?? "cycle"}:${row.appointmentId}:${row.modifiedAt?.getTime() ?? 0}`,
    appointmentId: String(row.appointmentId),
    statusHint: row.status.slice(0, 64),
    method: "SYNC",
    receivedAt: now,
    nextAttemptAt: now,
  }));
  if (candidates.length === 0) return [];
  await db.webhookDelivery.createMany({ data: candidates, skipDuplicates: true });
  const inserted = await db.webhookDelivery.findMany({
    where: { tenantId, id: { in: candidates.map((candidate) => candidate.id) } },
    select: { id: true, appointmentId: true },
  });
  return inserted.map((delivery) => ({
    id: delivery.id,
    tenantId,
    connectionId,
    purpose: "deals",
    subjectId: delivery.appointmentId ?? delivery.id,
  }));
}
