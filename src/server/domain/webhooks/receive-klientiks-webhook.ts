import { createHash } from "node:crypto";
import { createId } from "@/lib/ids";
import type { TDbClient } from "@/server/db/types";
import { findEndpointByToken } from "@/server/domain/webhooks/endpoints";

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

const dedupeKeyFor = (endpointId: string, appointmentId: string, status: string, receivedAt: Date) =>
  createHash("sha256").update(`${endpointId}|${appointmentId}|${status}|${Math.floor(receivedAt.getTime() / DEDUPE_BUCKET_MS)}`).digest("hex");

/**
 * Records one Klientiks webhook in the inbox. The payload is only a hint: processing re-fetches the
 * appointment (klientiks-contract §12.4). A bad `appointment_id` is still recorded, as `rejected`
 * with its reason, so the wizard's live check and the error log can show it (§12.6).
 */
export async function receiveKlientiksWebhook(db: TDbClient, input: TKlientiksWebhookInput): Promise<TReceiveOutcome> {
  const endpoint = await findEndpointByToken(db, input.token);
  if (!endpoint) return { kind: "unknown_endpoint" };
  const appointmentId = (input.params.appointment_id ?? "").trim();
  const statusHint = (input.params.status ?? "").trim().slice(0, 64);
  const common = { tenantId: endpoint.tenantId, connectionId: endpoint.connectionId, endpointId: endpoint.id, purpose: endpoint.purpose, method: input.method, query: input.params, headers: input.headers, receivedAt: input.receivedAt, statusHint: statusHint || null };

  if (!/^\d{1,18}$/.test(appointmentId)) {
    const id = createId("whd");
    const reason = appointmentId === "" ? "missing_appointment_id" : "invalid_appointment_id";
    await db.webhookDelivery.create({ data: { ...common, id, dedupeKey: id, appointmentId: appointmentId.slice(0, 64) || null, status: "rejected", errorCode: reason, processedAt: input.receivedAt }, select: { id: true } });
    return { kind: "rejected", deliveryId: id, reason };
  }

  const dedupeKey = dedupeKeyFor(endpoint.id, appointmentId, statusHint, input.receivedAt);
  const id = createId("whd");
  const inserted = await db.webhookDelivery.createMany({ data: [{ ...common, id, dedupeKey, appointmentId, nextAttemptAt: input.receivedAt }], skipDuplicates: true });
  if (inserted.count === 1) return { kind: "accepted", deliveryId: id, tenantId: endpoint.tenantId, connectionId: endpoint.connectionId, appointmentId, isDuplicate: false };
  const original = await db.webhookDelivery.findUniqueOrThrow({ where: { tenantId_dedupeKey: { tenantId: endpoint.tenantId, dedupeKey } }, select: { id: true } });
  return { kind: "accepted", deliveryId: original.id, tenantId: endpoint.tenantId, connectionId: endpoint.connectionId, appointmentId, isDuplicate: true };
}
