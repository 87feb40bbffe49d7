import { createHash } from "node:crypto";

import { createId } from "@/lib/ids";
import { truncateText } from "@/lib/text/storable-text";
import { createGroupCommit } from "@/server/db/group-commit";
import type { TDbClient } from "@/server/db/types";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";

/** Identical deliveries less than this far apart collapse into one inbox row (reliability R6; docs/webhook-inbox.md). */
const DEDUPE_WINDOW_MS = 10_000;

export type TKlientiksWebhookInput = {
  /** Resolved from the token before the request was read (webhook-endpoint-cache.ts). */
  endpoint: TWebhookEndpoint;
  method: string;
  /** Query parameters first, then body fields (klientiks-contract §12.3), already cleaned for storage (docs/input-text.md). */
  params: Record<string, string>;
  headers: Record<string, string>;
  receivedAt: Date;
};

export type TRejectionReason = "missing_appointment_id" | "invalid_appointment_id";

export type TReceiveOutcome =
  | { kind: "unknown_endpoint" }
  | { kind: "rejected"; deliveryId: string; reason: TRejectionReason }
  | {
      kind: "accepted";
      deliveryId: string;
      tenantId: string;
      connectionId: string;
      appointmentId: string;
      isDuplicate: boolean;
    };

/** Klientiks appointment ids are positive whole numbers; 18 digits keep them within a bigint. */
const APPOINTMENT_ID = /^\d{1,18}$/;

/** The appointment id of a delivery, leading zeros dropped, or why there is none. */
export function readAppointmentId(
  raw: string | undefined,
): { ok: true; appointmentId: string } | { ok: false; reason: TRejectionReason } {
  const value = (raw ?? "").trim();
  if (value === "") return { ok: false, reason: "missing_appointment_id" };
  const appointmentId = value.replace(/^0+/, "");
  return APPOINTMENT_ID.test(value) && appointmentId !== ""
    ? { ok: true, appointmentId }
    : { ok: false, reason: "invalid_appointment_id" };
}

/** What identical deliveries share: the endpoint, the appointment and the status hint. */
const contentKeyOf = (endpointId: string, appointmentId: string, statusHint: string) =>
  createHash("sha256").update(`${endpointId}|${appointmentId}|${statusHint}`).digest("hex");

type TInsertRequest = {
  id: string;
  endpointId: string;
  /** Null for a rejected delivery, which is never deduplicated. */
  contentKey: string | null;
  appointmentId: string | null;
  statusHint: string | null;
  method: string;
  query: string;
  headers: string;
  receivedAt: string;
  errorCode: TRejectionReason | null;
};
type TInsertedRow = {
  inputId: string;
  tenantId: string | null;
  connectionId: string | null;
  deliveryId: string | null;
  isInserted: boolean;
};

/**
 * Stores a batch of deliveries in one call of `insert_webhook_deliveries` (its migration explains
 * the sliding dedupe window and why it is exact across processes and within one batch). Per input
 * id: no tenant means the endpoint no longer accepts webhooks; `isInserted` false with a tenant means
 * a duplicate, `deliveryId` naming the stored original. Raw SQL on purpose: every Prisma 6 ORM call
 * compiles its query on the event loop (~1.5 ms of CPU), more than the rest of the acknowledgement
 * costs (`npm run bench:ingest`).
 */
const insertDeliveries = (db: TDbClient, requests: TInsertRequest[]) => {
  const column = <K extends keyof TInsertRequest>(key: K) =>
    requests.map((request) => request[key]);
  return db.$queryRaw<TInsertedRow[]>`
    SELECT * FROM "insert_webhook_deliveries"(${column("id")}::text[], ${column("endpointId")}::text[], ${column("contentKey")}::text[],
      ${column("appointmentId")}::text[], ${column("statusHint")}::text[], ${column("method")}::text[], ${column("query")}::text[],
      ${column("headers")}::text[], ${column("receivedAt")}::timestamptz[], ${column("errorCode")}::text[], ${DEDUPE_WINDOW_MS}::integer)`;
};

/**
 * Group commit for acknowledgements (see createGroupCommit): one insert statement in flight per
 * client, whatever arrived meanwhile inserted together when it returns; a batch that fails is
 * retried item by item, so one bad delivery never costs another tenant's its acknowledgement.
 */
const insertDelivery = createGroupCommit<TDbClient, TInsertRequest, TInsertedRow>({
  maxBatch: 200,
  runBatch: async (db, requests) => {
    const rows = new Map((await insertDeliveries(db, requests)).map((row) => [row.inputId, row]));
    return requests.map(
      (request) =>
        rows.get(request.id) ?? new Error(`delivery ${request.id} missing from the insert result`),
    );
  },
});

/**
 * Records one Klientiks webhook in the inbox. The payload is only a hint: processing re-fetches the
 * appointment (klientiks-contract §12.4). A bad `appointment_id` is still recorded, as `rejected`
 * with its reason, so the wizard's live check and the error log can show it (§12.6).
 */
export async function receiveKlientiksWebhook(
  db: TDbClient,
  input: TKlientiksWebhookInput,
): Promise<TReceiveOutcome> {
  const { endpoint, params } = input;
  const read = readAppointmentId(params.appointment_id);
  const statusHint = truncateText((params.status ?? "").trim(), 64);
  const row = await insertDelivery(db, {
    id: createId("whd"),
    endpointId: endpoint.id,
    contentKey: read.ok ? contentKeyOf(endpoint.id, read.appointmentId, statusHint) : null,
    appointmentId: read.ok
      ? read.appointmentId
      : truncateText((params.appointment_id ?? "").trim(), 64) || null,
    statusHint: statusHint || null,
    method: input.method,
    query: JSON.stringify(params),
    headers: JSON.stringify(input.headers),
    receivedAt: input.receivedAt.toISOString(),
    errorCode: read.ok ? null : read.reason,
  });
  if (!row.tenantId || !row.connectionId || !row.deliveryId) return { kind: "unknown_endpoint" };
  if (!read.ok) return { kind: "rejected", deliveryId: row.deliveryId, reason: read.reason };
  return {
    kind: "accepted",
    deliveryId: row.deliveryId,
    tenantId: row.tenantId,
    connectionId: row.connectionId,
    appointmentId: read.appointmentId,
    isDuplicate: !row.isInserted,
  };
}
