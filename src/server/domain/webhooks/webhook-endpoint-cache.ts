import { createExpiringMap } from "@/lib/expiring-map";
import { hashSecretToken } from "@/server/domain/invites/invite-token";
import { isTokenShaped, type TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";

export type TWebhookEndpointCache = {
  /** The endpoint of `token` if it accepts webhooks at `at`, else null; unknown tokens are indistinguishable (R4). */
  resolve(token: string, at: Date): Promise<TWebhookEndpoint | null>;
};

const acceptsAt = (endpoint: TWebhookEndpoint, at: Date) =>
  endpoint.retiresAt === null || endpoint.retiresAt > at;

/**
 * Resolves a webhook token before anything else is done for its request (no body read, no insert
 * for an unknown address). Live endpoints are kept in memory, by token hash, for `ttlMs` and until
 * they retire, so a known address costs no query. Unknown tokens are not kept: an address becomes
 * live again when its connection is switched back on, and must not be refused then.
 *
 * The cache only saves a lookup, it never decides: the insert checks again, in its own statement,
 * that the endpoint is not revoked or retired and its connection not switched off, so revocation,
 * rotation and retirement hold at once in every process.
 */
export function createWebhookEndpointCache(options: {
  ttlMs: number;
  maxEntries: number;
  load: (tokenHash: string, at: Date) => Promise<TWebhookEndpoint | null>;
  now?: () => number;
}): TWebhookEndpointCache {
  const entries = createExpiringMap<TWebhookEndpoint>(options);
  return {
    async resolve(token, at) {
      if (!isTokenShaped(token)) return null;
      const tokenHash = hashSecretToken(token);
      const cached = entries.get(tokenHash);
      if (cached && acceptsAt(cached, at)) return cached;
      entries.delete(tokenHash);
      const endpoint = await options.load(tokenHash, at);
      if (!endpoint) return null;
      entries.set(tokenHash, endpoint);
      return endpoint;
    },
  };
}
