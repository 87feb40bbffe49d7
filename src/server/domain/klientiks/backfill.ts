import type { TDb } from "@/server/db/client";
import { DeliveryFailure } from "@/server/domain/inbox/delivery-failure";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import {
  createKlientiksApi,
  decryptKlientiksCredentials,
} from "@/server/domain/klientiks/credentials";
import { isCredentialFailure, toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { enqueueChangedAppointments } from "@/server/domain/klientiks/enqueue-sync";
import { parseKlientiksSettings } from "@/server/domain/klientiks/settings";
import { AppError } from "@/server/errors";
import type { TKlientiksAclRow } from "@/server/integrations/klientiks";

export const DEFAULT_BACKFILL_DAYS = 30;
const ENQUEUE_CHUNK = 200;

/** Klientiks jobs still listing appointments, e.g. interrupted by a restart. */
export const findBackfillsToList = (db: TDb) =>
  db.backfillJob.findMany({
    where: { status: "running", enumeratedAt: null, connection: { kind: "klientiks" } },
    select: { id: true, tenantId: true },
  });

/**
 * Phase 1 of a backfill: list every appointment changed since the job's date into the inbox.
 * Re-running it after a restart re-lists and enqueues only what is missing (dedupe keys).
 */
export async function listBackfillAppointments(
  db: TDb,
  deps: TKlientiksDeps,
  options: { tenantId: string; jobId: string; now?: Date },
): Promise<TEnqueuedDelivery[]> {
  const job = await db.backfillJob.findFirst({
    where: { id: options.jobId, tenantId: options.tenantId, status: "running" },
    select: {
      id: true,
      since: true,
      enumeratedAt: true,
      connection: {
        select: { id: true, tenantId: true, credentials: true, settings: true, status: true },
      },
    },
  });
  if (!job || job.enumeratedAt) return [];
  const { connection } = job;
  // A connection that cannot be used is not called (R19); the job fails visibly and can be restarted.
  if (connection.status !== "active") {
    const code =
      connection.status === "needs_attention"
        ? "connection_needs_attention"
        : "connection_inactive";
    await db.backfillJob.update({
      where: { id: job.id },
      data: { status: "failed", error: code, finishedAt: new Date() },
    });
    throw new DeliveryFailure(code);
  }
  const api = createKlientiksApi(deps, parseKlientiksSettings(connection.settings).accountTimezone);
  const enqueued: TEnqueuedDelivery[] = [];
  let chunk: TKlientiksAclRow[] = [];
  let listed = 0;
  const flush = async () => {
    enqueued.push(
      ...(await enqueueChangedAppointments(db, {
        tenantId: connection.tenantId,
        connectionId: connection.id,
        rows: chunk,
        source: "backfill",
        batchId: job.id,
        now: options.now,
      })),
    );
    chunk = [];
    await db.backfillJob.update({
      where: { id: job.id },
      data: { listed, heartbeatAt: new Date() },
    });
  };
  try {
    for await (const row of api.listAclChangedSince(
      decryptKlientiksCredentials(deps.keyring, connection),
      Math.floor(job.since.getTime() / 1000),
    )) {
      listed += 1;
      chunk.push(row);
      if (chunk.length >= ENQUEUE_CHUNK) await flush();
    }
    await flush();
  } catch (error) {
    const failure = toDeliveryFailure(error);
    if (!failure.isRetriable)
      await db.backfillJob.update({
        where: { id: job.id },
        data: { status: "failed", error: failure.code, finishedAt: new Date() },
      });
    // Refused credentials stop the line for the whole connection, as in processing and reconciliation.
    if (isCredentialFailure(failure))
      await db.connection.updateMany({
        where: { id: connection.id, tenantId: connection.tenantId },
        data: { status: "needs_attention", lastError: failure.code, lastErrorAt: new Date() },
      });
    throw failure;
  }
  await db.backfillJob.update({ where: { id: job.id }, data: { enumeratedAt: new Date() } });
  return enqueued;
}

export const assertBackfillSince = (since: Date, now = new Date()) => {
  if (since.getTime() > now.getTime())
    throw new AppError("VALIDATION", { message: "backfill date is in the future" });
};
