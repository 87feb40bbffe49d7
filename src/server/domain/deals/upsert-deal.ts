import type { Prisma } from "@generated/prisma/client";
import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDealDraft } from "@/server/domain/deals/map-appointment-to-deal";

export type TUpsertDealResult = { dealId: string; outcome: "created" | "updated" | "stale"; stageChanged: boolean };

const toColumns = (draft: TDealDraft) => {
  const primary = draft.contacts[0];
  return {
    name: draft.name,
    amountMinor: draft.amountMinor,
    currency: draft.currency,
    status: draft.status,
    stage: draft.stage,
    stageGroup: draft.stageGroup,
    stageOrder: draft.stageOrder,
    visitStartAt: draft.visitStartAt,
    visitEndAt: draft.visitEndAt,
    crmCreatedAt: draft.crmCreatedAt,
    crmModifiedAt: draft.crmModifiedAt,
    isSale: draft.isSale,
    isOnlineBooking: draft.isOnlineBooking,
    paidBySubscription: draft.paidBySubscription,
    responsibleId: draft.responsibleId,
    responsibleName: draft.responsibleName,
    responsibleKind: draft.responsibleKind,
    contactName: primary?.name || null,
    contactPhone: primary?.phone ?? null,
    contactEmail: primary?.email ?? null,
    contacts: draft.contacts as unknown as Prisma.InputJsonValue,
    services: draft.services as unknown as Prisma.InputJsonValue,
    customFields: draft.customFields as unknown as Prisma.InputJsonValue,
    searchText: draft.searchText,
    missingInSource: false,
  };
};

/**
 * Upserts the deal of one appointment, keyed by (tenant, appointment id), and records a stage change
 * when the status moved. An appointment older than the stored one is ignored, so late or reordered
 * deliveries never regress a deal (reliability R8); an equal one overwrites idempotently.
 */
export async function upsertDeal(db: TDb, options: { tenantId: string; connectionId: string; draft: TDealDraft; raw: Prisma.InputJsonValue; deliveryId: string | null }): Promise<TUpsertDealResult> {
  const { tenantId, connectionId, draft, raw, deliveryId } = options;
  return db.$transaction(async (tx) => {
    // Serializes concurrent writers of the same appointment (webhook, reconciliation, backfill).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${tenantId}:${draft.externalId}`}, 0))`;
    const existing = await tx.deal.findUnique({ where: { tenantId_externalId: { tenantId, externalId: draft.externalId } }, select: { id: true, status: true, crmModifiedAt: true } });
    if (existing?.crmModifiedAt && draft.crmModifiedAt && draft.crmModifiedAt < existing.crmModifiedAt) {
      return { dealId: existing.id, outcome: "stale", stageChanged: false };
    }
    const dealId = existing?.id ?? createId("deal");
    if (existing) await tx.deal.update({ where: { id: existing.id }, data: { ...toColumns(draft), raw } });
    else await tx.deal.create({ data: { id: dealId, tenantId, connectionId, externalId: draft.externalId, ...toColumns(draft), raw } });
    const stageChanged = existing?.status !== draft.status;
    if (stageChanged) {
      await tx.dealStageChange.create({ data: { id: createId("dsc"), tenantId, dealId, fromStatus: existing?.status ?? null, toStatus: draft.status, at: draft.crmModifiedAt ?? new Date(), deliveryId } });
    }
    return { dealId, outcome: existing ? "updated" : "created", stageChanged };
  });
}

/** Klientiks answered "No data": the deal stays, flagged, never deleted (reliability R9). */
export const flagDealMissingInSource = (db: TDb, { tenantId, externalId }: { tenantId: string; externalId: string }) =>
  db.deal.updateMany({ where: { tenantId, externalId }, data: { missingInSource: true } });
