import type { TKeyring } from "@/server/crypto/envelope";
import type { TDbClient } from "@/server/db/types";
import { decryptZadarmaCredentials, verificationSecrets } from "@/server/domain/telephony/credentials";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";

export type TVerificationSecretsCache = {
  /** The secrets a notification to this endpoint may be signed with at `at` (R1, R3). */
  secretsOf(endpoint: TWebhookEndpoint, at: Date, options?: { isFresh?: boolean }): Promise<string[]>;
};

type TEntry = { secrets: string[]; expiresAt: number };

/**
 * The decrypted verification secrets of each telephony connection, kept in this process for
 * `ttlMs` so a notification costs no query and no decryption. Only a cache: the receiver asks for
 * fresh secrets before it rejects a signature, so a secret rotated a moment ago verifies at once.
 */
export function createVerificationSecretsCache(options: { db: TDbClient; keyring: TKeyring; ttlMs: number; maxEntries: number; now?: () => number }): TVerificationSecretsCache {
  const entries = new Map<string, TEntry>();
  const now = options.now ?? Date.now;

  const load = async (endpoint: TWebhookEndpoint, at: Date): Promise<string[]> => {
    const connection = await options.db.connection.findFirst({
      where: { id: endpoint.connectionId, tenantId: endpoint.tenantId, kind: "zadarma" },
      select: { id: true, tenantId: true, credentials: true },
    });
    return connection ? verificationSecrets(decryptZadarmaCredentials(options.keyring, connection), at) : [];
  };

  return {
    async secretsOf(endpoint, at, { isFresh = false } = {}) {
      const cached = entries.get(endpoint.connectionId);
      if (!isFresh && cached && cached.expiresAt > now()) return cached.secrets;
      const secrets = await load(endpoint, at);
      entries.delete(endpoint.connectionId);
      entries.set(endpoint.connectionId, { secrets, expiresAt: now() + options.ttlMs });
      for (const key of entries.keys()) {
        if (entries.size <= options.maxEntries) break;
        entries.delete(key);
      }
      return secrets;
    },
  };
}
