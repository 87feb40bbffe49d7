import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import type { TAttributionSettingsRequest } from "@/server/domain/analytics/attribution-settings-schema";
import { startAttributionRecompute } from "@/server/domain/analytics/start-attribution-recompute";
import { recordAudit } from "@/server/domain/audit/record-audit";

/** The workspace's attribution model and window (deal-attribution §3, §5). */
export async function findAttributionSettings(
  db: TDbClient,
  { tenantId }: { tenantId: string },
): Promise<TAttributionSettingsRequest> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { attributionModel: true, attributionWindowDays: true },
  });
  return { model: tenant.attributionModel, windowDays: tenant.attributionWindowDays };
}

/**
 * Saves the model and the window. A change re-attributes every deal of the workspace (the caller
 * hands the job to the driver); saving the same values again writes nothing and starts a recompute
 * only to retry one that stopped on an error.
 */
export async function updateAttributionSettings(
  db: TDb,
  {
    tenantId,
    actorUserId,
    settings,
  }: { tenantId: string; actorUserId: string; settings: TAttributionSettingsRequest },
) {
  const previous = await findAttributionSettings(db, { tenantId });
  if (previous.model === settings.model && previous.windowDays === settings.windowDays)
    return { recompute: await startAttributionRecompute(db, { tenantId, onlyAfterFailure: true }) };
  await db.$transaction(async (tx) => {
    await tx.tenant.update({
      where: { id: tenantId },
      data: { attributionModel: settings.model, attributionWindowDays: settings.windowDays },
    });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "attribution.settings_updated",
      targetType: "tenant",
      targetId: tenantId,
      data: { previous, settings },
    });
  });
  return { recompute: await startAttributionRecompute(db, { tenantId }) };
}
