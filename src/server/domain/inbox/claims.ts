import type { WebhookPurpose } from "@generated/prisma/client";

import type { TDb } from "@/server/db/client";

/**
 * Claims on inbox rows (`WebhookDelivery`) for the in-process worker, whatever the source of the
 * row (docs/inbox-worker.md). A claim is a lease: the row is `processing` until `lockedUntil`, and
 * the worker renews it while the work runs. A row whose lease ran out (its worker died) is due again.
 */

/** A dead worker's claims are taken over within this time; a live one renews well before it ends. */
export const DEFAULT_LEASE_MS = 20_000;
/** Reliability R10: one tenant never has more than this many deliveries of one lane in flight, across instances. */
export const DEFAULT_PER_TENANT_LIMIT = 2;

/**
 * The per-tenant limit is kept per upstream service (a lane), as the Inngest driver keeps it per
 * function: a tenant's Klientiks import, each delivery paced by Klientiks' 1 request/s, must not
 * hold a call notification (whose card is due within a second) behind it, and the other way round.
 */
export const INBOX_LANE_OF_PURPOSE = {
  deals: "klientiks",
  widget: "klientiks",
  telephony: "telephony",
} as const satisfies Record<WebhookPurpose, string>;
export type TInboxLane = (typeof INBOX_LANE_OF_PURPOSE)[WebhookPurpose];
const LANE_PURPOSES = Object.keys(INBOX_LANE_OF_PURPOSE) as WebhookPurpose[];
const LANE_NAMES = LANE_PURPOSES.map((purpose) => INBOX_LANE_OF_PURPOSE[purpose]);
/** Due rows looked at per tenant and claim: enough to find `perTenant` distinct subjects. */
const CANDIDATES_PER_SLOT = 4;
/** Any value: the key of the transaction-level advisory lock that serializes claims. */
const CLAIM_LOCK_KEY = 804_101;

/** `attempts` counts claims, so it also fences a lease: a row taken over has a higher value. */
export type TClaimedDelivery = {
  id: string;
  tenantId: string;
  connectionId: string;
  purpose: WebhookPurpose;
  appointmentId: string | null;
  providerCallId: string | null;
  attempts: number;
};

export type TClaimOptions = { limit: number; perTenant?: number; leaseMs?: number; now?: Date };

/**
 * Claims up to `limit` due deliveries, never more than `perTenant` in flight for one tenant's lane
 * (INBOX_LANE_OF_PURPOSE) and never two of one subject at once (R6: an appointment, or a telephony
 * call), counting the live claims of every worker instance. Claims are serialized by an advisory
 * lock, so two instances cannot both see a free slot and both take it. Lanes whose slots are full
 * cost nothing however long their backlog: only tenants with pending rows are visited (a skip scan
 * of the status index), and only the oldest few due rows of each of their open lanes.
 */
export async function claimDueDeliveries(
  db: TDb,
  {
    limit,
    perTenant = DEFAULT_PER_TENANT_LIMIT,
    leaseMs = DEFAULT_LEASE_MS,
    now = new Date(),
  }: TClaimOptions,
): Promise<TClaimedDelivery[]> {
  if (limit <= 0) return [];
  const leasedUntil = new Date(now.getTime() + leaseMs);
  const [, , claimed] = await db.$transaction([
    db.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`,
    // A lease that ran out belongs to a dead (or stalled) worker: the row is due again.
    db.$executeRaw`UPDATE "WebhookDelivery" SET "status" = 'pending', "lockedUntil" = NULL WHERE "status" = 'processing' AND "lockedUntil" < ${now}`,
    db.$queryRaw<TClaimedDelivery[]>`
      WITH RECURSIVE "tenants" AS (
        (SELECT "tenantId" FROM "WebhookDelivery" WHERE "status" = 'pending' ORDER BY "tenantId" LIMIT 1)
        UNION ALL
        SELECT (SELECT w."tenantId" FROM "WebhookDelivery" AS w WHERE w."status" = 'pending' AND w."tenantId" > t."tenantId" ORDER BY w."tenantId" LIMIT 1)
        FROM "tenants" AS t WHERE t."tenantId" IS NOT NULL
      ),
      "laneOf" AS (
        SELECT * FROM unnest(${LANE_PURPOSES}::text[]::"WebhookPurpose"[], ${LANE_NAMES}::text[]) AS l("purpose", "lane")
      ),
      "inFlight" AS (
        SELECT w."tenantId", l."lane", count(*)::int AS "count"
        FROM "WebhookDelivery" AS w JOIN "laneOf" AS l ON l."purpose" = w."purpose"
        WHERE w."status" = 'processing' GROUP BY w."tenantId", l."lane"
      ),
      "open" AS (
        SELECT t."tenantId", l."purpose", l."lane", ${perTenant}::int - coalesce(f."count", 0) AS "free"
        FROM "tenants" AS t CROSS JOIN "laneOf" AS l
        LEFT JOIN "inFlight" AS f ON f."tenantId" = t."tenantId" AND f."lane" = l."lane"
        WHERE t."tenantId" IS NOT NULL AND coalesce(f."count", 0) < ${perTenant}::int
      ),
      "due" AS (
        SELECT DISTINCT ON (o."tenantId", c."subjectKey") c."id", o."tenantId", o."lane", o."free", c."nextAttemptAt"
        FROM "open" AS o CROSS JOIN LATERAL (
          SELECT d."id", d."nextAttemptAt", coalesce('a:' || d."appointmentId", 'c:' || d."providerCallId", d."id") AS "subjectKey" FROM "WebhookDelivery" AS d
          WHERE d."status" = 'pending' AND d."tenantId" = o."tenantId" AND d."purpose" = o."purpose" AND d."nextAttemptAt" <= ${now}
            AND NOT EXISTS (
              SELECT 1 FROM "WebhookDelivery" AS busy
              WHERE busy."status" = 'processing' AND busy."tenantId" = d."tenantId"
                AND (busy."appointmentId" = d."appointmentId" OR busy."providerCallId" = d."providerCallId"))
          ORDER BY d."nextAttemptAt", d."id"
          LIMIT ${perTenant * CANDIDATES_PER_SLOT}::int
        ) AS c
        ORDER BY o."tenantId", c."subjectKey", c."nextAttemptAt", c."id"
      ),
      "chosen" AS (
        SELECT "id" FROM (SELECT "id", "free", "nextAttemptAt", row_number() OVER (PARTITION BY "tenantId", "lane" ORDER BY "nextAttemptAt", "id") AS "nth" FROM "due") AS ranked
        WHERE "nth" <= "free"
        ORDER BY "nextAttemptAt", "id"
        LIMIT ${limit}::int
      )
      UPDATE "WebhookDelivery" AS d SET "status" = 'processing', "lockedUntil" = ${leasedUntil}, "attempts" = d."attempts" + 1
      FROM "chosen" WHERE d."id" = "chosen"."id" AND d."status" = 'pending'
      RETURNING d."id", d."tenantId", d."connectionId", d."purpose", d."appointmentId", d."providerCallId", d."attempts"`,
  ]);
  return claimed;
}

/**
 * Extends the leases of deliveries this worker still holds; returns the ids it no longer holds
 * (taken over after a stall, or finished). The `attempts` of the claim is the fencing token.
 */
export async function renewLeases(
  db: TDb,
  held: readonly TClaimedDelivery[],
  { leaseMs = DEFAULT_LEASE_MS, now = new Date() }: { leaseMs?: number; now?: Date } = {},
): Promise<string[]> {
  if (held.length === 0) return [];
  const renewed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" AS d SET "lockedUntil" = ${new Date(now.getTime() + leaseMs)}
    FROM unnest(${held.map((delivery) => delivery.id)}::text[], ${held.map((delivery) => delivery.attempts)}::int[]) AS h("id", "attempts")
    WHERE d."id" = h."id" AND d."attempts" = h."attempts" AND d."status" = 'processing'
    RETURNING d."id"`;
  const renewedIds = new Set(renewed.map((row) => row.id));
  return held.filter((delivery) => !renewedIds.has(delivery.id)).map((delivery) => delivery.id);
}
