import { createId } from "@/lib/ids";
import { createGroupCommit } from "@/server/db/group-commit";
import type { TDbClient } from "@/server/db/types";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";

/** Why a notification was stored as `rejected` instead of being processed. */
export type TNotificationRejection = {
  code: "missing_signature" | "bad_signature" | "invalid_event";
  message: string;
};

export type TTelephonyNotification = {
  endpoint: TWebhookEndpoint;
  /** The provider's event name (`NOTIFY_START`, …). */
  eventType: string;
  providerCallId: string | null;
  /** The event's idempotency key (docs/telephony-zadarma.md); null for a rejected notification. */
  eventKey: string | null;
  /** The form as received, cleaned for storage (docs/input-text.md). */
  form: Record<string, string>;
  headers: Record<string, string>;
  receivedAt: Date;
  rejection: TNotificationRejection | null;
};

export type TTelephonyReceiveOutcome =
  | { kind: "unknown_endpoint" }
  | { kind: "rejected"; deliveryId: string }
  | {
      kind: "accepted";
      deliveryId: string;
      tenantId: string;
      connectionId: string;
      providerCallId: string;
      isDuplicate: boolean;
    };

type TInsertRequest = {
  id: string;
  endpointId: string;
  dedupeKey: string;
  providerCallId: string | null;
  eventType: string;
  query: string;
  headers: string;
  receivedAt: string;
  status: "pending" | "rejected";
  errorCode: string | null;
  error: string | null;
};
type TInsertedRow = {
  inputId: string;
  tenantId: string;
  connectionId: string;
  isInserted: boolean;
};

/**
 * Stores a batch of notifications in one statement. The endpoint is checked again here (not
 * revoked, not retired), so a revoked address stops at once in every process. An event whose key
 * is stored already is a duplicate: it is not stored again, whatever the order or the time between
 * them (reliability R6, R7); a rejected one keeps its own id as key, so every rejection is kept.
 */
const insertNotifications = (db: TDbClient, requests: TInsertRequest[]) => {
  const column = <K extends keyof TInsertRequest>(key: K) =>
    requests.map((request) => request[key]);
  return db.$queryRaw<TInsertedRow[]>`
    WITH "input" AS (
      SELECT * FROM unnest(${column("id")}::text[], ${column("endpointId")}::text[], ${column("dedupeKey")}::text[],
        ${column("providerCallId")}::text[], ${column("eventType")}::text[], ${column("query")}::text[], ${column("headers")}::text[],
        ${column("receivedAt")}::timestamptz[], ${column("status")}::text[], ${column("errorCode")}::text[], ${column("error")}::text[])
        AS i("id", "endpointId", "dedupeKey", "providerCallId", "eventType", "query", "headers", "receivedAt", "status", "errorCode", "error")
    ),
    "live" AS (
      SELECT i.*, e."tenantId", e."connectionId" FROM "input" AS i
      JOIN "WebhookEndpoint" AS e ON e."id" = i."endpointId" AND e."revokedAt" IS NULL AND (e."retiresAt" IS NULL OR e."retiresAt" > i."receivedAt")
    ),
    "inserted" AS (
      INSERT INTO "WebhookDelivery" ("id", "tenantId", "connectionId", "endpointId", "purpose", "source", "dedupeKey", "providerCallId", "eventType",
        "method", "query", "headers", "receivedAt", "status", "nextAttemptAt", "errorCode", "error", "processedAt")
      SELECT l."id", l."tenantId", l."connectionId", l."endpointId", 'telephony', 'webhook', l."dedupeKey", l."providerCallId", l."eventType",
        'POST', l."query"::jsonb, l."headers"::jsonb, l."receivedAt", l."status"::"DeliveryStatus", l."receivedAt", l."errorCode", l."error",
        CASE WHEN l."status" = 'rejected' THEN l."receivedAt" END
      FROM "live" AS l
      ON CONFLICT ("tenantId", "dedupeKey") DO NOTHING
      RETURNING "id"
    )
    SELECT l."id" AS "inputId", l."tenantId", l."connectionId", (ins."id" IS NOT NULL) AS "isInserted"
    FROM "live" AS l LEFT JOIN "inserted" AS ins ON ins."id" = l."id"`;
};

/** One statement in flight per client; what arrives meanwhile goes together (see createGroupCommit). */
const insertNotification = createGroupCommit<TDbClient, TInsertRequest, TInsertedRow | null>({
  maxBatch: 200,
  runBatch: async (db, requests) => {
    const rows = new Map(
      (await insertNotifications(db, requests)).map((row) => [row.inputId, row]),
    );
    // No row: the endpoint stopped accepting notifications since the token was resolved.
    return requests.map((request) => rows.get(request.id) ?? null);
  },
});

/** Records one telephony notification in the inbox, or as `rejected` with its reason (R1, R12). */
export async function receiveTelephonyNotification(
  db: TDbClient,
  input: TTelephonyNotification,
): Promise<TTelephonyReceiveOutcome> {
  const id = createId("whd");
  const isAccepted =
    input.rejection === null && input.eventKey !== null && input.providerCallId !== null;
  const row = await insertNotification(db, {
    id,
    endpointId: input.endpoint.id,
    dedupeKey: isAccepted && input.eventKey ? input.eventKey : id,
    providerCallId: input.providerCallId,
    eventType: input.eventType,
    query: JSON.stringify(input.form),
    headers: JSON.stringify(input.headers),
    receivedAt: input.receivedAt.toISOString(),
    status: isAccepted ? "pending" : "rejected",
    errorCode: input.rejection?.code ?? null,
    error: input.rejection?.message ?? null,
  });
  if (!row) return { kind: "unknown_endpoint" };
  if (!isAccepted || !input.providerCallId) return { kind: "rejected", deliveryId: id };
  return {
    kind: "accepted",
    deliveryId: id,
    tenantId: row.tenantId,
    connectionId: row.connectionId,
    providerCallId: input.providerCallId,
    isDuplicate: !row.isInserted,
  };
}

/** Zadarma's `zd_echo` check reached the address: the settings page says the provider confirmed it. */
export async function markEndpointConfirmed(
  db: TDbClient,
  endpoint: TWebhookEndpoint,
  at: Date,
): Promise<void> {
  await db.webhookEndpoint.updateMany({
    where: { id: endpoint.id, tenantId: endpoint.tenantId },
    data: { confirmedAt: at },
  });
}
