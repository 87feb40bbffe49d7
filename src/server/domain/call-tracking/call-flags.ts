import { Prisma } from "@generated/prisma/client";

import type { TDbClient } from "@/server/db/types";

/**
 * Whether a call is a target call: it was talked through for at least the workspace's
 * `callTargetSeconds` (an unanswered call, no talk time, is not; docs/call-tracking.md §5).
 */
export const isTargetTalkSql = (talkSeconds: Prisma.Sql, targetSeconds: Prisma.Sql) =>
  Prisma.sql`coalesce(${talkSeconds} >= ${targetSeconds}, false)`;

/** {@link isTargetTalkSql} of the call read as `c`, in its workspace read as `t`. */
export const IS_TARGET_CALL_SQL = isTargetTalkSql(
  Prisma.sql`c."talkSeconds"`,
  Prisma.sql`t."callTargetSeconds"`,
);

/**
 * Whether an incoming call is unique: no earlier incoming call of the same client phone in the
 * workspace within `callUniqueDays` before it (a call without a number is unique; of two calls at
 * one instant, the one with the smaller id is the earlier). Reads the call as `c` and its
 * workspace as `t`; served by the index Call(tenantId, clientPhone, startedAt).
 */
export const IS_UNIQUE_CALL_SQL = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM "Call" p
  WHERE p."tenantId" = c."tenantId" AND p."clientPhone" = c."clientPhone"
    AND p."direction" = 'incoming'
    AND (p."startedAt", p."id") < (c."startedAt", c."id")
    AND p."startedAt" >= c."startedAt" - make_interval(days => t."callUniqueDays")
)`;

/**
 * One UPDATE: `column` of the workspace's incoming calls (of one client phone, when given) set to
 * `value`, where it changes.
 */
const updateCallFlag = (
  tx: TDbClient,
  { tenantId, phone }: { tenantId: string; phone?: string },
  column: "isTargetCall" | "isUniqueCall",
  value: Prisma.Sql,
) => tx.$executeRaw`
  UPDATE "Call" SET ${Prisma.raw(`"${column}"`)} = f."value"
  FROM (
    SELECT c."id", ${value} AS "value"
    FROM "Call" c JOIN "Tenant" t ON t."id" = c."tenantId"
    WHERE c."tenantId" = ${tenantId} AND c."direction" = 'incoming'
      ${phone === undefined ? Prisma.empty : Prisma.sql`AND c."clientPhone" = ${phone}`}
  ) f
  WHERE "Call"."id" = f."id" AND "Call".${Prisma.raw(`"${column}"`)} IS DISTINCT FROM f."value"`;

/**
 * Rewrites the stored flags of the workspace's incoming calls under its current settings, one
 * UPDATE per flag; only calls whose flag changes are written (so only their days are re-rolled up
 * by the analytics trigger). Call it in the transaction that changes the settings.
 */
export async function recomputeCallFlags(tx: TDbClient, tenantId: string) {
  const targetChanged = await updateCallFlag(tx, { tenantId }, "isTargetCall", IS_TARGET_CALL_SQL);
  const uniqueChanged = await updateCallFlag(tx, { tenantId }, "isUniqueCall", IS_UNIQUE_CALL_SQL);
  return { targetChanged, uniqueChanged };
}

/** The unique flags of one phone's incoming calls, after one of them was stored or changed. */
export const recomputeUniqueCallsOfPhone = (
  tx: TDbClient,
  { tenantId, phone }: { tenantId: string; phone: string },
) => updateCallFlag(tx, { tenantId, phone }, "isUniqueCall", IS_UNIQUE_CALL_SQL);
