import { createExpiringMap } from "@/lib/expiring-map";
import type { TKeyring } from "@/server/crypto/envelope";
import type { TDbClient } from "@/server/db/types";
import {
  decryptZadarmaCredentials,
  verificationSecrets,
} from "@/server/domain/telephony/credentials";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";

export type TVerificationSecretsCache = {
  /** The secrets a notification to this endpoint may be signed with at `at` (R1, R3). */
  secretsOf(
    endpoint: TWebhookEndpoint,
    at: Date,
    options?: { isFresh?: boolean },
  ): Promise<string[]>;
};

/**
 * The decrypted verification secrets of each telephony connection, kept in this process for
 * `ttlMs` so a notification costs no query and no decryption. Only a cache: the receiver asks for
 * fresh secrets before it rejects a signature, so a secret rotated a moment ago verifies at once.
 */
export function createVerificationSecretsCache(options: {
  db: TDbClient;
  keyring: TKeyring;
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): TVerificationSecretsCache {
  const entries = createExpiringMap<string[]>(options);

  const load = async (endpoint: TWebhookEndpoint, at: Date): Promise<string[]> => {
    const connection = await options.db.connection.findFirst({
      where: { id: endpoint.connectionId, tenantId: endpoint.tenantId, kind: "zadarma" },
      select: { id: true, tenantId: true, credentials: true },
    });
    return connection
      ? verificationSecrets(decryptZadarmaCredentials(options.keyring, connection), at)
      : [];
  };

  return {
    async secretsOf(endpoint, at, { isFresh = false } = {}) {
      const cached = isFresh ? undefined : entries.get(endpoint.connectionId);
      if (cached) return cached;
      const secrets = await load(endpoint, at);
      entries.set(endpoint.connectionId, secrets);
      return secrets;
    },
  };
}
