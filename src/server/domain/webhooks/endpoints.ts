import type { ConnectionKind, WebhookPurpose } from "@generated/prisma/client";

import { createId } from "@/lib/ids";
import { decryptSecret, encryptSecret, type TKeyring } from "@/server/crypto/envelope";
import type { TDbClient } from "@/server/db/types";
import { createSecretToken, hashSecretToken } from "@/server/domain/invites/invite-token";

const additionalDataFor = (tenantId: string, endpointId: string) =>
  `${tenantId}|${endpointId}|token`;

/** The address to hand out: neither revoked nor replaced. A replaced one works until `retiresAt`. */
export const CURRENT_ENDPOINT = { revokedAt: null, retiresAt: null } as const;

/** Endpoints that still accept webhooks at `now`: the current one and those replaced less than 72 h ago. */
export const liveEndpointAt = (now: Date) => ({
  revokedAt: null,
  OR: [{ retiresAt: null }, { retiresAt: { gt: now } }],
});

export const decryptEndpointToken = (
  keyring: TKeyring,
  endpoint: { id: string; tenantId: string; tokenCiphertext: string },
) =>
  decryptSecret(
    keyring,
    endpoint.tokenCiphertext,
    additionalDataFor(endpoint.tenantId, endpoint.id),
  );

/**
 * Which receiver route takes an endpoint's deliveries; a telephony endpoint's depends on its
 * connection's provider (Mango's below).
 */
const RECEIVER_OF_PURPOSE: Record<WebhookPurpose, string> = {
  deals: "klientiks",
  widget: "klientiks",
  telephony: "zadarma",
};

/** The address the provider calls for a token (Klientiks' templates append `?appointment_id=…`). */
export const webhookUrlOf = (
  appUrl: string,
  token: string,
  purpose: WebhookPurpose,
  connectionKind?: ConnectionKind,
) => {
  const origin = appUrl.replace(/\/+$/, "");
  // Mango appends the event path (`events/call`, …) to the address: it ends with a slash
  // (docs/telephony-mango.md §7.6).
  if (purpose === "telephony" && connectionKind === "mango")
    return `${origin}/api/webhooks/mango/${token}/`;
  return `${origin}/api/webhooks/${RECEIVER_OF_PURPOSE[purpose]}/${token}`;
};

/** A new endpoint with a fresh token; the database keeps its hash for lookup and its ciphertext for display. */
export function createWebhookEndpoint(
  db: TDbClient,
  keyring: TKeyring,
  options: { tenantId: string; connectionId: string; purpose: WebhookPurpose },
) {
  const id = createId("whe");
  const token = createSecretToken();
  return db.webhookEndpoint.create({
    data: {
      id,
      tenantId: options.tenantId,
      connectionId: options.connectionId,
      purpose: options.purpose,
      tokenHash: hashSecretToken(token),
      tokenCiphertext: encryptSecret(keyring, token, additionalDataFor(options.tenantId, id)),
    },
    select: { id: true },
  });
}

/** One secret URL per connection and purpose (klientiks-contract §12.5); created on first need. */
export async function ensureWebhookEndpoint(
  db: TDbClient,
  keyring: TKeyring,
  options: { tenantId: string; connectionId: string; purpose: WebhookPurpose },
) {
  const existing = await db.webhookEndpoint.findFirst({
    where: {
      tenantId: options.tenantId,
      connectionId: options.connectionId,
      purpose: options.purpose,
      ...CURRENT_ENDPOINT,
    },
    select: { id: true },
  });
  return existing ?? createWebhookEndpoint(db, keyring, options);
}

/** The full current URL per purpose of a connection, for admins to copy (reliability R4). */
export async function findWebhookUrls(
  db: TDbClient,
  keyring: TKeyring,
  options: { tenantId: string; connectionId: string; appUrl: string },
) {
  const endpoints = await db.webhookEndpoint.findMany({
    where: { tenantId: options.tenantId, connectionId: options.connectionId, ...CURRENT_ENDPOINT },
    select: {
      id: true,
      tenantId: true,
      purpose: true,
      tokenCiphertext: true,
      connection: { select: { kind: true } },
    },
  });
  return endpoints.map((endpoint) => ({
    endpointId: endpoint.id,
    purpose: endpoint.purpose,
    url: webhookUrlOf(
      options.appUrl,
      decryptEndpointToken(keyring, endpoint),
      endpoint.purpose,
      endpoint.connection.kind,
    ),
  }));
}

/** Tokens outside these lengths are not looked up at all. */
export const isTokenShaped = (token: string): boolean => token.length >= 20 && token.length <= 100;

/** An endpoint as the webhook routes need it: whose deliveries it takes, and until when. */
export type TWebhookEndpoint = {
  id: string;
  tenantId: string;
  connectionId: string;
  purpose: WebhookPurpose;
  retiresAt: Date | null;
};

/** The endpoint of a token hash if it accepts webhooks at `now`; unknown, revoked and retired ones alike are null (reliability R4). */
export const findLiveEndpointByTokenHash = (
  db: TDbClient,
  tokenHash: string,
  now: Date,
): Promise<TWebhookEndpoint | null> =>
  db.webhookEndpoint.findFirst({
    where: { tokenHash, ...liveEndpointAt(now), connection: { status: { not: "inactive" } } },
    select: { id: true, tenantId: true, connectionId: true, purpose: true, retiresAt: true },
  });
