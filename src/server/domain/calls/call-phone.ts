import { parsePhoneNumberFromString } from "libphonenumber-js";

import { normalizePhoneE164 } from "@/server/domain/contacts/normalize-phone";

const PHONE_LIKE = /^[\d\s()+\-.]+$/;
/** Below this many digits a "number" is a PBX extension or a short service number, kept as sent. */
const MIN_PHONE_DIGITS = 7;

/** Digits short enough to be a PBX extension (Zadarma's have 3–5, Mango's likewise) rather than a phone number. */
export const isPbxExtension = (value: string): boolean => /^\d{1,5}$/.test(value);

/**
 * A phone from a provider's field as the call model stores it (docs/telephony-zadarma.md, "From
 * notifications to call events"; docs/telephony-mango.md §7): E.164 when it is a possible phone number (providers send international digits without `+`; the
 * Russian trunk form 8XXXXXXXXXX becomes +7…), otherwise the value as sent: extensions (`101`),
 * `anonymous`, SIP addresses. Empty → `null`.
 */
export const toCallPhone = (raw: string | undefined): string | null => {
  const value = (raw ?? "").trim();
  if (value === "") return null;
  if (!PHONE_LIKE.test(value) || value.replace(/\D/g, "").length < MIN_PHONE_DIGITS) return value;
  const e164 = normalizePhoneE164(value);
  return e164 !== null && parsePhoneNumberFromString(e164)?.isPossible() === true ? e164 : value;
};
