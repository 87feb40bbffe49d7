import type { Prisma } from "@generated/prisma/client";
import { createId } from "@/lib/ids";
import type { TDb } from "@/server/db/client";
import type { TDealDraft } from "@/server/domain/deals/map-appointment-to-deal";

export type TUpsertDealResult = { dealId: string; outcome: "created" | "updated" | "stale"; stageChanged: boolean };

type TUpsertRow = { writtenId: string | null; existingId: string | null; stageChanges: number };

/**
 * Upserts the deal of one appointment, keyed by (tenant, appointment id), and records a stage change
 * when the status moved. An appointment older than the stored one is ignored, so late or reordered
 * deliveries never regress a deal (reliability R8); an equal one overwrites idempotently.
 *
 * Two statements in one transaction: an advisory lock that serializes concurrent writers of the
 * same appointment (webhook, reconciliation, backfill), then one statement that reads the stored
 * deal, inserts or updates it unless the draft is older, and records the stage change. Raw SQL:
 * the ORM version cost ~10 ms of event-loop CPU per delivery with Prisma 6's query compiler, the
 * largest share of processing one (`npm run bench:ingest`). The columns written are those of the
 * Deal model; `updatedAt` is set as Prisma's @updatedAt would.
 */
export async function upsertDeal(db: TDb, options: { tenantId: string; connectionId: string; draft: TDealDraft; raw: Prisma.InputJsonValue; deliveryId: string | null }): Promise<TUpsertDealResult> {
  const { tenantId, connectionId, draft, raw, deliveryId } = options;
  const primary = draft.contacts[0];
  const now = new Date();
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${tenantId}:${draft.externalId}`}, 0))`,
    db.$queryRaw<TUpsertRow[]>`
      WITH existing AS (
        SELECT "id", "status" FROM "Deal" WHERE "tenantId" = ${tenantId} AND "externalId" = ${draft.externalId}),
      written AS (
        INSERT INTO "Deal" ("id", "tenantId", "connectionId", "externalId", "name", "amountMinor", "currency", "status", "stage", "stageGroup", "stageOrder",
          "visitStartAt", "visitEndAt", "crmCreatedAt", "crmModifiedAt", "isSale", "isOnlineBooking", "paidBySubscription", "responsibleId", "responsibleName",
          "responsibleKind", "contactName", "contactPhone", "contactEmail", "contacts", "services", "customFields", "raw", "searchText", "missingInSource", "updatedAt")
        VALUES (${createId("deal")}, ${tenantId}, ${connectionId}, ${draft.externalId}, ${draft.name}, ${draft.amountMinor}::int, ${draft.currency}, ${draft.status},
          ${draft.stage}, ${draft.stageGroup}::"StageGroup", ${draft.stageOrder}::int, ${draft.visitStartAt}::timestamptz, ${draft.visitEndAt}::timestamptz,
          ${draft.crmCreatedAt}::timestamptz, ${draft.crmModifiedAt}::timestamptz, ${draft.isSale}::boolean, ${draft.isOnlineBooking}::boolean,
          ${draft.paidBySubscription}::"SubscriptionPayment", ${draft.responsibleId}::text, ${draft.responsibleName}::text, ${draft.responsibleKind}::text,
          ${primary?.name || null}::text, ${primary?.phone ?? null}::text, ${primary?.email ?? null}::text, ${JSON.stringify(draft.contacts)}::jsonb,
          ${JSON.stringify(draft.services)}::jsonb, ${JSON.stringify(draft.customFields)}::jsonb, ${JSON.stringify(raw)}::jsonb, ${draft.searchText}, false, ${now}::timestamptz)
        ON CONFLICT ("tenantId", "externalId") DO UPDATE SET
          "name" = EXCLUDED."name", "amountMinor" = EXCLUDED."amountMinor", "currency" = EXCLUDED."currency", "status" = EXCLUDED."status", "stage" = EXCLUDED."stage",
          "stageGroup" = EXCLUDED."stageGroup", "stageOrder" = EXCLUDED."stageOrder", "visitStartAt" = EXCLUDED."visitStartAt", "visitEndAt" = EXCLUDED."visitEndAt",
          "crmCreatedAt" = EXCLUDED."crmCreatedAt", "crmModifiedAt" = EXCLUDED."crmModifiedAt", "isSale" = EXCLUDED."isSale", "isOnlineBooking" = EXCLUDED."isOnlineBooking",
          "paidBySubscription" = EXCLUDED."paidBySubscription", "responsibleId" = EXCLUDED."responsibleId", "responsibleName" = EXCLUDED."responsibleName",
          "responsibleKind" = EXCLUDED."responsibleKind", "contactName" = EXCLUDED."contactName", "contactPhone" = EXCLUDED."contactPhone",
          "contactEmail" = EXCLUDED."contactEmail", "contacts" = EXCLUDED."contacts", "services" = EXCLUDED."services", "customFields" = EXCLUDED."customFields",
          "raw" = EXCLUDED."raw", "searchText" = EXCLUDED."searchText", "missingInSource" = false, "updatedAt" = EXCLUDED."updatedAt"
        -- An older snapshot of the appointment than the stored one changes nothing.
        WHERE "Deal"."crmModifiedAt" IS NULL OR EXCLUDED."crmModifiedAt" IS NULL OR EXCLUDED."crmModifiedAt" >= "Deal"."crmModifiedAt"
        RETURNING "id"),
      change AS (
        INSERT INTO "DealStageChange" ("id", "tenantId", "dealId", "fromStatus", "toStatus", "at", "deliveryId")
        SELECT ${createId("dsc")}, ${tenantId}, w."id", (SELECT e."status" FROM existing AS e), ${draft.status}, ${draft.crmModifiedAt ?? now}::timestamptz, ${deliveryId}::text
        FROM written AS w
        WHERE (SELECT e."status" FROM existing AS e) IS DISTINCT FROM ${draft.status}
        RETURNING "id")
      SELECT (SELECT w."id" FROM written AS w) AS "writtenId", (SELECT e."id" FROM existing AS e) AS "existingId", (SELECT count(*) FROM change)::int AS "stageChanges"`,
  ]);
  const row = rows[0];
  if (!row) throw new Error(`upserting deal ${draft.externalId} returned nothing`);
  if (!row.writtenId) return { dealId: row.existingId ?? "", outcome: "stale", stageChanged: false };
  return { dealId: row.writtenId, outcome: row.existingId ? "updated" : "created", stageChanged: row.stageChanges > 0 };
}

/** Klientiks answered "No data": the deal stays, flagged, never deleted (reliability R9). */
export const flagDealMissingInSource = (db: TDb, { tenantId, externalId }: { tenantId: string; externalId: string }) =>
  db.deal.updateMany({ where: { tenantId, externalId }, data: { missingInSource: true } });
