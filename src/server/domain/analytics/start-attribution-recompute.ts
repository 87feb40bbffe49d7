import type { TDb } from "@/server/db/client";
import { startDealRecompute } from "@/server/domain/deals/recompute-deals";

/**
 * deal-attribution §11: a change of the model, the window or the mapping re-attributes every deal
 * through the deal-settings recompute, which attributes each chunk it walks. Deals come from
 * Klientiks only, so a workspace without that connection has none and needs no job (null).
 */
export async function startAttributionRecompute(db: TDb, { tenantId }: { tenantId: string }) {
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "klientiks" },
    select: { id: true },
  });
  return connection ? startDealRecompute(db, { tenantId, connectionId: connection.id }) : null;
}
