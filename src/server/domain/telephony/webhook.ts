import type { TKeyring } from "@/server/crypto/envelope";
import type { TDbClient } from "@/server/db/types";
import { checkFailureError, checkFailureOf } from "@/server/domain/telephony/check-credentials";
import type { TTelephonyDeps } from "@/server/domain/telephony/deps";
import {
  CURRENT_ENDPOINT,
  decryptEndpointToken,
  webhookUrlOf,
} from "@/server/domain/webhooks/endpoints";
import { AppError } from "@/server/errors";
import { ZadarmaError, type TZadarmaCredentials } from "@/server/integrations/zadarma";

/**
 * The address to paste into Zadarma's notification settings, whether Zadarma proved it reaches it
 * (the `zd_echo` check sets `confirmedAt`), and the last notification the connection received.
 */
export async function findTelephonyWebhook(
  db: TDbClient,
  keyring: TKeyring,
  options: { tenantId: string; connectionId: string; appUrl: string },
) {
  const { tenantId, connectionId } = options;
  const [endpoint, lastEvent] = await Promise.all([
    db.webhookEndpoint.findFirst({
      where: { tenantId, connectionId, purpose: "telephony", ...CURRENT_ENDPOINT },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        tenantId: true,
        tokenCiphertext: true,
        confirmedAt: true,
        connection: { select: { kind: true } },
      },
    }),
    db.webhookDelivery.findFirst({
      where: { tenantId, connectionId, source: "webhook" },
      orderBy: { receivedAt: "desc" },
      select: { receivedAt: true, eventType: true, status: true },
    }),
  ]);
  if (!endpoint) return null;
  return {
    url: webhookUrlOf(
      options.appUrl,
      decryptEndpointToken(keyring, endpoint),
      "telephony",
      endpoint.connection.kind,
    ),
    confirmedAt: endpoint.confirmedAt,
    lastEvent,
  };
}

/**
 * Saves our address as the PBX's notification URL through the signed API, as an integrator would;
 * Zadarma checks it with `zd_echo` first and refuses an address that does not echo (our receiver
 * unreachable from it, or the token unknown).
 */
export async function saveNotificationUrl(
  zadarma: Pick<TTelephonyDeps["zadarma"], "setNotificationUrl">,
  credentials: TZadarmaCredentials,
  url: string,
) {
  await zadarma.setNotificationUrl(credentials, url).catch((error: unknown) => {
    if (error instanceof ZadarmaError && error.code === "invalid_request")
      throw new AppError("TELEPHONY_WEBHOOK_NOT_CONFIRMED", { cause: error });
    throw checkFailureError(checkFailureOf(error), error);
  });
}
