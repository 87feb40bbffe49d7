import { createHash } from "node:crypto";
import { createId } from "@/lib/ids";
import { createGroupCommit } from "@/server/db/group-commit";
import type { TDbClient } from "@/server/db/types";
import { hashSecretToken } from "@/server/domain/invites/invite-token";
import { findEndpointByToken, isTokenShaped } from "@/server/domain/webhooks/endpoints";

/** Identical deliveries within this window collapse into one inbox row (reliability R6). */
const DEDUPE_BUCKET_MS = 10_000;

export type TKlientiksWebhookInput = {
  token: string;
  method: string;
  /** Query parameters first, then body fields (klientiks-contract §12.3: GET and POST, any encoding). */
  params: Record<string, string>;
  headers: Record<string, string>;
  receivedAt: Date;
};

export type TReceiveOutcome =
  | { kind: "unknown_endpoint" }
  | { kind: "rejected"; deliveryId: string; reason: "missing_appointment_id" | "invalid_appointment_id" }
  | { kind: "accepted"; deliveryId: string; tenantId: string; connectionId: string; appointmentId: string; isDuplicate: boolean };

/** What follows the endpoint id in the hashed dedupe key. */
const dedupeSuffixFor = (appointmentId: string, status: string, receivedAt: Date) => `|${appointmentId}|${status}|${Math.floor(receivedAt.getTime() / DEDUPE_BUCKET_MS)}`;

const dedupeKeyFor = (endpointId: string, appointmentId: string, status: string, receivedAt: Date) =>
  createHash("sha256").update(`${endpointId}${dedupeSuffixFor(appointmentId, status, receivedAt)}`).digest("hex");

type TInsertRequest = { id: string; tokenHash: string; dedupeSuffix: string; appointmentId: string; statusHint: string | null; method: string; query: string; headers: string; receivedAt: string };
type TInsertedRow = { id: string; tenantId: string | null; connectionId: string | null; endpointId: string | null; isInserted: boolean };

/**
 * Inserts deliveries in ONE statement: each is matched to the live endpoint of its token (not
 * revoked, not retired when it arrived: liveEndpointAt) and inserted with the key dedupeKeyFor
 * would compute (PostgreSQL hashes it). Per input id: no endpoint means an unknown, revoked or
 * retired token; `isInserted` false with an endpoint means a duplicate
 * within the bucket (also of another delivery of the same statement). Raw SQL on purpose: every
 * Prisma 6 ORM call compiles its query on the event loop (~1.5 ms of CPU), more than the rest of
 * the acknowledgement costs (`npm run bench:ingest`).
 */
const insertDeliveries = (db: TDbClient, requests: TInsertRequest[]) => {
  const column = <K extends keyof TInsertRequest>(key: K) => requests.map((request) => request[key]);
  return db.$queryRaw<TInsertedRow[]>`
    WITH input AS (
      SELECT * FROM unnest(${column("id")}::text[], ${column("tokenHash")}::text[], ${column("dedupeSuffix")}::text[], ${column("appointmentId")}::text[],
        ${column("statusHint")}::text[], ${column("method")}::text[], ${column("query")}::text[], ${column("headers")}::text[], ${column("receivedAt")}::text[])
        AS i("id", "tokenHash", "dedupeSuffix", "appointmentId", "statusHint", "method", "query", "headers", "receivedAt")),
    matched AS (
      SELECT i.*, e."id" AS "endpointId", e."tenantId", e."connectionId", e."purpose"
      FROM input AS i JOIN "WebhookEndpoint" AS e ON e."tokenHash" = i."tokenHash" AND e."revokedAt" IS NULL
        AND (e."retiresAt" IS NULL OR e."retiresAt" > i."receivedAt"::timestamptz)
      JOIN "Connection" AS c ON c."id" = e."connectionId" AND c."status" <> 'inactive'),
    inserted AS (
      INSERT INTO "WebhookDelivery" ("id", "tenantId", "connectionId", "endpointId", "purpose", "dedupeKey", "appointmentId", "statusHint", "method", "query", "headers", "receivedAt", "nextAttemptAt")
      SELECT m."id", m."tenantId", m."connectionId", m."endpointId", m."purpose", encode(sha256(convert_to(m."endpointId" || m."dedupeSuffix", 'UTF8')), 'hex'),
        m."appointmentId", m."statusHint", m."method", m."query"::jsonb, m."headers"::jsonb, m."receivedAt"::timestamptz, m."receivedAt"::timestamptz
      FROM matched AS m
      ON CONFLICT ("tenantId", "dedupeKey") DO NOTHING
      RETURNING "id")
    SELECT i."id", m."tenantId", m."connectionId", m."endpointId", (n."id" IS NOT NULL) AS "isInserted"
    FROM input AS i LEFT JOIN matched AS m ON m."id" = i."id" LEFT JOIN inserted AS n ON n."id" = i."id"`;
};

/**
 * Group commit for acknowledgements (see createGroupCommit): one insert statement in flight per
 * client, whatever arrived meanwhile inserted together when it returns.
 */
const insertDelivery = createGroupCommit<TDbClient, TInsertRequest, TInsertedRow>({
  maxBatch: 200,
  runBatch: async (db, requests) => {
    const rows = new Map((await insertDeliveries(db, requests)).map((row) => [row.id, row]));
    return requests.map((request) => rows.get(request.id) ?? new Error(`delivery ${request.id} missing from the insert result`));
  },
  onBatchFailure: "fail_all",
});

/**
 * Records one Klientiks webhook in the inbox. The payload is only a hint: processing re-fetches the
 * appointment (klientiks-contract §12.4). A bad `appointment_id` is still recorded, as `rejected`
 * with its reason, so the wizard's live check and the error log can show it (§12.6).
 */
export async function receiveKlientiksWebhook(db: TDbClient, input: TKlientiksWebhookInput): Promise<TReceiveOutcome> {
  const appointmentId = (input.params.appointment_id ?? "").trim();
  const statusHint = (input.params.status ?? "").trim().slice(0, 64);
  if (!/^\d{1,18}$/.test(appointmentId)) return recordRejected(db, input, { appointmentId, statusHint });
  if (!isTokenShaped(input.token)) return { kind: "unknown_endpoint" };

  const row = await insertDelivery(db, {
    id: createId("whd"), tokenHash: hashSecretToken(input.token), dedupeSuffix: dedupeSuffixFor(appointmentId, statusHint, input.receivedAt), appointmentId,
    statusHint: statusHint || null, method: input.method, query: JSON.stringify(input.params), headers: JSON.stringify(input.headers), receivedAt: input.receivedAt.toISOString(),
  });
  if (!row.tenantId || !row.connectionId || !row.endpointId) return { kind: "unknown_endpoint" };
  const accepted = { kind: "accepted", tenantId: row.tenantId, connectionId: row.connectionId, appointmentId } as const;
  if (row.isInserted) return { ...accepted, deliveryId: row.id, isDuplicate: false };
  const dedupeKey = dedupeKeyFor(row.endpointId, appointmentId, statusHint, input.receivedAt);
  const original = await db.webhookDelivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: row.tenantId, dedupeKey } }, select: { id: true } });
  return { ...accepted, deliveryId: original.id, isDuplicate: true };
}

async function recordRejected(db: TDbClient, input: TKlientiksWebhookInput, { appointmentId, statusHint }: { appointmentId: string; statusHint: string }): Promise<TReceiveOutcome> {
  const endpoint = await findEndpointByToken(db, input.token, input.receivedAt);
  if (!endpoint) return { kind: "unknown_endpoint" };
  const id = createId("whd");
  const reason = appointmentId === "" ? "missing_appointment_id" : "invalid_appointment_id";
  await db.webhookDelivery.create({
    data: {
      id, tenantId: endpoint.tenantId, connectionId: endpoint.connectionId, endpointId: endpoint.id, purpose: endpoint.purpose, method: input.method, query: input.params,
      headers: input.headers, receivedAt: input.receivedAt, statusHint: statusHint || null, dedupeKey: id, appointmentId: appointmentId.slice(0, 64) || null,
      status: "rejected", errorCode: reason, processedAt: input.receivedAt,
    },
    select: { id: true },
  });
  return { kind: "rejected", deliveryId: id, reason };
}
