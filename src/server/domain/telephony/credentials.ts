import { z } from "zod";

import type { TKeyring } from "@/server/crypto/envelope";
import {
  decryptConnectionCredentials,
  encryptConnectionCredentials,
} from "@/server/domain/connections/credentials-envelope";
import type { TZadarmaCredentials } from "@/server/integrations/zadarma";

/**
 * How long a replaced API secret still verifies Zadarma's notifications (reliability R3): the
 * owner pastes the new secret here right after generating it in Zadarma, and events signed with the
 * old one may still be on their way or retried.
 */
export const PREVIOUS_SECRET_WINDOW_MS = 72 * 3_600_000;

/** What the connection row keeps, encrypted: the current pair and, during a rotation, the previous secret. */
const ZStoredZadarmaCredentials = z.object({
  key: z.string().min(1),
  secret: z.string().min(1),
  previousSecret: z.string().min(1).optional(),
  /** ISO time after which the previous secret no longer verifies anything. */
  previousSecretUntil: z.iso.datetime().optional(),
});

export type TStoredZadarmaCredentials = z.infer<typeof ZStoredZadarmaCredentials>;

export const encryptZadarmaCredentials = (
  keyring: TKeyring,
  ids: { tenantId: string; connectionId: string },
  credentials: TStoredZadarmaCredentials,
): string =>
  encryptConnectionCredentials(keyring, ids, ZStoredZadarmaCredentials.parse(credentials));

/** Decrypted only by the code that signs or verifies with it; never returned to a caller (R25). */
export const decryptZadarmaCredentials = (
  keyring: TKeyring,
  connection: { tenantId: string; id: string; credentials: string },
): TStoredZadarmaCredentials =>
  ZStoredZadarmaCredentials.parse(decryptConnectionCredentials(keyring, connection));

/** The pair the REST client signs with: always the current secret. */
export const toApiCredentials = (credentials: TStoredZadarmaCredentials): TZadarmaCredentials => ({
  key: credentials.key,
  secret: credentials.secret,
});

/**
 * The secrets a notification's `Signature` may be made with at `now`: the current one first, then
 * the previous one while its window lasts (R3). The receiver accepts a match with any of them.
 */
export function verificationSecrets(credentials: TStoredZadarmaCredentials, now: Date): string[] {
  const { previousSecret, previousSecretUntil } = credentials;
  const isPreviousLive =
    previousSecret !== undefined &&
    previousSecretUntil !== undefined &&
    Date.parse(previousSecretUntil) > now.getTime();
  return isPreviousLive && previousSecret !== credentials.secret
    ? [credentials.secret, previousSecret]
    : [credentials.secret];
}

/** The stored credentials after the owner pasted a new secret: the old one verifies for another 72 h. */
export function rotateZadarmaSecret(
  credentials: TStoredZadarmaCredentials,
  newSecret: string,
  now: Date,
): TStoredZadarmaCredentials {
  if (newSecret === credentials.secret) return credentials;
  return {
    key: credentials.key,
    secret: newSecret,
    previousSecret: credentials.secret,
    previousSecretUntil: new Date(now.getTime() + PREVIOUS_SECRET_WINDOW_MS).toISOString(),
  };
}

/** The secret's last four characters: the page shows it masked, the key itself is low sensitivity (R17). */
export const credentialsHintOf = (credentials: TZadarmaCredentials): string =>
  credentials.secret.slice(-4);

/** The stored credentials without the previous secret: «revoke the old secret now» (R3). */
export const dropPreviousSecret = ({
  key,
  secret,
}: TStoredZadarmaCredentials): TStoredZadarmaCredentials => ({ key, secret });
