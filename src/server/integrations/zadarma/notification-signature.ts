import { timingSafeEqual } from "node:crypto";

import { ownValue } from "@/lib/own-value";

import { hmacSha1HexBase64 } from "./rest-signature";

// docs/telephony-zadarma.md, "Notifications": which fields each call event signs, in order. The
// official library concatenates the raw values (a missing one counts as empty), so do we.
const SIGNED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  NOTIFY_START: ["caller_id", "called_did", "call_start"],
  NOTIFY_IVR: ["caller_id", "called_did", "call_start"],
  NOTIFY_INTERNAL: ["caller_id", "called_did", "call_start"],
  NOTIFY_ANSWER: ["caller_id", "destination", "call_start"],
  NOTIFY_END: ["caller_id", "called_did", "call_start"],
  NOTIFY_OUT_START: ["internal", "destination", "call_start"],
  NOTIFY_OUT_END: ["internal", "destination", "call_start"],
  NOTIFY_RECORD: ["pbx_call_id", "call_id_with_rec"],
};

/**
 * The string Zadarma signs for this notification: the event's fields as received (URL-decoded
 * once, never trimmed), concatenated. `null` for events we do not handle (SMS, speech recognition,
 * no `event` at all): they are acknowledged and ignored, never verified.
 */
export const notificationSignatureString = (form: Record<string, string>): string | null => {
  // An own key only: `event=constructor` found Object, and the receiver answered 503.
  const fields = ownValue(SIGNED_FIELDS, form.event ?? "");
  return fields === undefined ? null : fields.map((field) => form[field] ?? "").join("");
};

/** The `Signature` header Zadarma sends for `signatureString`: hex-then-base64 HMAC-SHA1 with the API secret. */
export const signNotification = (signatureString: string, secret: string): string =>
  hmacSha1HexBase64(secret, signatureString);

export type TNotificationVerification =
  | { ok: true; secretIndex: number }
  | { ok: false; reason: "missing_signature" | "bad_signature" | "unsigned_event" };

/** Constant-time equality; a length mismatch still costs one comparison so it is not faster. */
const isSameText = (expected: Buffer, received: Buffer): boolean => {
  if (expected.length !== received.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, received);
};

/**
 * Checks a notification's `Signature` header against each accepted secret (reliability R1, R3):
 * `[current, previous]` during a rotation window. Every secret is compared, in constant time, so
 * the timing tells nothing about which one matched; `secretIndex` says which did. Empty secrets
 * are never accepted (an HMAC with an empty key proves nothing).
 */
export const verifyNotificationSignature = (
  form: Record<string, string>,
  signatureHeader: string | null,
  secrets: readonly string[],
): TNotificationVerification => {
  const signatureString = notificationSignatureString(form);
  if (signatureString === null) return { ok: false, reason: "unsigned_event" };
  if (signatureHeader === null || signatureHeader === "")
    return { ok: false, reason: "missing_signature" };
  const received = Buffer.from(signatureHeader, "utf8");
  let matchedIndex = -1;
  secrets.forEach((secret, index) => {
    const isMatch = isSameText(
      Buffer.from(signNotification(signatureString, secret), "utf8"),
      received,
    );
    if (isMatch && secret !== "" && matchedIndex === -1) matchedIndex = index;
  });
  return matchedIndex === -1
    ? { ok: false, reason: "bad_signature" }
    : { ok: true, secretIndex: matchedIndex };
};
