import type { TDbClient } from "@/server/db/types";
import { recomputeUniqueCallsOfPhone } from "@/server/domain/call-tracking/call-flags";

/**
 * What a call means next to the other calls of its phone (docs/telephony-calls.md, "Linking"):
 * the first call of a phone in the workspace, and missed calls called back. Both are recomputed
 * from the calls as stored, so the order in which calls arrive (webhooks, then a backfill of older
 * ones) does not change the outcome.
 */

/** A missed call counts as called back by a connected call of the same phone within this time. */
export const CALLBACK_WINDOW = "7 days";
/** A click-to-call request places the call it precedes by at most this much (telephony-zadarma §6.1). */
const CALLBACK_REQUEST_LEAD = "2 minutes";
/** Our clock and the provider's `call_start` may disagree a little: a request this much after the start still counts. */
const CALLBACK_REQUEST_SKEW = "30 seconds";

/**
 * Re-derives `isFirstCall` and `isUniqueCall` for all calls of the phone and `calledBackAt`/`calledBackCallId` for its
 * calls started within the callback window before `around` (the call being applied). Serialized
 * per phone, so two new calls of one phone never both see themselves as the first.
 */
export async function relinkPhoneHistory(
  tx: TDbClient,
  { tenantId, phone, around }: { tenantId: string; phone: string; around: Date },
) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`call-phone:${tenantId}:${phone}`}, 0))`;
  await tx.$executeRaw`
    WITH first AS (
      SELECT "id" FROM "Call" WHERE "tenantId" = ${tenantId} AND "clientPhone" = ${phone} ORDER BY "startedAt", "id" LIMIT 1)
    UPDATE "Call" AS c SET "isFirstCall" = (c."id" = (SELECT "id" FROM first))
    WHERE c."tenantId" = ${tenantId} AND c."clientPhone" = ${phone} AND c."isFirstCall" IS DISTINCT FROM (c."id" = (SELECT "id" FROM first))`;
  await recomputeUniqueCallsOfPhone(tx, { tenantId, phone });
  // A missed call: incoming, over with a disposition other than answered, no answer seen. Its callback: the
  // first later call of the phone that connected (an answer seen or an answered disposition: an outgoing
  // call has no answer notification), either way.
  await tx.$executeRaw`
    WITH linked AS (
      SELECT m."id", callback."id" AS "callbackId", callback."startedAt" AS "callbackAt"
      FROM "Call" AS m
      LEFT JOIN LATERAL (
        SELECT c."id", c."startedAt" FROM "Call" AS c
        WHERE c."tenantId" = m."tenantId" AND c."clientPhone" = m."clientPhone" AND (c."answeredAt" IS NOT NULL OR c."disposition" = 'answered')
          AND c."startedAt" > m."startedAt" AND c."startedAt" <= m."startedAt" + ${CALLBACK_WINDOW}::interval
          AND m."direction" = 'incoming' AND m."state" = 'ended' AND m."answeredAt" IS NULL AND m."disposition" <> 'answered'
        ORDER BY c."startedAt", c."id" LIMIT 1) AS callback ON true
      WHERE m."tenantId" = ${tenantId} AND m."clientPhone" = ${phone}
        AND m."startedAt" BETWEEN ${around}::timestamptz - ${CALLBACK_WINDOW}::interval AND ${around}::timestamptz)
    UPDATE "Call" AS c SET "calledBackAt" = linked."callbackAt", "calledBackCallId" = linked."callbackId"
    FROM linked WHERE c."id" = linked."id" AND c."calledBackCallId" IS DISTINCT FROM linked."callbackId"`;
}

/**
 * Ties an outgoing call to the click-to-call request that placed it: same connection, extension and
 * number, requested shortly before the call started, not yet tied to another call (the latest such).
 */
export async function linkCallbackRequest(
  tx: TDbClient,
  options: {
    tenantId: string;
    connectionId: string;
    callId: string;
    extension: string;
    toPhone: string;
    startedAt: Date;
  },
): Promise<string | null> {
  const { tenantId, connectionId, callId, extension, toPhone, startedAt } = options;
  const now = new Date();
  const [linked] = await tx.$queryRaw<{ id: string }[]>`
    WITH request AS (
      SELECT "id" FROM "CallbackRequest"
      WHERE "tenantId" = ${tenantId} AND "connectionId" = ${connectionId} AND "extension" = ${extension} AND "toPhone" = ${toPhone} AND "callId" IS NULL
        AND "requestedAt" BETWEEN ${startedAt}::timestamptz - ${CALLBACK_REQUEST_LEAD}::interval AND ${startedAt}::timestamptz + ${CALLBACK_REQUEST_SKEW}::interval
      ORDER BY "requestedAt" DESC, "id" DESC LIMIT 1
      FOR UPDATE SKIP LOCKED),
    claimed AS (
      UPDATE "CallbackRequest" AS r SET "callId" = ${callId}, "updatedAt" = ${now}::timestamptz
      FROM request WHERE r."id" = request."id" AND r."callId" IS NULL
      RETURNING r."id")
    UPDATE "Call" SET "callbackRequestId" = claimed."id" FROM claimed WHERE "Call"."id" = ${callId} AND "Call"."tenantId" = ${tenantId}
    RETURNING claimed."id"`;
  return linked?.id ?? null;
}
