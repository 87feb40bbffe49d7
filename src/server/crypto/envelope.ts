import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export type TKeyring = readonly { id: string; key: Buffer }[];

const VERSION = "v1";
const NONCE_BYTES = 12;

/**
 * AES-256-GCM with a random 96-bit nonce, bound to its row by the additional data
 * (`tenantId|connectionId|field`), so a ciphertext copied to another row does not decrypt
 * (reliability R17). Format: `v1.<keyId>.<nonce>.<ciphertext>.<tag>`, base64url parts.
 */
export function encryptSecret(
  keyring: TKeyring,
  plaintext: string,
  additionalData: string,
): string {
  const active = keyring[0];
  if (!active) throw new Error("The encryption keyring is empty");
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", active.key, nonce);
  cipher.setAAD(Buffer.from(additionalData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    active.id,
    nonce.toString("base64url"),
    ciphertext.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/** Any key of the ring decrypts, so the active key can rotate while old rows stay readable (R18). */
export function decryptSecret(keyring: TKeyring, envelope: string, additionalData: string): string {
  const [version, keyId, nonce, ciphertext, tag] = envelope.split(".");
  if (version !== VERSION || !keyId || !nonce || ciphertext === undefined || !tag)
    throw new Error("Malformed secret envelope");
  const key = keyring.find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`No key "${keyId}" in the keyring`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(nonce, "base64url"));
  decipher.setAAD(Buffer.from(additionalData, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

/** The key id an envelope was written with; rows with an old id are re-encrypted on the next write. */
export const envelopeKeyId = (envelope: string): string | undefined => envelope.split(".")[1];
