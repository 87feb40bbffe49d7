import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import {
  listLeadSourceValues,
  normalizeLeadSource,
  type TDeclaredLeadSource,
  type TLeadSourceValue,
} from "@/server/domain/analytics/lead-source-mapping";
import { startAttributionRecompute } from "@/server/domain/analytics/start-attribution-recompute";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { AppError } from "@/server/errors";

type TActor = { tenantId: string; actorUserId: string };

/**
 * The `lead_source` values of the workspace's deals, where attribution reads them (the primary
 * contact, deal-attribution §9), with the mapping table: what Settings → Attribution lists. Raw
 * spellings are grouped in SQL and normalised here, by the same function the attribution uses.
 */
export async function findLeadSourceValues(
  db: TDbClient,
  { tenantId }: { tenantId: string },
): Promise<TLeadSourceValue[]> {
  const [declared, mappings] = await Promise.all([
    db.$queryRaw<TDeclaredLeadSource[]>`
      SELECT d."contacts"->0->>'leadSource' AS "leadSource", count(*)::int AS "dealCount",
        (count(*) FILTER (WHERE d."attributionRule" IN ('client_lead_source', 'undetermined')))::int AS "fallbackDealCount"
      FROM "Deal" AS d
      WHERE d."tenantId" = ${tenantId} AND d."contacts"->0->>'leadSource' IS NOT NULL
      GROUP BY 1`,
    db.leadSourceMapping.findMany({
      where: { tenantId },
      select: { value: true, sourceId: true },
    }),
  ]);
  return listLeadSourceValues(
    declared,
    new Map(mappings.map(({ value, sourceId }) => [value, { sourceId }])),
  );
}

/** The normalised key of a value typed by hand or sent back from the table; blank is refused. */
function keyOf(value: string): string {
  const key = normalizeLeadSource(value);
  if (key === null) throw new AppError("VALIDATION", { message: "blank lead_source value" });
  return key;
}

/**
 * Maps a `lead_source` value to one of the workspace's sources, or moves it to another. A change
 * re-attributes every deal (the caller hands the job to the driver); a source of another workspace
 * is refused as unknown.
 */
export async function mapLeadSourceValue(
  db: TDb,
  { tenantId, actorUserId, value, sourceId }: TActor & { value: string; sourceId: string },
) {
  const key = keyOf(value);
  const source = await db.source.findFirst({
    where: { id: sourceId, tenantId },
    select: { id: true },
  });
  if (!source) throw new AppError("UNKNOWN_SOURCE");
  const existing = await db.leadSourceMapping.findUnique({
    where: { tenantId_value: { tenantId, value: key } },
    select: { sourceId: true },
  });
  if (existing?.sourceId === source.id) return { recompute: null };
  await db.$transaction(async (tx) => {
    const mapping = await tx.leadSourceMapping.upsert({
      where: { tenantId_value: { tenantId, value: key } },
      create: { id: createId("lsm"), tenantId, value: key, sourceId: source.id },
      update: { sourceId: source.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "attribution.lead_source_mapped",
      targetType: "lead_source_mapping",
      targetId: mapping.id,
      data: { value: key, sourceId: source.id, previousSourceId: existing?.sourceId ?? null },
    });
  });
  return { recompute: await startAttributionRecompute(db, { tenantId }) };
}

/** Removes a value's mapping, so its deals become undetermined again once recomputed. */
export async function unmapLeadSourceValue(
  db: TDb,
  { tenantId, actorUserId, value }: TActor & { value: string },
) {
  const key = keyOf(value);
  const mapping = await db.leadSourceMapping.findUnique({
    where: { tenantId_value: { tenantId, value: key } },
    select: { id: true, sourceId: true },
  });
  if (!mapping) return { recompute: null };
  await db.$transaction(async (tx) => {
    await tx.leadSourceMapping.deleteMany({ where: { id: mapping.id, tenantId } });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "attribution.lead_source_unmapped",
      targetType: "lead_source_mapping",
      targetId: mapping.id,
      data: { value: key, sourceId: mapping.sourceId },
    });
  });
  return { recompute: await startAttributionRecompute(db, { tenantId }) };
}
