import type { TDbClient } from "@/server/db/types";
import type { TCommunicationKind } from "@/server/domain/analytics/communication";
import {
  recomputeDealAttribution,
  type TRecomputeAttributionResult,
} from "@/server/domain/analytics/recompute-attribution";

/**
 * A widget lead or a call was stored and linked to its client: the deals it may now be credited
 * with are re-attributed (deal-attribution §11). Those are the client's deals created after it and
 * within the workspace's window of it — a deal created before a communication never counts it
 * (§2) — and, for a lead, the deal of its own appointment. Outgoing calls never count, so they
 * select nothing. The selection is one raw statement because it follows every call event and
 * widget booking (decisions/0002); it usually finds no deal, and then nothing else is read.
 */
export async function reattributeDealsAfterCommunication(
  db: TDbClient,
  { tenantId, kind, id }: { tenantId: string; kind: TCommunicationKind; id: string },
): Promise<TRecomputeAttributionResult> {
  const rows =
    kind === "widget_lead"
      ? await db.$queryRaw<{ id: string }[]>`
        SELECT d."id" FROM "Lead" AS l
          JOIN "Tenant" AS t ON t."id" = l."tenantId"
          JOIN "Deal" AS d ON d."tenantId" = l."tenantId" AND (d."id" = l."dealId" OR (d."clientId" = l."clientId"
            AND COALESCE(d."crmCreatedAt", d."createdAt") > l."crmCreatedAt"
            AND COALESCE(d."crmCreatedAt", d."createdAt") <= l."crmCreatedAt" + make_interval(days => t."attributionWindowDays")))
        WHERE l."tenantId" = ${tenantId} AND l."id" = ${id}`
      : await db.$queryRaw<{ id: string }[]>`
        SELECT d."id" FROM "Call" AS c
          JOIN "Tenant" AS t ON t."id" = c."tenantId"
          JOIN "Deal" AS d ON d."tenantId" = c."tenantId" AND d."clientId" = c."clientId"
            AND COALESCE(d."crmCreatedAt", d."createdAt") > c."startedAt"
            AND COALESCE(d."crmCreatedAt", d."createdAt") <= c."startedAt" + make_interval(days => t."attributionWindowDays")
        WHERE c."tenantId" = ${tenantId} AND c."id" = ${id} AND c."direction" = 'incoming'`;
  if (rows.length === 0) return { examined: 0, written: 0 };
  return recomputeDealAttribution(db, { tenantId, dealIds: rows.map((row) => row.id) });
}
