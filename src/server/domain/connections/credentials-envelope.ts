import { decryptSecret, encryptSecret, type TKeyring } from "@/server/crypto/envelope";

/** The AAD binds a connection's credentials to its own row (reliability R17). */
const additionalDataFor = (tenantId: string, connectionId: string) =>
  `${tenantId}|${connectionId}|credentials`;

/** Any connection's credentials object, as one AES-256-GCM envelope of its JSON. */
export const encryptConnectionCredentials = (
  keyring: TKeyring,
  ids: { tenantId: string; connectionId: string },
  credentials: object,
): string =>
  encryptSecret(
    keyring,
    JSON.stringify(credentials),
    additionalDataFor(ids.tenantId, ids.connectionId),
  );

/** The stored JSON, still untyped: each provider's own decryptor checks its shape. */
export const decryptConnectionCredentials = (
  keyring: TKeyring,
  connection: { tenantId: string; id: string; credentials: string },
): unknown =>
  JSON.parse(
    decryptSecret(
      keyring,
      connection.credentials,
      additionalDataFor(connection.tenantId, connection.id),
    ),
  );
