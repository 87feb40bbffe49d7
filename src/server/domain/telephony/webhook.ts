import type { TKeyring } from "@/server/crypto/envelope";
import type { TDbClient } from "@/server/db/types";
import { CURRENT_ENDPOINT, decryptEndpointToken, webhookUrlOf } from "@/server/domain/webhooks/endpoints";

/**
 * The address to paste into Zadarma's notification settings, whether Zadarma proved it reaches it
 * (the `zd_echo` check sets `confirmedAt`), and the last notification the connection received.
 */
export async function findTelephonyWebhook(db: TDbClient, keyring: TKeyring, options: { tenantId: string; connectionId: string; appUrl: string }) {
  const { tenantId, connectionId } = options;
  const [endpoint, lastEvent] = await Promise.all([
    db.webhookEndpoint.findFirst({
      where: { tenantId, connectionId, purpose: "telephony", ...CURRENT_ENDPOINT },
      orderBy: { createdAt: "desc" },
      select: { id: true, tenantId: true, tokenCiphertext: true, confirmedAt: true },
    }),
    db.webhookDelivery.findFirst({
      where: { tenantId, connectionId, source: "webhook" },
      orderBy: { receivedAt: "desc" },
      select: { receivedAt: true, eventType: true, status: true },
    }),
  ]);
  if (!endpoint) return null;
  return { url: webhookUrlOf(options.appUrl, decryptEndpointToken(keyring, endpoint), "telephony"), confirmedAt: endpoint.confirmedAt, lastEvent };
}
