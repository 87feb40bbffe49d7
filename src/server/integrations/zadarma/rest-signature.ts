import { createHash, createHmac } from "node:crypto";

import type { TZadarmaCredentials } from "./credentials";
import { buildParamsString } from "./rfc1738";

/**
 * Zadarma's hex-then-base64 HMAC-SHA1: PHP `base64_encode(hash_hmac('sha1', …))` encodes the
 * lowercase hex string, not the 20-byte digest. Used by REST requests and notifications alike.
 */
export const hmacSha1HexBase64 = (secret: string, message: string): string =>
  Buffer.from(createHmac("sha1", secret).update(message, "utf8").digest("hex"), "utf8").toString(
    "base64",
  );

/**
 * Signs a REST call the way the official client does (docs/telephony-zadarma.md, "Authentication"):
 * `format=json` is added to the parameters, which are sorted and RFC 1738-encoded into
 * `paramsString`; the signature is the hex-then-base64 HMAC-SHA1 of
 * `methodPath + paramsString + md5hex(paramsString)`, and the header value is `key:signature`.
 *
 * @param methodPath the path with version and trailing slash, e.g. `/v1/request/callback/`.
 */
export const signRestRequest = (
  methodPath: string,
  params: Record<string, string>,
  credentials: TZadarmaCredentials,
): { paramsString: string; authorization: string } => {
  const paramsString = buildParamsString({ ...params, format: "json" });
  const md5 = createHash("md5").update(paramsString, "utf8").digest("hex");
  const signature = hmacSha1HexBase64(credentials.secret, methodPath + paramsString + md5);
  return { paramsString, authorization: `${credentials.key}:${signature}` };
};
