import type { TDb } from "@/server/db/client";
import {
  didLastDealRecomputeFail,
  startDealRecompute,
} from "@/server/domain/deals/recompute-deals";

/**
 * deal-attribution §11: a change of the model, the window or the mapping re-attributes every deal
 * through the deal-settings recompute, which attributes each chunk it walks. Deals come from
 * Klientiks only, so a workspace without that connection has none and needs no job (null).
 * `onlyAfterFailure` starts one only when the last recompute stopped on an error.
 */
export async function startAttributionRecompute(
  db: TDb,
  { tenantId, onlyAfterFailure = false }: { tenantId: string; onlyAfterFailure?: boolean },
) {
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "klientiks" },
    select: { id: true },
  });
  if (!connection) return null;
  const ids = { tenantId, connectionId: connection.id };
  // Saving unchanged settings retries a recompute that stopped on an error, as the deals step does.
  if (onlyAfterFailure && !(await didLastDealRecomputeFail(db, ids))) return null;
  return startDealRecompute(db, ids);
}
