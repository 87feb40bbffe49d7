import type { TDbClient } from "@/server/db/types";
import { upsertClient } from "@/server/domain/clients/ensure-client";
import {
  createKlientiksApi,
  decryptKlientiksCredentials,
} from "@/server/domain/klientiks/credentials";
import { isCredentialFailure, toDeliveryFailure } from "@/server/domain/klientiks/delivery-failure";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import { parseKlientiksSettings } from "@/server/domain/klientiks/settings";

/**
 * A caller's phone looked up in Klientiks (`getClientByPhone`, docs/clients.md "Matching a caller"):
 * never on the webhook's path, at most once per client per day whether found or not, through the
 * account's throttle in the API client. Nothing is ever created in Klientiks; an unknown caller
 * stays a client with a phone and no name.
 */

/** Klientiks is asked about a phone again only after this long, found or not. */
export const CRM_LOOKUP_TTL_MS = 24 * 60 * 60 * 1000;

export type TClientLookupResult =
  | { outcome: "found"; klientiksClientId: string }
  | { outcome: "not_found" }
  /** Nothing asked: the client already has its Klientiks id, was asked within a day, or the workspace has no active Klientiks connection. */
  | { outcome: "skipped"; reason: "unknown_client" | "known" | "recently_asked" | "no_connection" };

export type TClientToLookUp = { tenantId: string; clientId: string };

type TLookupClient = {
  phone: string;
  klientiksClientId: string | null;
  crmLookedUpAt: Date | null;
};
type TLookupConnection = { id: string; tenantId: string; credentials: string; settings: unknown };

async function claimLookup(
  db: TDbClient,
  { tenantId, clientId, now }: { tenantId: string; clientId: string; now: Date },
) {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Client" SET "crmLookedUpAt" = ${now}::timestamptz
    WHERE "id" = ${clientId} AND "tenantId" = ${tenantId}
      AND ("crmLookedUpAt" IS NULL OR "crmLookedUpAt" <= ${new Date(now.getTime() - CRM_LOOKUP_TTL_MS)}::timestamptz)
    RETURNING "id"`;
  return claimed.length > 0;
}

/**
 * Asks Klientiks for the client's phone and fills in the name, e-mail and Klientiks id it answers.
 * The ask is claimed first (`crmLookedUpAt`), so concurrent lookups of one client ask once. A
 * failed ask is released for a later try and rethrown; refused credentials also stop the
 * connection, as on the deals path (reliability R19).
 */
export async function lookUpClientInKlientiks(
  db: TDbClient,
  deps: TKlientiksDeps,
  { tenantId, clientId, now = new Date() }: { tenantId: string; clientId: string; now?: Date },
): Promise<TClientLookupResult> {
  const [client] = await db.$queryRaw<TLookupClient[]>`
    SELECT "phone", "klientiksClientId", "crmLookedUpAt" FROM "Client" WHERE "id" = ${clientId} AND "tenantId" = ${tenantId}`;
  if (!client) return { outcome: "skipped", reason: "unknown_client" };
  if (client.klientiksClientId) return { outcome: "skipped", reason: "known" };
  const [connection] = await db.$queryRaw<TLookupConnection[]>`
    SELECT "id", "tenantId", "credentials", "settings" FROM "Connection" WHERE "tenantId" = ${tenantId} AND "kind" = 'klientiks' AND "status" = 'active'`;
  if (!connection) return { outcome: "skipped", reason: "no_connection" };
  if (!(await claimLookup(db, { tenantId, clientId, now })))
    return { outcome: "skipped", reason: "recently_asked" };

  try {
    const api = createKlientiksApi(
      deps,
      parseKlientiksSettings(connection.settings).accountTimezone,
    );
    const found = await api.getClientByPhone(
      decryptKlientiksCredentials(deps.keyring, connection),
      client.phone,
    );
    if (!found || found.deleted) return { outcome: "not_found" };
    const name =
      found.name.trim() ||
      [found.secondName, found.firstName, found.patronName].filter(Boolean).join(" ");
    const klientiksClientId = String(found.id);
    await upsertClient(db, {
      tenantId,
      phone: client.phone,
      name,
      email: found.email,
      klientiksClientId,
    });
    return { outcome: "found", klientiksClientId };
  } catch (error) {
    await db.$executeRaw`UPDATE "Client" SET "crmLookedUpAt" = ${client.crmLookedUpAt}::timestamptz
      WHERE "id" = ${clientId} AND "tenantId" = ${tenantId} AND "crmLookedUpAt" = ${now}::timestamptz`;
    const failure = toDeliveryFailure(error);
    if (isCredentialFailure(failure)) {
      await db.$executeRaw`UPDATE "Connection"
        SET "status" = 'needs_attention', "lastError" = ${failure.code}, "lastErrorAt" = ${now}::timestamptz, "updatedAt" = ${now}::timestamptz
        WHERE "id" = ${connection.id} AND "tenantId" = ${tenantId}`;
    }
    throw failure;
  }
}

/**
 * Clients the lookup worker should ask about, across workspaces with an active Klientiks
 * connection: no Klientiks id, not asked within a day, and called since the last ask (or ever,
 * when never asked); the most recently called first.
 */
export const findClientsToLookUp = (
  db: TDbClient,
  { limit, now = new Date() }: { limit: number; now?: Date },
): Promise<TClientToLookUp[]> =>
  db.$queryRaw<TClientToLookUp[]>`
    SELECT cl."tenantId", cl."id" AS "clientId"
    FROM "Client" AS cl
    JOIN "Connection" AS con ON con."tenantId" = cl."tenantId" AND con."kind" = 'klientiks' AND con."status" = 'active'
    CROSS JOIN LATERAL (
      SELECT max(c."startedAt") AS "lastCallAt" FROM "Call" AS c WHERE c."tenantId" = cl."tenantId" AND c."clientId" = cl."id") AS calls
    WHERE cl."klientiksClientId" IS NULL
      AND (cl."crmLookedUpAt" IS NULL OR cl."crmLookedUpAt" <= ${new Date(now.getTime() - CRM_LOOKUP_TTL_MS)}::timestamptz)
      AND calls."lastCallAt" > COALESCE(cl."crmLookedUpAt", '-infinity'::timestamptz)
    ORDER BY calls."lastCallAt" DESC, cl."id"
    LIMIT ${limit}::int`;
