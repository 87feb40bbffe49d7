import { decryptSecret, encryptSecret, type TKeyring } from "@/server/crypto/envelope";
import { createKlientiksClient, type TKlientiksApiClient, type TKlientiksCredentials } from "@/server/integrations/klientiks";
import type { TKlientiksDeps } from "@/server/domain/klientiks/deps";

const additionalDataFor = (tenantId: string, connectionId: string) => `${tenantId}|${connectionId}|credentials`;

export const encryptKlientiksCredentials = (keyring: TKeyring, ids: { tenantId: string; connectionId: string }, credentials: TKlientiksCredentials): string =>
  encryptSecret(keyring, JSON.stringify(credentials), additionalDataFor(ids.tenantId, ids.connectionId));

/** Decrypted only by the step that makes the call (reliability R11); never returned to a caller. */
export const decryptKlientiksCredentials = (keyring: TKeyring, connection: { tenantId: string; id: string; credentials: string }): TKlientiksCredentials =>
  JSON.parse(decryptSecret(keyring, connection.credentials, additionalDataFor(connection.tenantId, connection.id))) as TKlientiksCredentials;

export const createKlientiksApi = (deps: TKlientiksDeps, timezone: string): TKlientiksApiClient =>
  createKlientiksClient({ baseUrl: deps.api.baseUrl, timezone, timeoutMs: deps.api.timeoutMs, throttle: deps.api.throttle });
