// Zadarma's two signatures, computed the way the official PHP client does (https://zadarma.com/en/support/api/,
// GitHub zadarma/user-api-v1 lib/Client.php and lib/Webhook):
//   REST     Authorization: <key>:base64(hex(HMAC-SHA1(secret, methodPath + paramsStr + md5hex(paramsStr))))
//   webhooks Signature:     base64(hex(HMAC-SHA1(secret, <per-event signature string>)))
// PHP's hash_hmac returns lowercase hex, and it is that hex *text* that gets base64-encoded.

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const UNRESERVED = /[A-Za-z0-9\-_.]/;

/** PHP `urlencode` / `http_build_query(…, PHP_QUERY_RFC1738)`: space → `+`, all but `A-Za-z0-9-_.` → `%XX`. */
export const phpUrlencode = (value: string): string => {
  let encoded = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const char = String.fromCharCode(byte);
    if (byte < 0x80 && UNRESERVED.test(char)) encoded += char;
    else if (char === " ") encoded += "+";
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
};

/** `http_build_query(ksort($params))`: keys sorted by byte value, as PHP's ksort does for string keys. */
export const buildParamsString = (params: Iterable<[string, string]>): string =>
  Array.from(params)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([key, value]) => `${phpUrlencode(key)}=${phpUrlencode(value)}`)
    .join("&");

const hexThenBase64 = (secret: string, text: string): string =>
  Buffer.from(createHmac("sha1", secret).update(text, "utf8").digest("hex"), "utf8").toString(
    "base64",
  );

export const restSignature = (
  secret: string,
  methodPath: string,
  params: Iterable<[string, string]>,
): string => {
  const paramsString = buildParamsString(params);
  const md5 = createHash("md5").update(paramsString, "utf8").digest("hex");
  return hexThenBase64(secret, `${methodPath}${paramsString}${md5}`);
};

export const webhookSignature = (secret: string, signatureString: string): string =>
  hexThenBase64(secret, signatureString);

/** Constant-time comparison of two signatures. */
export const sameSignature = (expected: string, received: string): boolean => {
  const left = Buffer.from(expected, "utf8");
  const right = Buffer.from(received, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
};
