import type { TDb } from "@/server/db/client";
import type { TEnqueuedDelivery } from "@/server/domain/inbox/enqueued";
import {
  createKlientiksApi,
  decryptKlientiksCredentials,
} from "@/server/domain/klientiks/credentials";
import { toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { enqueueChangedAppointments } from "@/server/domain/klientiks/enqueue-sync";
import { parseKlientiksSettings } from "@/server/domain/klientiks/settings";
import type { TKlientiksAclRow } from "@/server/integrations/klientiks";

export const RECONCILE_INTERVAL_MS = 15 * 60 * 1000;
/**
 * After a failed run the connection waits this long: `lastReconcileAt` records successes only, so
 * without it an unreachable Klientiks would be listed again on every scheduler tick (R13).
 */
export const RECONCILE_RETRY_MS = 5 * 60 * 1000;
/** The cursor trails the newest change seen, so rows written while we listed are seen again (R13). */
const CURSOR_SAFETY_MARGIN_MS = 5 * 60 * 1000;
/** Without a cursor (first cycle after connecting) look back one day; history is the backfill's job. */
const FIRST_CYCLE_LOOKBACK_MS = 24 * 60 * 60 * 1000;
const ENQUEUE_CHUNK = 200;

/** Active connections last reconciled longer ago than the interval and not waiting after a failure. */
export async function findConnectionsDueForReconcile(db: TDb, now = new Date()) {
  return db.connection.findMany({
    where: {
      kind: "klientiks",
      status: "active",
      OR: [
        { lastReconcileAt: null },
        { lastReconcileAt: { lt: new Date(now.getTime() - RECONCILE_INTERVAL_MS) } },
      ],
      AND: [{ OR: [{ reconcileRetryAt: null }, { reconcileRetryAt: { lte: now } }] }],
    },
    select: { id: true, tenantId: true },
  });
}

/**
 * Pulls appointments changed since the stored cursor and puts the ones our deals lack into the
 * inbox. Klientiks sends each webhook once, so this is what heals a missed one (reliability R13).
 */
export async function reconcileKlientiksConnection(
  db: TDb,
  deps: TKlientiksDeps,
  options: { tenantId: string; connectionId: string; now?: Date },
): Promise<{ listed: number; enqueued: TEnqueuedDelivery[] }> {
  const now = options.now ?? new Date();
  const connection = await db.connection.findFirst({
    where: { id: options.connectionId, tenantId: options.tenantId, status: "active" },
    select: { id: true, tenantId: true, credentials: true, settings: true, reconcileCursor: true },
  });
  if (!connection) return { listed: 0, enqueued: [] };
  const settings = parseKlientiksSettings(connection.settings);
  const since = connection.reconcileCursor ?? new Date(now.getTime() - FIRST_CYCLE_LOOKBACK_MS);
  const api = createKlientiksApi(deps, settings.accountTimezone);

  let newest = since.getTime();
  let listed = 0;
  const enqueued: TEnqueuedDelivery[] = [];
  let chunk: TKlientiksAclRow[] = [];
  const flush = async () => {
    enqueued.push(
      ...(await enqueueChangedAppointments(db, {
        tenantId: connection.tenantId,
        connectionId: connection.id,
        rows: chunk,
        source: "reconcile",
        now,
      })),
    );
    chunk = [];
  };
  try {
    for await (const row of api.listAclChangedSince(
      decryptKlientiksCredentials(deps.keyring, connection),
      Math.floor(since.getTime() / 1000),
    )) {
      listed += 1;
      newest = Math.max(newest, row.modifiedAt?.getTime() ?? 0);
      chunk.push(row);
      if (chunk.length >= ENQUEUE_CHUNK) await flush();
    }
    await flush();
  } catch (error) {
    const failure = toDeliveryFailure(error);
    await db.connection.update({
      where: { id: connection.id },
      data: {
        lastError: failure.code,
        lastErrorAt: now,
        reconcileRetryAt: new Date(now.getTime() + RECONCILE_RETRY_MS),
        ...(failure.code === "invalid_credentials" || failure.code === "api_disabled"
          ? { status: "needs_attention" }
          : {}),
      },
    });
    throw failure;
  }
  const cursor = new Date(Math.max(since.getTime(), newest - CURSOR_SAFETY_MARGIN_MS));
  await db.connection.update({
    where: { id: connection.id },
    data: { reconcileCursor: cursor, lastReconcileAt: now, reconcileRetryAt: null },
  });
  return { listed, enqueued };
}
