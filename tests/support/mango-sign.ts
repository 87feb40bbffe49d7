import { createHash } from "node:crypto";

/**
 * A form as Mango Office posts it (docs/telephony-mango.md §3), written from the protocol rather
 * than from our adapter: `sign = sha256_hex(vpbx_api_key + json + salt)` over the json as sent.
 */
export function signedMangoForm(
  keys: { apiKey: string; salt: string },
  json: Record<string, unknown>,
): string {
  const text = JSON.stringify(json);
  const sign = createHash("sha256")
    .update(keys.apiKey + text + keys.salt, "utf8")
    .digest("hex");
  return new URLSearchParams({ vpbx_api_key: keys.apiKey, sign, json: text }).toString();
}
