import type { TKeyring } from "@/server/crypto/envelope";
import {
  decryptConnectionCredentials,
  encryptConnectionCredentials,
} from "@/server/domain/connections/credentials-envelope";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";
import {
  createKlientiksClient,
  type TKlientiksApiClient,
  type TKlientiksCredentials,
} from "@/server/integrations/klientiks";

export const encryptKlientiksCredentials = (
  keyring: TKeyring,
  ids: { tenantId: string; connectionId: string },
  credentials: TKlientiksCredentials,
): string => encryptConnectionCredentials(keyring, ids, credentials);

/** Decrypted only by the step that makes the call (reliability R11); never returned to a caller. */
export const decryptKlientiksCredentials = (
  keyring: TKeyring,
  connection: { tenantId: string; id: string; credentials: string },
): TKlientiksCredentials =>
  decryptConnectionCredentials(keyring, connection) as TKlientiksCredentials;

export const createKlientiksApi = (deps: TKlientiksDeps, timezone: string): TKlientiksApiClient =>
  createKlientiksClient({
    baseUrl: deps.api.baseUrl,
    timezone,
    timeoutMs: deps.api.timeoutMs,
    throttle: deps.api.throttle,
  });
