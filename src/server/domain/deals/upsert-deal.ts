import type { Prisma } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import { ensureClientByPhone } from "@/server/domain/clients/ensure-client";
import type { TDealDraft } from "@/server/domain/deals/map-appointment-to-deal";

export type TUpsertDealResult = {
  dealId: string;
  outcome: "created" | "updated" | "stale";
  stageChanged: boolean;
};

/**
 * A status Klientiks reported for the appointment, and when (docs/deal-stage-history.md). A
 * `fetched` one (reconciliation, backfill) is never placed before a report the deal already has:
 * what a fetch shows came after everything known, and Klientiks' clock (whole seconds) is not ours.
 */
export type TStatusReport = { status: string; at: Date; kind: "webhook" | "fetched" };

type TUpsertRow = { writtenId: string | null; existingId: string | null; stageChanged: boolean };

/**
 * Upserts the deal of one appointment, keyed by (tenant, appointment id), records the status this
 * delivery reported and re-derives the deal's stage history from all its reports. An appointment
 * older than the stored one leaves the deal as it is, so late or reordered deliveries never regress
 * a deal (reliability R8); an equal one overwrites idempotently. Its report is recorded all the same:
 * the history keeps every status Klientiks reported, the deal only the freshest fetched state.
 *
 * The deal's client (docs/clients.md) is upserted first, by the primary contact's phone, in its own
 * statement: a reordered older snapshot may refresh the client's name with what it said then, but
 * the next delivery of any deal of that phone sets it right, and the deal itself never regresses.
 *
 * Then four statements in one transaction: an advisory lock that serializes concurrent writers of the
 * same appointment (webhook, reconciliation, backfill); one statement that reads the stored deal,
 * inserts or updates it unless the draft is older, and records the report; then the stage changes
 * are rebuilt (deleted, inserted). Raw SQL: the ORM version cost ~10 ms of event-loop CPU per
 * delivery with Prisma 6's query compiler, the largest share of processing one
 * (`npm run bench:ingest`). The columns written are those of the Deal model; `updatedAt` is set as
 * Prisma's @updatedAt would.
 */
export async function upsertDeal(
  db: TDb,
  options: {
    tenantId: string;
    connectionId: string;
    draft: TDealDraft;
    raw: Prisma.InputJsonValue;
    deliveryId: string | null;
    report?: TStatusReport;
  },
): Promise<TUpsertDealResult> {
  const { tenantId, connectionId, draft, raw, deliveryId } = options;
  const primary = draft.contacts[0];
  const now = new Date();
  // Without a delivery's own report, the draft reports its status as fetched.
  const report = options.report ?? {
    status: draft.status,
    at: draft.crmModifiedAt ?? now,
    kind: "fetched",
  };
  const clientId = primary?.phone
    ? await ensureClientByPhone(db, {
        tenantId,
        phone: primary.phone,
        name: primary.name,
        email: primary.email,
        klientiksClientId: String(primary.klientiksClientId),
      })
    : null;
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${tenantId}:${draft.externalId}`}, 0))`,
    db.$queryRaw<TUpsertRow[]>`
      WITH existing AS (
        SELECT "id", "status" FROM "Deal" WHERE "tenantId" = ${tenantId} AND "externalId" = ${draft.externalId}),
      written AS (
        INSERT INTO "Deal" ("id", "tenantId", "connectionId", "externalId", "name", "amountMinor", "currency", "status", "stage", "stageGroup", "stageOrder",
          "visitStartAt", "visitEndAt", "crmCreatedAt", "crmModifiedAt", "isSale", "isOnlineBooking", "paidBySubscription", "responsibleId", "responsibleName",
          "responsibleKind", "contactName", "contactPhone", "contactEmail", "clientId", "contacts", "services", "customFields", "raw", "searchText", "missingInSource", "updatedAt")
        VALUES (${createId("deal")}, ${tenantId}, ${connectionId}, ${draft.externalId}, ${draft.name}, ${draft.amountMinor}::int, ${draft.currency}, ${draft.status},
          ${draft.stage}, ${draft.stageGroup}::"StageGroup", ${draft.stageOrder}::int, ${draft.visitStartAt}::timestamptz, ${draft.visitEndAt}::timestamptz,
          ${draft.crmCreatedAt}::timestamptz, ${draft.crmModifiedAt}::timestamptz, ${draft.isSale}::boolean, ${draft.isOnlineBooking}::boolean,
          ${draft.paidBySubscription}::"SubscriptionPayment", ${draft.responsibleId}::text, ${draft.responsibleName}::text, ${draft.responsibleKind}::text,
          ${primary?.name || null}::text, ${primary?.phone ?? null}::text, ${primary?.email ?? null}::text, ${clientId}::text, ${JSON.stringify(draft.contacts)}::jsonb,
          ${JSON.stringify(draft.services)}::jsonb, ${JSON.stringify(draft.customFields)}::jsonb, ${JSON.stringify(raw)}::jsonb, ${draft.searchText}, false, ${now}::timestamptz)
        ON CONFLICT ("tenantId", "externalId") DO UPDATE SET
          "name" = EXCLUDED."name", "amountMinor" = EXCLUDED."amountMinor", "currency" = EXCLUDED."currency", "status" = EXCLUDED."status", "stage" = EXCLUDED."stage",
          "stageGroup" = EXCLUDED."stageGroup", "stageOrder" = EXCLUDED."stageOrder", "visitStartAt" = EXCLUDED."visitStartAt", "visitEndAt" = EXCLUDED."visitEndAt",
          "crmCreatedAt" = EXCLUDED."crmCreatedAt", "crmModifiedAt" = EXCLUDED."crmModifiedAt", "isSale" = EXCLUDED."isSale", "isOnlineBooking" = EXCLUDED."isOnlineBooking",
          "paidBySubscription" = EXCLUDED."paidBySubscription", "responsibleId" = EXCLUDED."responsibleId", "responsibleName" = EXCLUDED."responsibleName",
          "responsibleKind" = EXCLUDED."responsibleKind", "contactName" = EXCLUDED."contactName", "contactPhone" = EXCLUDED."contactPhone",
          "contactEmail" = EXCLUDED."contactEmail", "clientId" = EXCLUDED."clientId", "contacts" = EXCLUDED."contacts", "services" = EXCLUDED."services", "customFields" = EXCLUDED."customFields",
          "raw" = EXCLUDED."raw", "searchText" = EXCLUDED."searchText", "missingInSource" = false, "updatedAt" = EXCLUDED."updatedAt"
        -- An older snapshot of the appointment than the stored one changes nothing.
        WHERE "Deal"."crmModifiedAt" IS NULL OR EXCLUDED."crmModifiedAt" IS NULL OR EXCLUDED."crmModifiedAt" >= "Deal"."crmModifiedAt"
        RETURNING "id"),
      deal AS (
        SELECT COALESCE((SELECT w."id" FROM written AS w), (SELECT e."id" FROM existing AS e)) AS "id"),
      reported AS (
        INSERT INTO "DealStatusReport" ("id", "tenantId", "dealId", "status", "reportedAt", "deliveryId")
        SELECT ${createId("dsr")}, ${tenantId}, d."id", ${report.status},
          CASE WHEN ${report.kind === "fetched"}::boolean
            THEN GREATEST(${report.at}::timestamptz, (SELECT max(r."reportedAt") FROM "DealStatusReport" AS r WHERE r."tenantId" = ${tenantId} AND r."dealId" = d."id") + interval '1 millisecond')
            ELSE ${report.at}::timestamptz END,
          ${deliveryId}::text
        FROM deal AS d WHERE d."id" IS NOT NULL
          -- A delivery run again (a retried step, a replay) reports once.
          AND NOT EXISTS (SELECT 1 FROM "DealStatusReport" AS r WHERE r."tenantId" = ${tenantId} AND r."dealId" = d."id" AND r."deliveryId" = ${deliveryId}::text))
      SELECT (SELECT w."id" FROM written AS w) AS "writtenId", (SELECT e."id" FROM existing AS e) AS "existingId",
        (EXISTS (SELECT 1 FROM written) AND (SELECT e."status" FROM existing AS e) IS DISTINCT FROM ${draft.status}) AS "stageChanged"`,
    db.$executeRaw`DELETE FROM "DealStageChange" WHERE "tenantId" = ${tenantId}
      AND "dealId" = (SELECT "id" FROM "Deal" WHERE "tenantId" = ${tenantId} AND "externalId" = ${draft.externalId})`,
    db.$executeRaw`
      WITH deal AS (
        SELECT "id", "status", "crmModifiedAt" FROM "Deal" WHERE "tenantId" = ${tenantId} AND "externalId" = ${draft.externalId}),
      reports AS (
        SELECT r."id", r."status", r."reportedAt", r."deliveryId" FROM "DealStatusReport" AS r JOIN deal AS d ON d."id" = r."dealId" WHERE r."tenantId" = ${tenantId}),
      latest AS (
        SELECT "status", "reportedAt" FROM reports ORDER BY "reportedAt" DESC, "id" DESC LIMIT 1),
      timeline AS (
        SELECT "id", "status", "reportedAt", "deliveryId" FROM reports
        UNION ALL
        -- The fetched state closes the history when the last report says otherwise: a change seen only by fetching.
        SELECT NULL, d."status", COALESCE(GREATEST(d."crmModifiedAt", l."reportedAt" + interval '1 millisecond'), ${now}::timestamptz), NULL
        FROM deal AS d LEFT JOIN latest AS l ON true WHERE l."status" IS DISTINCT FROM d."status"),
      ordered AS (
        SELECT *, LAG("status") OVER (ORDER BY "reportedAt", "id" NULLS LAST) AS "previous" FROM timeline)
      INSERT INTO "DealStageChange" ("id", "tenantId", "dealId", "fromStatus", "toStatus", "at", "deliveryId")
      SELECT 'dsc_' || COALESCE(substring(o."id" from 5), substring(d."id" from 6)), ${tenantId}, d."id", o."previous", o."status", o."reportedAt", o."deliveryId"
      FROM ordered AS o CROSS JOIN deal AS d
      WHERE o."previous" IS DISTINCT FROM o."status"`,
  ]);
  const row = rows[0];
  if (!row) throw new Error(`upserting deal ${draft.externalId} returned nothing`);
  if (!row.writtenId)
    return { dealId: row.existingId ?? "", outcome: "stale", stageChanged: false };
  return {
    dealId: row.writtenId,
    outcome: row.existingId ? "updated" : "created",
    stageChanged: row.stageChanged,
  };
}

/** Klientiks answered "No data": the deal stays, flagged, never deleted (reliability R9). */
export const flagDealMissingInSource = (
  db: TDb,
  { tenantId, externalId }: { tenantId: string; externalId: string },
) => db.deal.updateMany({ where: { tenantId, externalId }, data: { missingInSource: true } });
