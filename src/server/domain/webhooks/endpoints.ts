import type { WebhookPurpose } from "@generated/prisma/client";
import { createId } from "@/lib/ids";
import { decryptSecret, encryptSecret, type TKeyring } from "@/server/crypto/envelope";
import type { TDbClient } from "@/server/db/types";
import { createSecretToken, hashSecretToken } from "@/server/domain/invites/invite-token";

const additionalDataFor = (tenantId: string, endpointId: string) => `${tenantId}|${endpointId}|token`;

/** One secret URL per connection and purpose (klientiks-contract §12.5); created on first need. */
export async function ensureWebhookEndpoint(db: TDbClient, keyring: TKeyring, options: { tenantId: string; connectionId: string; purpose: WebhookPurpose }) {
  const existing = await db.webhookEndpoint.findFirst({
    where: { tenantId: options.tenantId, connectionId: options.connectionId, purpose: options.purpose, revokedAt: null },
    select: { id: true },
  });
  if (existing) return existing;
  const id = createId("whe");
  const token = createSecretToken();
  return db.webhookEndpoint.create({
    data: { id, tenantId: options.tenantId, connectionId: options.connectionId, purpose: options.purpose, tokenHash: hashSecretToken(token), tokenCiphertext: encryptSecret(keyring, token, additionalDataFor(options.tenantId, id)) },
    select: { id: true },
  });
}

/** The full URL of each live endpoint of a connection, for admins to copy (reliability R4). */
export async function findWebhookUrls(db: TDbClient, keyring: TKeyring, options: { tenantId: string; connectionId: string; appUrl: string }) {
  const endpoints = await db.webhookEndpoint.findMany({
    where: { tenantId: options.tenantId, connectionId: options.connectionId, revokedAt: null },
    select: { id: true, purpose: true, tokenCiphertext: true, createdAt: true },
  });
  const base = options.appUrl.replace(/\/+$/, "");
  return endpoints.map((endpoint) => ({
    endpointId: endpoint.id,
    purpose: endpoint.purpose,
    url: `${base}/api/webhooks/klientiks/${decryptSecret(keyring, endpoint.tokenCiphertext, additionalDataFor(options.tenantId, endpoint.id))}`,
  }));
}

/** Tokens outside these lengths are not looked up at all. */
export const isTokenShaped = (token: string): boolean => token.length >= 20 && token.length <= 100;

/** Unknown and revoked tokens are indistinguishable to the caller (reliability R4). */
export async function findEndpointByToken(db: TDbClient, token: string) {
  if (!isTokenShaped(token)) return null;
  return db.webhookEndpoint.findFirst({
    where: { tokenHash: hashSecretToken(token), revokedAt: null, connection: { status: { not: "inactive" } } },
    select: { id: true, tenantId: true, connectionId: true, purpose: true },
  });
}
