import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";
import type { TWebhookEndpointCache } from "@/server/domain/webhooks/webhook-endpoint-cache";
import type { TLogger } from "@/server/logging/logger";

/**
 * The live telephony endpoint of a token, shared by the Zadarma and Mango receivers: null for an
 * unknown token or another purpose's (a Klientiks token is not a telephony one), undefined when
 * the lookup itself failed (the receiver answers 503, the provider retries).
 */
export async function resolveTelephonyEndpoint(
  deps: { endpoints: TWebhookEndpointCache; log: TLogger },
  token: string,
  at: Date,
): Promise<TWebhookEndpoint | null | undefined> {
  const endpoint = await deps.endpoints.resolve(token, at).catch((error: unknown) => {
    deps.log.error("telephony webhook: endpoint lookup failed", { error });
    return undefined;
  });
  return endpoint && endpoint.purpose !== "telephony" ? null : endpoint;
}
