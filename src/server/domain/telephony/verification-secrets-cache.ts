import { createExpiringMap } from "@/lib/expiring-map";
import type { TKeyring } from "@/server/crypto/envelope";
import type { TDbClient } from "@/server/db/types";
import {
  decryptZadarmaCredentials,
  verificationSecrets,
} from "@/server/domain/telephony/credentials";
import {
  isTelephonyKind,
  TELEPHONY_KINDS,
  type TTelephonyKind,
} from "@/server/domain/telephony/kinds";
import type { TWebhookEndpoint } from "@/server/domain/webhooks/endpoints";

/**
 * What verifies an event to a telephony endpoint: the provider, the account's key (Mango's
 * `vpbx_api_key` is compared too) and the secrets it may be signed with (Zadarma's API secret,
 * Mango's salt), current first (R1, R3).
 */
export type TVerificationKeys = { kind: TTelephonyKind; key: string; secrets: string[] };

export type TVerificationSecretsCache = {
  /** The Zadarma secrets a notification to this endpoint may be signed with at `at` (R1, R3). */
  secretsOf(
    endpoint: TWebhookEndpoint,
    at: Date,
    options?: { isFresh?: boolean },
  ): Promise<string[]>;
  /** The provider, key and secrets of the endpoint's connection; null when it is no telephony one. */
  keysOf(
    endpoint: TWebhookEndpoint,
    at: Date,
    options?: { isFresh?: boolean },
  ): Promise<TVerificationKeys | null>;
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
  const entries = createExpiringMap<TVerificationKeys | null>(options);

  // Both providers keep the same stored shape: Mango's `vpbx_api_key` as `key`, its salt as `secret`.
  const load = async (endpoint: TWebhookEndpoint, at: Date): Promise<TVerificationKeys | null> => {
    const connection = await options.db.connection.findFirst({
      where: {
        id: endpoint.connectionId,
        tenantId: endpoint.tenantId,
        kind: { in: TELEPHONY_KINDS },
      },
      select: { id: true, tenantId: true, credentials: true, kind: true },
    });
    if (!connection || !isTelephonyKind(connection.kind)) return null;
    const stored = decryptZadarmaCredentials(options.keyring, connection);
    return { kind: connection.kind, key: stored.key, secrets: verificationSecrets(stored, at) };
  };

  const keysOf: TVerificationSecretsCache["keysOf"] = async (
    endpoint,
    at,
    { isFresh = false } = {},
  ) => {
    const cached = isFresh ? undefined : entries.get(endpoint.connectionId);
    if (cached !== undefined) return cached;
    const keys = await load(endpoint, at);
    entries.set(endpoint.connectionId, keys);
    return keys;
  };

  return {
    keysOf,
    async secretsOf(endpoint, at, fresh) {
      const keys = await keysOf(endpoint, at, fresh);
      return keys?.kind === "zadarma" ? keys.secrets : [];
    },
  };
}
