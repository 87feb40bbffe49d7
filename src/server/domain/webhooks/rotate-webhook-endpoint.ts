import type { WebhookPurpose } from "@generated/prisma/client";

import type { TKeyring } from "@/server/crypto/envelope";
import type { TDb } from "@/server/db/client";
import type { TDbClient } from "@/server/db/types";
import { recordAudit } from "@/server/domain/audit/record-audit";
import {
  createWebhookEndpoint,
  CURRENT_ENDPOINT,
  decryptEndpointToken,
  liveEndpointAt,
  webhookUrlOf,
} from "@/server/domain/webhooks/endpoints";
import { AppError } from "@/server/errors";

/**
 * How long a replaced address keeps working (reliability R4): the salon owner re-pastes the new
 * one by hand in Klientiks («clientix/admin/eventHandlers»), maybe only after a weekend.
 */
export const ROTATION_OVERLAP_MS = 72 * 3_600_000;

type TEndpointScope = { tenantId: string; connectionId: string; purpose: WebhookPurpose };

/**
 * Gives the connection a new secret address for `purpose`; the current one retires in 72 h. For a
 * leaked address, or a former employee who saw it. Two clicks at once cannot leave two current
 * addresses: only the click that retires the current one creates the next.
 */
export async function rotateWebhookEndpoint(
  db: TDb,
  keyring: TKeyring,
  options: TEndpointScope & { actorUserId: string; now: Date },
) {
  const { tenantId, connectionId, purpose, now } = options;
  const retiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  const created = await db.$transaction(async (tx) => {
    const retired = await tx.webhookEndpoint.updateMany({
      where: { tenantId, connectionId, purpose, ...CURRENT_ENDPOINT },
      data: { retiresAt },
    });
    if (retired.count === 0) throw new AppError("NOT_FOUND");
    return createWebhookEndpoint(tx, keyring, { tenantId, connectionId, purpose });
  });
  await recordAudit(db, {
    tenantId,
    actorUserId: options.actorUserId,
    action: "webhook.rotated",
    targetType: "webhook_endpoint",
    targetId: created.id,
    data: { purpose, previousRetiresAt: retiresAt.toISOString() },
  });
  return { endpointId: created.id, previousRetiresAt: retiresAt };
}

/** Ends the overlap early, once the owner has pasted the new address: replaced addresses stop at once. */
export async function revokeReplacedWebhookEndpoints(
  db: TDbClient,
  options: TEndpointScope & { actorUserId: string; now: Date },
) {
  const { tenantId, connectionId, purpose, now } = options;
  const revoked = await db.webhookEndpoint.updateMany({
    where: { tenantId, connectionId, purpose, revokedAt: null, retiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  if (revoked.count > 0) {
    await recordAudit(db, {
      tenantId,
      actorUserId: options.actorUserId,
      action: "webhook.replaced_revoked",
      targetType: "connection",
      targetId: connectionId,
      data: { purpose, count: revoked.count },
    });
  }
  return { revoked: revoked.count };
}

/** How far back "last webhook" looks: a replaced address is shown for 72 h at most. */
const LAST_DELIVERY_LOOKBACK_MS = ROTATION_OVERLAP_MS;

/**
 * Every address of a connection that still accepts webhooks, with the end of its token (enough to
 * tell two addresses apart in Klientiks' list) and when it last received one: after a rotation
 * the owner sees whether Klientiks already calls the new address and the old one has gone quiet.
 */
export async function findLiveWebhookEndpoints(
  db: TDbClient,
  keyring: TKeyring,
  options: { tenantId: string; connectionId: string; appUrl: string; now: Date },
) {
  const { tenantId, connectionId, now } = options;
  const endpoints = await db.webhookEndpoint.findMany({
    where: { tenantId, connectionId, ...liveEndpointAt(now) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      tenantId: true,
      purpose: true,
      tokenCiphertext: true,
      createdAt: true,
      retiresAt: true,
      connection: { select: { kind: true } },
    },
  });
  const since = new Date(now.getTime() - LAST_DELIVERY_LOOKBACK_MS);
  return Promise.all(
    endpoints.map(async (endpoint) => {
      const last = await db.webhookDelivery.findFirst({
        // Walks the (tenantId, receivedAt DESC) index from the newest delivery; bounded to the lookback.
        where: { tenantId, endpointId: endpoint.id, receivedAt: { gte: since } },
        orderBy: { receivedAt: "desc" },
        select: { receivedAt: true },
      });
      const token = decryptEndpointToken(keyring, endpoint);
      return {
        endpointId: endpoint.id,
        purpose: endpoint.purpose,
        /** The whole address: for the admin to copy while current, never to be shown once replaced. */
        url: webhookUrlOf(options.appUrl, token, endpoint.purpose, endpoint.connection.kind),
        tokenEnding: token.slice(-4),
        createdAt: endpoint.createdAt,
        retiresAt: endpoint.retiresAt,
        lastReceivedAt: last?.receivedAt ?? null,
      };
    }),
  );
}
