import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { mapUniqueViolation } from "@/server/db/unique-violation";
import { recordAudit } from "@/server/domain/audit/record-audit";
import type { TTrackingNumberRequest } from "@/server/domain/call-tracking/schemas";
import { AppError } from "@/server/errors";

type TActor = { tenantId: string; actorUserId: string };

const NUMBER_SELECT = {
  id: true,
  phone: true,
  usage: true,
  siteId: true,
  sourceId: true,
  campaignId: true,
  leaseId: true,
  heldUntil: true,
  createdAt: true,
} as const;

type TNumberRow = Prisma.TrackingNumberGetPayload<{ select: typeof NUMBER_SELECT }>;

/** A number as the settings show it: held by a visit until `heldUntil`, or free (null). */
const toNumberView = ({ leaseId, heldUntil, ...number }: TNumberRow, now: Date) => ({
  ...number,
  heldUntil: leaseId !== null && heldUntil > now ? heldUntil : null,
});
export type TTrackingNumberView = ReturnType<typeof toNumberView>;

export async function findTrackingNumbers(
  db: TDbClient,
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
): Promise<TTrackingNumberView[]> {
  const numbers = await db.trackingNumber.findMany({
    where: { tenantId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: NUMBER_SELECT,
  });
  return numbers.map((number) => toNumberView(number, now));
}

/**
 * Serializes the workspace's number writes, so two admins cannot both give a site its one fallback
 * number. Transaction-scoped: released on commit or rollback.
 */
const lockNumbers = (tx: TDbClient, tenantId: string) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tracking-numbers:${tenantId}`}, 0))`;

/**
 * The request's site, source and campaign, each checked to be the workspace's own (another
 * workspace's id is not found, R14); a campaign brings its source.
 */
async function resolveTargets(db: TDbClient, tenantId: string, request: TTrackingNumberRequest) {
  const [site, source, campaign] = await Promise.all([
    request.siteId
      ? db.site.findFirst({ where: { id: request.siteId, tenantId }, select: { id: true } })
      : null,
    request.sourceId
      ? db.source.findFirst({ where: { id: request.sourceId, tenantId }, select: { id: true } })
      : null,
    request.campaignId
      ? db.adCampaign.findFirst({
          where: { id: request.campaignId, tenantId },
          select: { id: true, sourceId: true },
        })
      : null,
  ]);
  if ((request.siteId && !site) || (request.sourceId && !source)) throw new AppError("NOT_FOUND");
  if (request.campaignId && !campaign) throw new AppError("NOT_FOUND");
  return {
    phone: request.phone,
    usage: request.usage,
    siteId: site?.id ?? null,
    sourceId: campaign?.sourceId ?? source?.id ?? null,
    campaignId: campaign?.id ?? null,
  };
}

async function assertOneFallback(
  db: TDbClient,
  { tenantId, siteId, exceptId }: { tenantId: string; siteId: string | null; exceptId?: string },
) {
  const other = await db.trackingNumber.findFirst({
    where: {
      tenantId,
      siteId,
      usage: "fallback",
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (other) throw new AppError("FALLBACK_NUMBER_EXISTS");
}

/** The workspace already has this phone: the `phone` field's error. */
const mapPhoneConflict = <T>(write: Promise<T>) =>
  mapUniqueViolation(write, "TRACKING_NUMBER_TAKEN");

/** Ends the visit that holds a number: the number is free at once and no visit renews it. */
async function releaseNumber(
  tx: TDbClient,
  { tenantId, leaseId }: { tenantId: string; leaseId: string | null },
  now: Date,
) {
  if (leaseId)
    await tx.numberLease.updateMany({
      where: { id: leaseId, tenantId, endsAt: { gt: now } },
      data: { endsAt: now },
    });
}

const auditDataOf = (number: TNumberRow): Prisma.InputJsonObject => ({
  phone: number.phone,
  usage: number.usage,
  siteId: number.siteId,
  sourceId: number.sourceId,
  campaignId: number.campaignId,
});

export function addTrackingNumber(
  db: TDb,
  {
    tenantId,
    actorUserId,
    request,
    now = new Date(),
  }: TActor & {
    request: TTrackingNumberRequest;
    now?: Date;
  },
) {
  return db.$transaction(async (tx) => {
    await lockNumbers(tx, tenantId);
    const data = await resolveTargets(tx, tenantId, request);
    if (data.usage === "fallback") await assertOneFallback(tx, { tenantId, siteId: data.siteId });
    const number = await mapPhoneConflict(
      tx.trackingNumber.create({
        data: { id: createId("tnum"), tenantId, ...data, heldUntil: now },
        select: NUMBER_SELECT,
      }),
    );
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "tracking_number.created",
      targetType: "tracking_number",
      targetId: number.id,
      data: auditDataOf(number),
    });
    return toNumberView(number, now);
  });
}

async function findOwnNumber(db: TDbClient, tenantId: string, numberId: string) {
  const number = await db.trackingNumber.findFirst({
    where: { id: numberId, tenantId },
    select: NUMBER_SELECT,
  });
  if (!number) throw new AppError("NOT_FOUND");
  return number;
}

/**
 * Edits a number. A number that changes its phone, use or site while a visit holds it is released:
 * that visit's lease ends now, and the number is free for its new use.
 */
export function updateTrackingNumber(
  db: TDb,
  {
    tenantId,
    actorUserId,
    numberId,
    request,
    now = new Date(),
  }: TActor & {
    numberId: string;
    request: TTrackingNumberRequest;
    now?: Date;
  },
) {
  return db.$transaction(async (tx) => {
    await lockNumbers(tx, tenantId);
    const before = await findOwnNumber(tx, tenantId, numberId);
    const data = await resolveTargets(tx, tenantId, request);
    if (data.usage === "fallback")
      await assertOneFallback(tx, { tenantId, siteId: data.siteId, exceptId: before.id });
    const isRepurposed =
      before.phone !== data.phone || before.usage !== data.usage || before.siteId !== data.siteId;
    if (isRepurposed) await releaseNumber(tx, { tenantId, leaseId: before.leaseId }, now);
    const number = await mapPhoneConflict(
      tx.trackingNumber.update({
        where: { id: before.id },
        data: { ...data, ...(isRepurposed ? { leaseId: null, heldUntil: now } : {}) },
        select: NUMBER_SELECT,
      }),
    );
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "tracking_number.updated",
      targetType: "tracking_number",
      targetId: number.id,
      data: { before: auditDataOf(before), after: auditDataOf(number) },
    });
    return toNumberView(number, now);
  });
}

/** Removes a number, held or not (its visit simply loses it; its leases go with it). */
export function removeTrackingNumber(
  db: TDb,
  { tenantId, actorUserId, numberId, now = new Date() }: TActor & { numberId: string; now?: Date },
) {
  return db.$transaction(async (tx) => {
    await lockNumbers(tx, tenantId);
    const number = await findOwnNumber(tx, tenantId, numberId);
    await releaseNumber(tx, { tenantId, leaseId: number.leaseId }, now);
    await tx.trackingNumber.delete({ where: { id: number.id } });
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "tracking_number.deleted",
      targetType: "tracking_number",
      targetId: number.id,
      data: auditDataOf(number),
    });
    return { id: number.id };
  });
}
