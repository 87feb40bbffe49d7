import type { CallbackStatus, CallState } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { hitRateLimit } from "@/server/domain/rate-limit/fixed-window";
import {
  callbackFailureOf,
  type TCallbackFailureCode,
} from "@/server/domain/telephony/callback-failure";
import { mangoCommandIdOf } from "@/server/domain/telephony/callback-result";
import { checkFailureError, checkFailureOf } from "@/server/domain/telephony/check-credentials";
import {
  findActiveMangoAccount,
  toStoredMangoCredentials,
} from "@/server/domain/telephony/connect-mango";
import { requireActiveZadarmaConnection } from "@/server/domain/telephony/connections";
import { toApiCredentials } from "@/server/domain/telephony/credentials";
import {
  deadCredentialsCodeOf,
  stopOnDeadCredentials,
} from "@/server/domain/telephony/dead-credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import { toDialablePhone, toProviderDigits } from "@/server/domain/telephony/dialable-phone";
import { findMemberExtension } from "@/server/domain/telephony/extensions";
import { AppError } from "@/server/errors";
import type { TMangoAccount } from "@/server/integrations/mango";
import type { TZadarmaCredentials } from "@/server/integrations/zadarma";
import { publishRealtimeEvents } from "@/server/realtime/publish";

/** The live topic the member's call button listens on (docs/realtime.md); the payload names the request. */
export const CALLBACK_STATUS_TOPIC = "callback.status";

/** Click-to-call per member across all app instances (reliability R20: 10 a minute). */
export const CLICK_TO_CALL_LIMIT = { limit: 10, windowSeconds: 60 } as const;

type TMemberScope = { tenantId: string; membershipId: string };

/** The member's click-to-call window in the shared PostgreSQL counter. */
export const clickToCallRule = ({ tenantId, membershipId }: TMemberScope) => ({
  key: `click-to-call:${tenantId}:${membershipId}`,
  ...CLICK_TO_CALL_LIMIT,
});

export type TPlaceCallbackRequest = {
  phone: string;
  idempotencyKey: string;
  clientId?: string | null;
};

const CALLBACK_VIEW = {
  id: true,
  tenantId: true,
  status: true,
  failureCode: true,
  toPhone: true,
  extension: true,
  callId: true,
  requestedAt: true,
  updatedAt: true,
} as const;

type TCallbackRow = { status: CallbackStatus; callId: string | null };

/** Once the provider's events tied a Call to the click, the call's own state tells the step. */
const STATUS_OF_CALL_STATE: Record<CallState, CallbackStatus> = {
  ringing: "calling_client",
  answered: "connected",
  ended: "ended",
};

/**
 * The click's step as the member sees it: the row's own status until the call's notifications
 * arrive, then the linked call's state (the calls pipeline links it, apply-call-events.ts), with its
 * disposition once it ended.
 */
async function withCallProgress<TRow extends TCallbackRow>(
  db: TDbClient,
  tenantId: string,
  row: TRow,
) {
  const call =
    row.callId && row.status !== "failed"
      ? await db.call.findFirst({
          where: { id: row.callId, tenantId },
          select: { state: true, disposition: true },
        })
      : null;
  return {
    ...row,
    status: call ? STATUS_OF_CALL_STATE[call.state] : row.status,
    disposition: call?.disposition ?? null,
  };
}

/** A click's request as its member sees it: never another member's (R14). */
export async function findCallbackRequest(
  db: TDbClient,
  { tenantId, membershipId, id }: TMemberScope & { id: string },
) {
  const row = await db.callbackRequest.findFirst({
    where: { id, tenantId, membershipId },
    select: CALLBACK_VIEW,
  });
  return row && withCallProgress(db, tenantId, row);
}

const findByKey = (
  db: TDbClient,
  { tenantId, membershipId, idempotencyKey }: TMemberScope & { idempotencyKey: string },
) =>
  db.callbackRequest.findUnique({
    where: { tenantId_membershipId_idempotencyKey: { tenantId, membershipId, idempotencyKey } },
    select: CALLBACK_VIEW,
  });

/** A repeat of a click answers with the first attempt's row; the same key for another number is a client bug (R21). */
function repeatOf(
  db: TDbClient,
  row: NonNullable<Awaited<ReturnType<typeof findByKey>>>,
  toPhone: string,
) {
  if (row.toPhone !== toPhone) throw new AppError("CALL_KEY_REUSED");
  return withCallProgress(db, row.tenantId, row);
}

/** The client id is kept only when it is this workspace's own (R14). */
async function ownClientId(db: TDbClient, tenantId: string, clientId: string | null | undefined) {
  if (!clientId) return null;
  return (
    (await db.client.findFirst({ where: { id: clientId, tenantId }, select: { id: true } }))?.id ??
    null
  );
}

/** The member's extension must be online; a refusal of the credentials stops the line (R19). */
async function requireOnline(
  db: TDbClient,
  deps: TTelephonyDeps,
  line: { tenantId: string; connectionId: string; credentials: TZadarmaCredentials },
  extension: string,
) {
  const status = await deps.zadarma
    .getExtensionStatus(line.credentials, extension)
    .catch(async (error: unknown) => {
      const deadCredentials = deadCredentialsCodeOf(error);
      if (deadCredentials) await stopOnDeadCredentials(db, line, deadCredentials);
      throw checkFailureError(checkFailureOf(error), error);
    });
  if (!status.isOnline) throw new AppError("CALL_EXTENSION_OFFLINE");
}

/** Asks Zadarma to ring `from` then `to`; null when it took the call, else why it refused. */
const askProviderToCall = (
  deps: TTelephonyDeps,
  credentials: ReturnType<typeof toApiCredentials>,
  call: { from: string; to: string },
) =>
  deps.zadarma
    .requestCallback(credentials, { from: call.from, to: toProviderDigits(call.to) })
    .then(
      () => null,
      (error: unknown): TCallbackFailureCode => callbackFailureOf(error),
    );

/**
 * Asks Mango to ring the member's extension, then the client (docs/telephony-mango.md §8). The
 * `command_id` names the click's row, so `result/callback` and the call's events find it.
 */
const askMangoToCall = (
  deps: TTelephonyDeps,
  account: TMangoAccount,
  call: { callbackRequestId: string; extension: string; to: string },
) =>
  deps.mango
    .requestCallback(account, {
      commandId: mangoCommandIdOf(call.callbackRequestId),
      fromExtension: call.extension,
      toNumber: toProviderDigits(call.to),
    })
    .then(
      () => null,
      (error: unknown): TCallbackFailureCode => callbackFailureOf(error),
    );

/**
 * One click on a call button (docs/click-to-call.md): Zadarma rings the member's extension first,
 * then the client. What can be known before the provider is asked fails as an error the button
 * words (wrong number, no extension, offline, too many calls); the click's row is inserted before
 * the provider call, and only the request that inserted it asks Zadarma, so a double click or a
 * retried request places one call (R21). The row then says whether the provider took it.
 */
export async function placeCallback(
  db: TDb,
  deps: TTelephonyDeps,
  options: TMemberScope & { request: TPlaceCallbackRequest; now?: Date },
) {
  const { tenantId, membershipId, request } = options;
  const toPhone = toDialablePhone(request.phone);
  if (!toPhone) throw new AppError("CALL_WRONG_NUMBER");
  const mango = await findActiveMangoAccount(db, deps.keyring, { tenantId });
  const connection = mango
    ? { id: mango.connectionId, stored: toStoredMangoCredentials(mango.credentials) }
    : await requireActiveZadarmaConnection(db, deps.keyring, { tenantId });
  const scope = { tenantId, membershipId, idempotencyKey: request.idempotencyKey };
  const earlier = await findByKey(db, scope);
  if (earlier) return repeatOf(db, earlier, toPhone);

  const extension = await findMemberExtension(db, {
    tenantId,
    connectionId: connection.id,
    membershipId,
  });
  if (!extension) throw new AppError("CALL_NO_EXTENSION");
  const limit = await hitRateLimit(db, clickToCallRule({ tenantId, membershipId }), options.now);
  if (limit.isLimited)
    throw new AppError("RATE_LIMITED", { retryAfterSeconds: limit.retryAfterSeconds });
  const credentials = toApiCredentials(connection.stored);
  // Mango publishes no online state of an extension: the call is asked for, and its result says.
  if (!mango)
    await requireOnline(
      db,
      deps,
      { tenantId, connectionId: connection.id, credentials },
      extension,
    );

  const id = createId("cbr");
  const clientId = await ownClientId(db, tenantId, request.clientId);
  const inserted = await db.callbackRequest.createMany({
    data: [
      {
        id,
        tenantId,
        connectionId: connection.id,
        membershipId,
        idempotencyKey: request.idempotencyKey,
        extension,
        toPhone,
        clientId,
      },
    ],
    skipDuplicates: true,
  });
  // A concurrent twin inserted first: it is the one that calls.
  if (inserted.count === 0) return repeatOf(db, (await findByKey(db, scope))!, toPhone);

  const failureCode = await (
    mango
      ? askMangoToCall(deps, mango, { callbackRequestId: id, extension, to: toPhone })
      : askProviderToCall(deps, credentials, { from: extension, to: toPhone })
  ).catch(async (error: unknown) => {
    // Not a provider answer but our bug: the row must not stay "requested" forever.
    await db.callbackRequest.updateMany({
      where: { id, tenantId, status: "requested" },
      data: { status: "failed", failureCode: "provider_unreachable" },
    });
    throw error;
  });
  if (!mango && (failureCode === "wrong_keys" || failureCode === "account_blocked"))
    await stopOnDeadCredentials(db, { tenantId, connectionId: connection.id }, failureCode);
  // Only forward: the call's own events may already have moved the row on.
  await db.callbackRequest.updateMany({
    where: { id, tenantId, status: "requested" },
    data: failureCode ? { status: "failed", failureCode } : { status: "ringing_agent" },
  });
  // To the member's other tabs too; later steps come with the call's own `calls.changed`.
  await publishRealtimeEvents(db, [
    { tenantId, membershipId, topic: CALLBACK_STATUS_TOPIC, payload: { id } },
  ]);
  return (await findCallbackRequest(db, { tenantId, membershipId, id }))!;
}
