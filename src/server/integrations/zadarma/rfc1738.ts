// PHP's http_build_query(..., PHP_QUERY_RFC1738), which the official client signs and sends
// (docs/telephony-zadarma.md, "Authentication"). It encodes like PHP urlencode: every UTF-8 byte
// except A–Z a–z 0–9 - _ . becomes %XX (uppercase hex) and a space becomes "+". JavaScript's
// encodeURIComponent differs on ! ' ( ) * ~ and on spaces, hence a byte-wise encoder of our own.

const UNRESERVED = /[A-Za-z0-9\-_.]/;

const isUnreserved = (byte: number): boolean =>
  byte < 0x80 && UNRESERVED.test(String.fromCharCode(byte));

const SPACE = 0x20;

/** `value` encoded as PHP `urlencode` does (RFC 1738 flavour of percent-encoding, UTF-8 bytes). */
export const encodeRfc1738 = (value: string): string => {
  let encoded = "";
  for (const byte of Buffer.from(value, "utf8")) {
    if (isUnreserved(byte)) encoded += String.fromCharCode(byte);
    else if (byte === SPACE) encoded += "+";
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
};

/**
 * `key=value` pairs joined by `&`, sorted by key, each side encoded by {@link encodeRfc1738}: the
 * `paramsStr` of the signature, and also what we send as the query or form body. Keys are compared
 * by code unit, which for Zadarma's ASCII parameter names is PHP `ksort` order.
 */
export const buildParamsString = (params: Record<string, string>): string =>
  Object.keys(params)
    .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0))
    .map((key) => `${encodeRfc1738(key)}=${encodeRfc1738(params[key] ?? "")}`)
    .join("&");
