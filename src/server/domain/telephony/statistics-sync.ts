import type { ConnectionKind, Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import { OutboundError } from "@/lib/outbound-failure";
import type { TDb } from "@/server/db/client";
import type { TCallEvent } from "@/server/domain/calls/call-event";
import { startBackfill } from "@/server/domain/inbox/backfill-jobs";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import { mangoAccountOf } from "@/server/domain/telephony/connect-mango";
import { decryptZadarmaCredentials, toApiCredentials } from "@/server/domain/telephony/credentials";
import {
  deadCredentialsCodeOf,
  stopOnDeadCredentials,
} from "@/server/domain/telephony/dead-credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { TELEPHONY_KINDS } from "@/server/domain/telephony/kinds";
import { pbxTimeZoneOf } from "@/server/domain/telephony/settings";
import {
  MANGO_STATS_FIELDS,
  MangoError,
  mangoStatsRowToEvent,
  parseMangoStatsCsv,
} from "@/server/integrations/mango";
import { statisticsRowToEvent } from "@/server/integrations/zadarma";

/** The import a new connection starts with (docs/telephony-calls.md, "Statistics"). */
export const TELEPHONY_BACKFILL_DAYS = 7;
/** Reconciliation looks back a little over a day, once a day, so the boundaries overlap. */
const RECONCILE_LOOKBACK_MS = 26 * 3_600_000;
const RECONCILE_INTERVAL_MS = 24 * 3_600_000;
const PAGE_SIZE = 1_000;

/** Telephony imports still listing (one page per call of `listNextStatisticsPage`). */
export const findTelephonyImportsToList = (db: TDb) =>
  db.backfillJob.findMany({
    where: { status: "running", enumeratedAt: null, connection: { kind: { in: TELEPHONY_KINDS } } },
    select: { id: true, tenantId: true },
  });

/** Active telephony connections whose daily reconciliation is due; each gets an import of the last 26 h. */
export async function startDueTelephonyReconciliations(db: TDb, now = new Date()): Promise<number> {
  const due = await db.connection.findMany({
    where: {
      kind: { in: TELEPHONY_KINDS },
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

/** An import as a tick reads it, with its connection. */
type TImportJob = {
  id: string;
  since: Date;
  listed: number;
  statsKey: string | null;
  startedAt: Date;
  connection: {
    id: string;
    tenantId: string;
    kind: ConnectionKind;
    credentials: string;
    settings: Prisma.JsonValue;
  };
};

/** What one tick got from the provider: call events, lines read (usable or not), and whether the period is done. */
type TStatisticsRead = {
  events: TCallEvent[];
  linesRead: number;
  isComplete: boolean;
  /** Mango's report key to keep for the next tick (null: none any more); absent: unchanged. */
  statsKey?: string | null;
};

/**
 * Zadarma: the next page of `statistics/pbx` from the job's start date to when it started; `listed`
 * is the offset of the page. The scheduler calls this at most every 30 s per job, under Zadarma's
 * 3 statistics requests a minute.
 */
async function readZadarmaPage(
  deps: Pick<TTelephonyDeps, "keyring" | "zadarma">,
  job: TImportJob,
): Promise<TStatisticsRead> {
  const timeZone = pbxTimeZoneOf(job.connection.settings);
  const credentials = toApiCredentials(decryptZadarmaCredentials(deps.keyring, job.connection));
  const page = await deps.zadarma.getPbxStatistics(credentials, {
    start: job.since,
    end: job.startedAt,
    timeZone,
    skip: job.listed,
    limit: PAGE_SIZE,
  });
  const linesRead = page.rows.length + page.invalidRows.length;
  return {
    events: page.rows.map((row) => statisticsRowToEvent(row, { timeZone })),
    linesRead,
    isComplete: linesRead < PAGE_SIZE,
  };
}

/**
 * Mango (docs/telephony-mango.md §10): the first tick asks `stats/request` for the whole period
 * and keeps the key; later ticks ask `stats/result` until the report is ready (204 before), which
 * is read in one go. Ticks are at least 30 s apart, well over Mango's 5 s between polls.
 */
async function readMangoReport(
  deps: Pick<TTelephonyDeps, "keyring" | "mango">,
  job: TImportJob,
): Promise<TStatisticsRead> {
  const account = mangoAccountOf(deps.keyring, job.connection);
  if (!job.statsKey) {
    const statsKey = await deps.mango.requestStats(account, {
      from: job.since,
      to: job.startedAt,
      fields: MANGO_STATS_FIELDS,
      requestId: job.id,
    });
    return { events: [], linesRead: 0, isComplete: false, statsKey };
  }
  const report = await deps.mango.fetchStatsResult(account, job.statsKey);
  if (!report.ready) return { events: [], linesRead: 0, isComplete: false };
  const { rows, invalidRows } = parseMangoStatsCsv(report.csv);
  return {
    events: rows.map(mangoStatsRowToEvent),
    linesRead: rows.length + invalidRows.length,
    isComplete: true,
    statsKey: null,
  };
}

/**
 * A failure worth the next tick: a retriable one (limits, outages), or Mango's lockout, which
 * passes by itself once its circuit closes (docs/telephony-mango.md §4) and is never retried
 * sooner. Anything else ends the import visibly.
 */
const isWorthWaitingFor = (error: unknown): boolean =>
  (error instanceof OutboundError && error.isRetriable) ||
  (error instanceof MangoError && (error.code === "circuit_open" || error.code === "locked_out"));

/**
 * One step of a statistics import into the inbox, as `statistics` rows of the call they belong to,
 * so they go through the very same processing and upsert as notifications (docs/inbox-worker.md).
 * A call already known from its notifications gets a summary event that changes nothing.
 */
export async function listNextStatisticsPage(
  db: TDb,
  deps: Pick<TTelephonyDeps, "keyring" | "zadarma" | "mango">,
  options: { tenantId: string; jobId: string },
): Promise<TEnqueuedDelivery[]> {
  const job = await db.backfillJob.findFirst({
    where: { id: options.jobId, tenantId: options.tenantId, status: "running", enumeratedAt: null },
    select: {
      id: true,
      since: true,
      listed: true,
      statsKey: true,
      startedAt: true,
      connection: {
        select: {
          id: true,
          tenantId: true,
          kind: true,
          credentials: true,
          settings: true,
          status: true,
        },
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
  let read: TStatisticsRead;
  try {
    read =
      connection.kind === "mango"
        ? await readMangoReport(deps, job)
        : await readZadarmaPage(deps, job);
  } catch (error) {
    if (!isWorthWaitingFor(error)) {
      const failedAt = new Date();
      await db.backfillJob.update({
        where: { id: job.id },
        data: {
          status: "failed",
          error: error instanceof OutboundError ? error.code : "internal",
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
  const candidates = read.events.map((event) => ({
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
  await db.backfillJob.update({
    where: { id: job.id },
    data: {
      listed: job.listed + read.linesRead,
      heartbeatAt: now,
      ...(read.statsKey !== undefined ? { statsKey: read.statsKey } : {}),
      ...(read.isComplete ? { enumeratedAt: now } : {}),
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
