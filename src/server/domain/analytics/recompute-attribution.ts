import type { TDbClient } from "@/server/db/types";
import { attributeDeal } from "@/server/domain/analytics/attribute-deal";
import { compareCodeUnits } from "@/server/domain/analytics/compare-code-units";
import {
  loadCommunicationsOfDeals,
  loadDealsToAttribute,
} from "@/server/domain/analytics/load-attribution-inputs";
import { loadAttributionSettings } from "@/server/domain/analytics/load-attribution-settings";
import {
  isSameAttribution,
  toStoredAttribution,
  writeDealAttributions,
  type TDealAttributionRow,
} from "@/server/domain/analytics/write-deal-attributions";

/** Deals attributed per round trip: bounds the id arrays and the communications loaded at once. */
const BATCH_SIZE = 200;

export type TRecomputeAttributionResult = { examined: number; written: number };

/**
 * Attributes the given deals, and every deal of the given clients, under the workspace's current
 * settings, and stores the result (deal-attribution §11). Idempotent: only rows whose attribution
 * changed are written, so running it again writes nothing. Every query filters by the tenant, so
 * another workspace's deal ids or client ids are simply not found.
 */
export async function recomputeDealAttribution(
  db: TDbClient,
  options: { tenantId: string; dealIds?: readonly string[]; clientIds?: readonly string[] },
): Promise<TRecomputeAttributionResult> {
  const { tenantId } = options;
  const dealIds = await selectDealIds(db, options);
  if (dealIds.length === 0) return { examined: 0, written: 0 };
  const settings = await loadAttributionSettings(db, { tenantId });
  if (!settings) return { examined: 0, written: 0 };

  let examined = 0;
  let written = 0;
  for (let start = 0; start < dealIds.length; start += BATCH_SIZE) {
    const deals = await loadDealsToAttribute(db, {
      tenantId,
      dealIds: dealIds.slice(start, start + BATCH_SIZE),
    });
    if (deals.length === 0) continue;
    examined += deals.length;
    const { communications, clientIdOf } = await loadCommunicationsOfDeals(db, {
      tenantId,
      deals,
      windowDays: settings.windowDays,
    });
    const changed: TDealAttributionRow[] = [];
    for (const deal of deals) {
      // A deal without a client sees only its own booking (deal-attribution §10).
      const own = communications.filter(
        (communication) =>
          communication.dealId === deal.id ||
          (deal.clientId !== null && clientIdOf.get(communication.id) === deal.clientId),
      );
      const next = toStoredAttribution(attributeDeal({ deal, communications: own, settings }));
      if (!isSameAttribution(next, deal.stored)) changed.push({ id: deal.id, ...next });
    }
    written += await writeDealAttributions(db, { tenantId, rows: changed });
  }
  return { examined, written };
}

/** The ids to attribute, in id order so batches are stable; unknown and foreign ids drop out when loaded. */
async function selectDealIds(
  db: TDbClient,
  options: { tenantId: string; dealIds?: readonly string[]; clientIds?: readonly string[] },
): Promise<string[]> {
  const dealIds = [...(options.dealIds ?? [])];
  const clientIds = [...(options.clientIds ?? [])];
  // Deal ids alone need no look-up: the loader filters them by the tenant. This saves a round trip
  // on the deal upsert, which passes just its own deal.
  if (clientIds.length === 0) return [...new Set(dealIds)].sort(compareCodeUnits);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d."id" FROM "Deal" AS d
    WHERE d."tenantId" = ${options.tenantId} AND (d."id" = ANY(${dealIds}::text[]) OR d."clientId" = ANY(${clientIds}::text[]))
    ORDER BY d."id"`;
  return rows.map((row) => row.id);
}
