import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";
import { callSearchTextOf } from "@/server/domain/calls/call-search-text";

/**
 * The workspace's client entity (docs/clients.md): one row per (tenant, phone in E.164), shared by
 * deals, leads and calls. What a source knows (name, e-mail, Klientiks client id) fills it in;
 * nothing ever blanks a value, and nothing is created in Klientiks.
 */

/** What `normalizePhoneE164` produces: a plus and 8 to 15 digits. */
const E164 = /^\+\d{8,15}$/;

export const isE164Phone = (phone: string | null | undefined): phone is string =>
  typeof phone === "string" && E164.test(phone);

export type TClientFacts = {
  tenantId: string;
  /** E.164. */
  phone: string;
  name?: string | null;
  email?: string | null;
  klientiksClientId?: string | null;
};

type TUpsertRow = { id: string | null; name: string | null; nameChanged: boolean };

const presentText = (value: string | null | undefined): string | null => value?.trim() || null;

/**
 * The client of this phone, created when new, with the given facts written over the stored ones
 * (a given value replaces, a missing or blank one keeps what is stored). When the name changes,
 * the client's calls get the new name in their search text.
 */
export async function upsertClient(
  db: TDbClient,
  facts: TClientFacts,
): Promise<{ clientId: string; name: string | null }> {
  const { tenantId, phone } = facts;
  if (!isE164Phone(phone))
    throw new Error(
      `ensureClientByPhone: phone must be E.164 (a plus and 8-15 digits), got ${JSON.stringify(phone)}`,
    );
  const name = presentText(facts.name);
  const email = presentText(facts.email)?.toLowerCase() ?? null;
  const klientiksClientId = presentText(facts.klientiksClientId);
  const now = new Date();
  // The update runs only when a given fact differs, so a call's lookup of a known phone writes nothing.
  const [row] = await db.$queryRaw<TUpsertRow[]>`
    WITH previous AS (
      SELECT "id", "name" FROM "Client" WHERE "tenantId" = ${tenantId} AND "phone" = ${phone}),
    written AS (
      INSERT INTO "Client" ("id", "tenantId", "phone", "name", "email", "klientiksClientId", "updatedAt")
      VALUES (${createId("cli")}, ${tenantId}, ${phone}, ${name}::text, ${email}::text, ${klientiksClientId}::text, ${now}::timestamptz)
      ON CONFLICT ("tenantId", "phone") DO UPDATE SET
        "name" = COALESCE(EXCLUDED."name", "Client"."name"), "email" = COALESCE(EXCLUDED."email", "Client"."email"),
        "klientiksClientId" = COALESCE(EXCLUDED."klientiksClientId", "Client"."klientiksClientId"), "updatedAt" = EXCLUDED."updatedAt"
      WHERE (EXCLUDED."name" IS NOT NULL AND EXCLUDED."name" IS DISTINCT FROM "Client"."name")
        OR (EXCLUDED."email" IS NOT NULL AND EXCLUDED."email" IS DISTINCT FROM "Client"."email")
        OR (EXCLUDED."klientiksClientId" IS NOT NULL AND EXCLUDED."klientiksClientId" IS DISTINCT FROM "Client"."klientiksClientId")
      RETURNING "id", "name")
    SELECT COALESCE(w."id", p."id") AS "id", COALESCE(w."name", p."name") AS "name",
      (w."id" IS NOT NULL AND p."id" IS NOT NULL AND w."name" IS DISTINCT FROM p."name") AS "nameChanged"
    FROM (SELECT 1) AS one LEFT JOIN written AS w ON true LEFT JOIN previous AS p ON true`;

  if (!row?.id) {
    // Inserted by a concurrent writer after this statement's snapshot: a new statement sees it.
    const [existing] = await db.$queryRaw<{ id: string; name: string | null }[]>`
      SELECT "id", "name" FROM "Client" WHERE "tenantId" = ${tenantId} AND "phone" = ${phone}`;
    if (!existing)
      throw new Error(`ensureClientByPhone: the client of ${phone} was neither written nor found`);
    return { clientId: existing.id, name: existing.name };
  }
  if (row.nameChanged) {
    const searchText = callSearchTextOf({ clientName: row.name, clientPhone: phone });
    await db.$executeRaw`UPDATE "Call" SET "searchText" = ${searchText} WHERE "tenantId" = ${tenantId} AND "clientId" = ${row.id} AND "searchText" <> ${searchText}`;
  }
  return { clientId: row.id, name: row.name };
}

/** The id of the client of this phone (E.164), created when new; see `upsertClient`. */
export const ensureClientByPhone = async (db: TDbClient, facts: TClientFacts): Promise<string> =>
  (await upsertClient(db, facts)).clientId;
