import type { ConnectionStatus, DeliveryStatus } from "@generated/prisma/client";

import type { TDb } from "@/server/db/client";
import { recordAudit } from "@/server/domain/audit/record-audit";
import { toEnqueued, type TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import { AppError } from "@/server/errors";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Failed attempts listed in the panel's error history (the log keeps 30 days of them). */
const RECENT_ERRORS = 10;

type TRetrying = { count: number; since: Date | null; lastErrorCode: string | null };

/**
 * Deliveries whose last attempt failed and that wait for (or run) their retry, in both drivers;
 * `since` is when the first attempt of the oldest of them failed (a replay starts again at 1).
 */
async function findRetrying(
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
): Promise<TRetrying> {
  const [row] = await db.$queryRaw<TRetrying[]>`
    SELECT count(*)::int AS "count", min(e."firstFailedAt") AS "since", (array_agg(d."errorCode" ORDER BY d."nextAttemptAt" DESC))[1] AS "lastErrorCode"
    FROM "WebhookDelivery" AS d
    LEFT JOIN LATERAL (
      SELECT max(a."at") AS "firstFailedAt" FROM "DeliveryAttemptError" AS a
      WHERE a."tenantId" = d."tenantId" AND a."deliveryId" = d."id" AND a."attempt" = 1
    ) AS e ON TRUE
    WHERE d."tenantId" = ${tenantId} AND d."connectionId" = ${connectionId} AND d."status" IN ('pending', 'processing') AND d."errorCode" IS NOT NULL`;
  return row ?? { count: 0, since: null, lastErrorCode: null };
}

type THealthConnection = {
  id: string;
  status: ConnectionStatus;
  lastSyncAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastReconcileAt: Date | null;
  activatedAt: Date | null;
};

const HEALTH_CONNECTION = {
  id: true,
  status: true,
  lastSyncAt: true,
  lastError: true,
  lastErrorAt: true,
  lastReconcileAt: true,
  activatedAt: true,
} as const;

/**
 * The sync panel of any connection (Klientiks, telephony): last webhook, the last day's outcomes,
 * what is being retried after errors, the recent error history (kept after a retry succeeds) and
 * the last error of the connection.
 */
export async function findConnectionSyncHealth(
  db: TDb,
  {
    tenantId,
    connection,
    now = new Date(),
  }: { tenantId: string; connection: THealthConnection; now?: Date },
) {
  const since = new Date(now.getTime() - DAY_MS);
  const [lastWebhook, counts, retrying, recentErrors] = await Promise.all([
    db.webhookDelivery.findFirst({
      where: { tenantId, connectionId: connection.id, source: "webhook" },
      orderBy: { receivedAt: "desc" },
      select: {
        id: true,
        receivedAt: true,
        status: true,
        appointmentId: true,
        statusHint: true,
        providerCallId: true,
        eventType: true,
        errorCode: true,
      },
    }),
    db.webhookDelivery.groupBy({
      by: ["status"],
      where: { tenantId, connectionId: connection.id, receivedAt: { gte: since } },
      _count: { _all: true },
    }),
    findRetrying(db, { tenantId, connectionId: connection.id }),
    db.deliveryAttemptError.findMany({
      where: { tenantId, connectionId: connection.id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: RECENT_ERRORS,
      select: {
        id: true,
        at: true,
        deliveryId: true,
        attempt: true,
        errorCode: true,
        willRetry: true,
      },
    }),
  ]);
  const countOf = (status: DeliveryStatus) =>
    counts.find((row) => row.status === status)?._count._all ?? 0;
  const erroredDeliveries = await db.webhookDelivery.findMany({
    where: { tenantId, id: { in: recentErrors.map((entry) => entry.deliveryId) } },
    select: { id: true, appointmentId: true, providerCallId: true },
  });
  const deliveryOf = new Map(erroredDeliveries.map((delivery) => [delivery.id, delivery]));
  // The newest of the connection's own error (credentials, reconciliation) and the attempt log.
  const [newestAttempt] = recentErrors;
  const isAttemptNewer =
    newestAttempt !== undefined &&
    (!connection.lastErrorAt || newestAttempt.at > connection.lastErrorAt);
  return {
    connectionStatus: connection.status,
    activatedAt: connection.activatedAt,
    lastWebhook,
    lastSyncAt: connection.lastSyncAt,
    lastReconcileAt: connection.lastReconcileAt,
    lastError: isAttemptNewer ? newestAttempt.errorCode : connection.lastError,
    lastErrorAt: isAttemptNewer ? newestAttempt.at : connection.lastErrorAt,
    retrying: retrying.count > 0 ? retrying : null,
    recentErrors: recentErrors.map((entry) => ({
      ...entry,
      appointmentId: deliveryOf.get(entry.deliveryId)?.appointmentId ?? null,
      providerCallId: deliveryOf.get(entry.deliveryId)?.providerCallId ?? null,
    })),
    last24h: {
      processed: countOf("processed"),
      failed: countOf("failed"),
      rejected: countOf("rejected"),
      pending: countOf("pending") + countOf("processing"),
    },
  };
}

/** The Klientiks wizard's sync panel. */
export async function findSyncHealth(
  db: TDb,
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
) {
  const connection = await db.connection.findFirst({
    where: { tenantId, kind: "klientiks" },
    select: HEALTH_CONNECTION,
  });
  return connection && findConnectionSyncHealth(db, { tenantId, connection, now });
}

/** A connection's deliveries log, newest first, optionally of one status. */
export async function findDeliveries(
  db: TDb,
  options: {
    tenantId: string;
    connectionId: string | null;
    status?: DeliveryStatus;
    page: number;
    perPage: number;
  },
) {
  // A workspace without the connection has an empty log.
  if (!options.connectionId)
    return {
      data: [],
      count: 0,
      currentPage: options.page,
      perPage: options.perPage,
      totalPages: 1,
    };
  const where = {
    tenantId: options.tenantId,
    connectionId: options.connectionId,
    ...(options.status ? { status: options.status } : {}),
  };
  const [data, count] = await Promise.all([
    db.webhookDelivery.findMany({
      where,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: (options.page - 1) * options.perPage,
      take: options.perPage,
      select: {
        id: true,
        receivedAt: true,
        source: true,
        purpose: true,
        method: true,
        appointmentId: true,
        statusHint: true,
        providerCallId: true,
        eventType: true,
        status: true,
        attempts: true,
        errorCode: true,
        error: true,
        processedAt: true,
        dealId: true,
      },
    }),
    db.webhookDelivery.count({ where }),
  ]);
  return {
    data,
    count,
    currentPage: options.page,
    perPage: options.perPage,
    totalPages: Math.max(1, Math.ceil(count / options.perPage)),
  };
}

/** Sends a failed delivery of a connection through processing again, after the cause was fixed (R12); audited. */
export async function replayDelivery(
  db: TDb,
  {
    tenantId,
    connectionId,
    deliveryId,
    actorUserId,
  }: { tenantId: string; connectionId: string; deliveryId: string; actorUserId: string },
): Promise<TEnqueuedDelivery> {
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, tenantId, connectionId },
    select: {
      id: true,
      tenantId: true,
      status: true,
      purpose: true,
      appointmentId: true,
      providerCallId: true,
      connectionId: true,
      attempts: true,
    },
  });
  if (!delivery) throw new AppError("NOT_FOUND");
  if (delivery.status !== "failed" || !(delivery.appointmentId ?? delivery.providerCallId))
    throw new AppError("PRECONDITION_FAILED");
  const replays = await db.auditLog.count({
    where: { tenantId, action: "delivery.replayed", targetId: delivery.id },
  });
  await db.webhookDelivery.update({
    where: { id: delivery.id },
    data: {
      status: "pending",
      source: "replay",
      attempts: 0,
      nextAttemptAt: new Date(),
      errorCode: null,
      error: null,
      processedAt: null,
      lockedUntil: null,
    },
  });
  await recordAudit(db, {
    tenantId,
    actorUserId,
    action: "delivery.replayed",
    targetType: "delivery",
    targetId: delivery.id,
  });
  return toEnqueued(delivery, replays + 1);
}

/** After credentials are fixed, deliveries that failed on them are retried (R19). */
export async function requeueCredentialFailures(
  db: TDb,
  { tenantId, connectionId }: { tenantId: string; connectionId: string },
): Promise<TEnqueuedDelivery[]> {
  const failed = await db.webhookDelivery.findMany({
    where: {
      tenantId,
      connectionId,
      status: "failed",
      errorCode: { in: ["invalid_credentials", "api_disabled", "connection_needs_attention"] },
    },
    select: {
      id: true,
      tenantId: true,
      connectionId: true,
      purpose: true,
      appointmentId: true,
      providerCallId: true,
    },
    take: 1000,
  });
  if (failed.length === 0) return [];
  await db.webhookDelivery.updateMany({
    where: { tenantId, id: { in: failed.map((row) => row.id) } },
    data: {
      status: "pending",
      attempts: 0,
      nextAttemptAt: new Date(),
      errorCode: null,
      error: null,
      processedAt: null,
    },
  });
  return failed.map((row) => toEnqueued(row, Date.now()));
}
