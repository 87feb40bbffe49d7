import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import type { TCampaignRequest } from "@/server/domain/sites/schemas";
import { AppError } from "@/server/errors";

type TActor = { tenantId: string; actorUserId: string };

const CAMPAIGN_SELECT = {
  id: true,
  name: true,
  sourceId: true,
  utmCampaigns: true,
  isAutoCreated: true,
  createdAt: true,
} as const;

export const findCampaigns = (db: TDbClient, { tenantId }: { tenantId: string }) =>
  db.adCampaign.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    select: CAMPAIGN_SELECT,
  });

/**
 * A `utm_campaign` value identifies one campaign per source, or the tracker could not choose; the
 * check runs in the same transaction as the write (callers hold the campaign lock, see below).
 */
async function assertValuesFree(
  db: TDbClient,
  {
    tenantId,
    request,
    exceptId,
  }: { tenantId: string; request: TCampaignRequest; exceptId?: string },
) {
  const source = await db.source.findFirst({
    where: { id: request.sourceId, tenantId },
    select: { id: true },
  });
  if (!source) throw new AppError("NOT_FOUND");
  const clash = await db.adCampaign.findFirst({
    where: {
      tenantId,
      sourceId: request.sourceId,
      utmCampaigns: { hasSome: request.utmCampaigns },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw new AppError("CAMPAIGN_VALUE_TAKEN");
}

/**
 * Serializes campaign writes of one workspace, so that two writers (an admin and the tracker's
 * auto-creation) cannot both claim a value. Transaction-scoped: released on commit or rollback.
 */
export const lockCampaigns = (tx: TDbClient, tenantId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ad-campaigns:${tenantId}`}, 0))`;

export function createCampaign(
  db: TDb,
  { tenantId, actorUserId, request }: TActor & { request: TCampaignRequest },
) {
  return db.$transaction(async (tx) => {
    await lockCampaigns(tx, tenantId);
    await assertValuesFree(tx, { tenantId, request });
    const campaign = await tx.adCampaign.create({
      data: { id: createId("cmp"), tenantId, ...request },
      select: CAMPAIGN_SELECT,
    });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "campaign.created",
      targetType: "campaign",
      targetId: campaign.id,
    });
    return campaign;
  });
}

async function findOwnCampaign(db: TDbClient, tenantId: string, campaignId: string) {
  const campaign = await db.adCampaign.findFirst({
    where: { id: campaignId, tenantId },
    select: { id: true },
  });
  if (!campaign) throw new AppError("NOT_FOUND");
  return campaign;
}

export function updateCampaign(
  db: TDb,
  {
    tenantId,
    actorUserId,
    campaignId,
    request,
  }: TActor & { campaignId: string; request: TCampaignRequest },
) {
  return db.$transaction(async (tx) => {
    await lockCampaigns(tx, tenantId);
    await findOwnCampaign(tx, tenantId, campaignId);
    await assertValuesFree(tx, { tenantId, request, exceptId: campaignId });
    const campaign = await tx.adCampaign.update({
      where: { id: campaignId },
      data: request,
      select: CAMPAIGN_SELECT,
    });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "campaign.updated",
      targetType: "campaign",
      targetId: campaign.id,
    });
    return campaign;
  });
}

/** Sessions keep their UTM values; only their link to the campaign is cleared (SET NULL). */
export async function deleteCampaign(
  db: TDbClient,
  { tenantId, actorUserId, campaignId }: TActor & { campaignId: string },
) {
  const campaign = await findOwnCampaign(db, tenantId, campaignId);
  await db.adCampaign.delete({ where: { id: campaign.id } });
  await recordAudit(db, {
    tenantId,
    actorUserId,
    action: "campaign.deleted",
    targetType: "campaign",
    targetId: campaign.id,
  });
  return campaign;
}
