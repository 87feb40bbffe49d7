import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { startBackfill } from "@/server/domain/inbox/backfill-jobs";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import { decryptZadarmaCredentials, toApiCredentials } from "@/server/domain/telephony/credentials";
import {
  deadCredentialsCodeOf,
  stopOnDeadCredentials,
} from "@/server/domain/telephony/dead-credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { pbxTimeZoneOf } from "@/server/domain/telephony/settings";
import { statisticsRowToEvent, ZadarmaError } from "@/server/integrations/zadarma";

/** The import a new connection starts with (docs/telephony-calls.md, "Statistics"). */
export const TELEPHONY_BACKFILL_DAYS = 7;
/** Reconciliation looks back a little over a day, once a day, so the boundaries overlap. */
const RECONCILE_LOOKBACK_MS = 26 * 3_600_000;
const RECONCILE_INTERVAL_MS = 24 * 3_600_000;
const PAGE_SIZE = 1_000;

/** Telephony imports still listing (one page per call of `listNextStatisticsPage`). */
export const findTelephonyImportsToList = (db: TDb) =>
  db.backfillJob.findMany({
    where: { status: "running", enumeratedAt: null, connection: { kind: "zadarma" } },
    select: { id: true, tenantId: true },
  });

/** Active telephony connections whose daily reconciliation is due; each gets an import of the last 26 h. */
export async function startDueTelephonyReconciliations(db: TDb, now = new Date()): Promise<number> {
  const due = await db.connection.findMany({
    where: {
      kind: "zadarma",
      status: "active",
      OR: [
        { lastReconcileAt: null },
        { lastReconcileAt: { lt: new Date(now.getTime() - RECONCILE_INTERVAL_MS) } },
      ],
    },
    select: { id: true, tenantId: true, lastReconcileAt: true, activatedAt: true },
  });
  for (const connection of due) {
    // The first day is the backfill's: reconciliation starts a day after the connection.
    await db.connection.updateMany({
      where: { id: connection.id, tenantId: connection.tenantId },
      data: { lastReconcileAt: now },
    });
    if (connection.lastReconcileAt)
      await startBackfill(db, {
        tenantId: connection.tenantId,
        connectionId: connection.id,
        since: new Date(now.getTime() - RECONCILE_LOOKBACK_MS),
      });
  }
  return due.length;
}

/**
 * After dead credentials are replaced (R19): one import from where the last reconciliation began
 * (at most a backfill's 7 days back), which covers the import that failed on the old credentials and
 * the calls whose notifications could not be verified meanwhile; calls already known change nothing.
 */
export function startCatchUpImport(
  db: TDb,
  connection: { tenantId: string; connectionId: string; lastReconcileAt: Date | null },
  now = new Date(),
) {
  const earliest = now.getTime() - TELEPHONY_BACKFILL_DAYS * 86_400_000;
  const lastWindowStart = connection.lastReconcileAt
    ? connection.lastReconcileAt.getTime() - RECONCILE_LOOKBACK_MS
    : earliest;
  return startBackfill(db, {
    tenantId: connection.tenantId,
    connectionId: connection.connectionId,
    since: new Date(Math.max(earliest, lastWindowStart)),
  });
}

/**
 * One page of `statistics/pbx` (from the job's start date to when it started) into the inbox, as
 * `statistics` rows of the call they belong to, so they go through the very same processing and
 * upsert as notifications (docs/inbox-worker.md). `listed` is the offset of the next page; the
 * scheduler calls this at most every 30 s per job, under Zadarma's 3 statistics requests a minute.
 * A call already known from its notifications gets a summary event that changes nothing.
 */
export async function listNextStatisticsPage(
  db: TDb,
  deps: Pick<TTelephonyDeps, "keyring" | "zadarma">,
  options: { tenantId: string; jobId: string },
): Promise<TEnqueuedDelivery[]> {
  const job = await db.backfillJob.findFirst({
    where: { id: options.jobId, tenantId: options.tenantId, status: "running", enumeratedAt: null },
    select: {
      id: true,
      since: true,
      listed: true,
      startedAt: true,
      connection: {
        select: { id: true, tenantId: true, credentials: true, settings: true, status: true },
      },
    },
  });
  if (!job) return [];
  const { connection } = job;
  if (connection.status !== "active") {
    await db.backfillJob.update({
      where: { id: job.id },
      data: {
        status: "failed",
        error:
          connection.status === "needs_attention"
            ? "connection_needs_attention"
            : "connection_inactive",
        finishedAt: new Date(),
      },
    });
    return [];
  }
  const timeZone = pbxTimeZoneOf(connection.settings);
  const credentials = toApiCredentials(decryptZadarmaCredentials(deps.keyring, connection));
  let page: Awaited<ReturnType<TTelephonyDeps["zadarma"]["getPbxStatistics"]>>;
  try {
    page = await deps.zadarma.getPbxStatistics(credentials, {
      start: job.since,
      end: job.startedAt,
      timeZone,
      skip: job.listed,
      limit: PAGE_SIZE,
    });
  } catch (error) {
    // Retriable errors (limits, outages) leave the job for the next tick; the rest end it visibly.
    if (!(error instanceof ZadarmaError) || !error.isRetriable) {
      const failedAt = new Date();
      await db.backfillJob.update({
        where: { id: job.id },
        data: {
          status: "failed",
          error: error instanceof ZadarmaError ? error.code : "internal",
          finishedAt: failedAt,
        },
      });
      const deadCredentials = deadCredentialsCodeOf(error);
      if (deadCredentials)
        await stopOnDeadCredentials(
          db,
          { tenantId: connection.tenantId, connectionId: connection.id },
          deadCredentials,
          failedAt,
        );
    }
    throw error;
  }
  const now = new Date();
  const events = page.rows.map((row) => statisticsRowToEvent(row, { timeZone }));
  const candidates = events.map((event) => ({
    id: createId("whd"),
    tenantId: connection.tenantId,
    connectionId: connection.id,
    purpose: "telephony" as const,
    source: "backfill" as const,
    batchId: job.id,
    dedupeKey: event.eventKey,
    providerCallId: event.providerCallId,
    eventType: "statistics",
    method: "SYNC",
    query: event.payload,
    receivedAt: now,
    nextAttemptAt: now,
  }));
  if (candidates.length > 0)
    await db.webhookDelivery.createMany({ data: candidates, skipDuplicates: true });
  const isLastPage = page.rows.length + page.invalidRows.length < PAGE_SIZE;
  await db.backfillJob.update({
    where: { id: job.id },
    data: {
      listed: job.listed + page.rows.length + page.invalidRows.length,
      heartbeatAt: now,
      ...(isLastPage ? { enumeratedAt: now } : {}),
    },
  });
  const inserted = await db.webhookDelivery.findMany({
    where: {
      tenantId: connection.tenantId,
      id: { in: candidates.map((candidate) => candidate.id) },
    },
    select: { id: true, providerCallId: true },
  });
  return inserted.map((delivery) => ({
    id: delivery.id,
    tenantId: connection.tenantId,
    connectionId: connection.id,
    purpose: "telephony",
    subjectId: delivery.providerCallId ?? delivery.id,
  }));
}
