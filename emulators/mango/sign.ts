// The one signature of the VPBX API (the official support page's formula), for requests to the API and for the
// events the VPBX posts to the external system alike:
//   sign = sha256_hex(vpbx_api_key + json + vpbx_api_salt)
// over the `json` form field byte for byte as it travels, never a re-serialised object.

import { createHash, timingSafeEqual } from "node:crypto";

export const mangoSign = (key: string, json: string, salt: string): string =>
  createHash("sha256").update(`${key}${json}${salt}`, "utf8").digest("hex");

/** Constant-time comparison; case-insensitive, as a hex digest may come in either case. */
export const sameSign = (expected: string, received: string): boolean => {
  const left = Buffer.from(expected.toLowerCase(), "utf8");
  const right = Buffer.from(received.toLowerCase(), "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The three form fields of a signed request or event. */
export const signedForm = (key: string, salt: string, json: string): URLSearchParams =>
  new URLSearchParams({ vpbx_api_key: key, sign: mangoSign(key, json, salt), json });
