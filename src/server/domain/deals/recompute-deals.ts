import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { recomputeDealAttribution } from "@/server/domain/analytics/recompute-attribution";
import { referenceIdsOf } from "@/server/domain/deals/map-appointment-to-deal";
import { recomputeDealFields, storedAppointmentOf } from "@/server/domain/deals/recompute-deal";
import {
  createKlientiksApi,
  decryptKlientiksCredentials,
} from "@/server/domain/klientiks/credentials";
import { toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { resolveReferenceNames } from "@/server/domain/klientiks/reference-cache";
import { parseKlientiksSettings } from "@/server/domain/klientiks/settings";

const CHUNK_SIZE = 200;

/**
 * Starts re-applying the deal settings to every deal of the connection. A recompute still running
 * is superseded: the new one starts over and reads the settings stored now, so each deal ends
 * under the latest settings whatever the order of saves.
 */
export async function startDealRecompute(
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
) {
  const now = new Date();
  await db.dealRecomputeJob.updateMany({
    where: { tenantId, connectionId, status: "running" },
    data: { status: "failed", error: "superseded", finishedAt: now },
  });
  const total = await db.deal.count({ where: { tenantId, connectionId } });
  return db.dealRecomputeJob.create({
    data: { id: createId("job"), tenantId, connectionId, total },
    select: { id: true, tenantId: true },
  });
}

/** Whether the latest recompute of the connection stopped on an error (so saving the settings again retries it). */
export async function didLastDealRecomputeFail(
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
): Promise<boolean> {
  const last = await db.dealRecomputeJob.findFirst({
    where: { tenantId, connectionId },
    orderBy: { startedAt: "desc" },
    select: { status: true },
  });
  return last?.status === "failed";
}

/** A running recompute whose last chunk is older than this lost its run (a lost event, a dead process, retries spent). */
const STALLED_AFTER_MS = 5 * 60 * 1000;

/** Recomputes still running, e.g. interrupted by a restart; they resume after their cursor. */
export const findDealRecomputesToRun = (db: TDb) =>
  db.dealRecomputeJob.findMany({
    where: { status: "running" },
    select: { id: true, tenantId: true },
  });

/** Running recomputes that nothing has advanced for a while, to hand to the driver again. */
export const findStalledDealRecomputes = (db: TDb, now = new Date()) =>
  db.dealRecomputeJob.findMany({
    where: { status: "running", heartbeatAt: { lt: new Date(now.getTime() - STALLED_AFTER_MS) } },
    select: { id: true, tenantId: true },
  });

/**
 * One step of a recompute: the next chunk of deals (by id, after the cursor) mapped again from
 * their stored appointment (`Deal.raw`, as last fetched) under the current settings. No appointment
 * is fetched; names come from the reference cache (one list call at most, on a miss). A deal
 * written by a delivery meanwhile (another `crmModifiedAt`) is left to that delivery, and nothing
 * is written once the job was superseded.
 */
export async function recomputeDealsChunk(
  db: TDb,
  deps: TKlientiksDeps,
  options: { tenantId: string; jobId: string; chunkSize?: number },
): Promise<{ isFinished: boolean }> {
  const { tenantId, jobId } = options;
  const chunkSize = options.chunkSize ?? CHUNK_SIZE;
  const job = await db.dealRecomputeJob.findFirst({
    where: { id: jobId, tenantId, status: "running" },
    select: {
      cursor: true,
      connection: { select: { id: true, tenantId: true, credentials: true, settings: true } },
    },
  });
  if (!job) return { isFinished: true };
  const { connection } = job;
  const settings = parseKlientiksSettings(connection.settings);
  const deals = await db.deal.findMany({
    where: {
      tenantId,
      connectionId: connection.id,
      ...(job.cursor ? { id: { gt: job.cursor } } : {}),
    },
    orderBy: { id: "asc" },
    take: chunkSize,
    select: { id: true, raw: true, currency: true, crmModifiedAt: true },
  });
  const stored = deals.flatMap((deal) => {
    const appointment = storedAppointmentOf(deal.raw, settings);
    return appointment ? [{ deal, appointment }] : [];
  });

  const api = createKlientiksApi(deps, settings.accountTimezone);
  const credentials = () => decryptKlientiksCredentials(deps.keyring, connection);
  const references = await resolveReferenceNames(db, {
    tenantId,
    connectionId: connection.id,
    ...referenceIdsOf(
      stored.map(({ appointment }) => appointment),
      settings,
    ),
    fetchEmployees: () => api.listUsers(credentials()),
    fetchServices: () => api.listServices(credentials()),
  }).catch(async (error: unknown) => {
    const failure = toDeliveryFailure(error);
    // A retriable failure is retried by the driver; anything else stops the job visibly.
    if (!failure.isRetriable)
      await db.dealRecomputeJob.updateMany({
        where: { id: jobId, tenantId, status: "running" },
        data: { status: "failed", error: failure.code, finishedAt: new Date() },
      });
    throw failure;
  });

  const rows = stored.map(({ deal, appointment }) => ({
    id: deal.id,
    crmModifiedAt: deal.crmModifiedAt?.toISOString() ?? null,
    ...recomputeDealFields({ appointment, settings, references, currency: deal.currency }),
  }));
  const now = new Date();
  if (rows.length > 0) {
    await db.$executeRaw`
      UPDATE "Deal" AS d SET "amountMinor" = v."amountMinor", "services" = v."services", "paidBySubscription" = v."paidBySubscription"::"SubscriptionPayment",
        "responsibleId" = v."responsibleId", "responsibleName" = v."responsibleName", "responsibleKind" = v."responsibleKind", "updatedAt" = ${now}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v("id" text, "crmModifiedAt" timestamptz, "amountMinor" int, "services" jsonb,
        "paidBySubscription" text, "responsibleId" text, "responsibleName" text, "responsibleKind" text)
      WHERE d."tenantId" = ${tenantId} AND d."id" = v."id" AND d."crmModifiedAt" IS NOT DISTINCT FROM v."crmModifiedAt"
        AND EXISTS (SELECT 1 FROM "DealRecomputeJob" AS j WHERE j."id" = ${jobId} AND j."tenantId" = ${tenantId} AND j."status" = 'running')`;
  }
  // The same walk over every deal brings their attribution up to the workspace's current model,
  // window and mapping, and attributes deals stored before attribution existed (deal-attribution §11).
  await recomputeDealAttribution(db, { tenantId, dealIds: deals.map((deal) => deal.id) });
  const isFinished = deals.length < chunkSize;
  await db.dealRecomputeJob.updateMany({
    where: { id: jobId, tenantId, status: "running" },
    data: {
      cursor: deals.at(-1)?.id ?? job.cursor,
      done: { increment: deals.length },
      heartbeatAt: now,
      ...(isFinished ? { status: "completed", finishedAt: now } : {}),
    },
  });
  return { isFinished };
}

/** The whole recompute, chunk by chunk: the in-process driver's unit of work (Inngest runs chunks as steps). */
export async function runDealRecompute(
  db: TDb,
  deps: TKlientiksDeps,
  options: { tenantId: string; jobId: string },
): Promise<void> {
  while (!(await recomputeDealsChunk(db, deps, options)).isFinished);
}

/** The latest recompute of the connection, for the wizard's progress bar. */
export const findDealRecomputeProgress = (
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
) =>
  db.dealRecomputeJob.findFirst({
    where: { tenantId, connectionId },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      status: true,
      total: true,
      done: true,
      error: true,
      startedAt: true,
      finishedAt: true,
    },
  });
