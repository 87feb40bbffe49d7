import { createHash, timingSafeEqual } from "node:crypto";

/**
 * `sign = sha256_hex(vpbx_api_key + json + vpbx_api_salt)` (docs/telephony-mango.md §3): the same
 * formula signs our requests and the events Mango sends us. `json` must be byte for byte the text
 * that travels in the `json` field.
 */
export const signMango = (apiKey: string, json: string, salt: string): string =>
  createHash("sha256")
    .update(apiKey + json + salt, "utf8")
    .digest("hex");

/** Constant-time equality; a length mismatch still costs one comparison so it is not faster. */
const isSameText = (expected: Buffer, received: Buffer): boolean => {
  if (expected.length !== received.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, received);
};

export type TMangoSignVerification =
  { ok: true; saltIndex: number } | { ok: false; reason: "missing_signature" | "bad_signature" };

/**
 * Checks an incoming event's `sign` over the **raw** `json` field as received (never a
 * re-serialised object) against each accepted salt — `[current, previous]` during a rotation
 * (reliability R1, R3). Every salt is compared, in constant time, so the timing tells nothing
 * about which matched. An empty salt never verifies. Hex case is ignored (Mango writes lowercase).
 */
export const verifyMangoSign = (
  apiKey: string,
  rawJson: string,
  sign: string | null | undefined,
  salts: readonly string[],
): TMangoSignVerification => {
  if (sign === null || sign === undefined || sign === "")
    return { ok: false, reason: "missing_signature" };
  const received = Buffer.from(sign.toLowerCase(), "utf8");
  let matchedIndex = -1;
  salts.forEach((salt, index) => {
    const isMatch = isSameText(Buffer.from(signMango(apiKey, rawJson, salt), "utf8"), received);
    if (isMatch && salt !== "" && matchedIndex === -1) matchedIndex = index;
  });
  return matchedIndex === -1
    ? { ok: false, reason: "bad_signature" }
    : { ok: true, saltIndex: matchedIndex };
};

/** Constant-time comparison of the `vpbx_api_key` an event carries with the connection's key. */
export const isSameApiKey = (expected: string, received: string | null | undefined): boolean =>
  expected !== "" && isSameText(Buffer.from(expected, "utf8"), Buffer.from(received ?? "", "utf8"));
