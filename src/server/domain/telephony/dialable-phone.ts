import { parsePhoneNumberFromString } from "libphonenumber-js";

import { normalizePhoneE164 } from "@/server/domain/contacts/normalize-phone";

/**
 * A number click-to-call may dial, in E.164, or null. People's habits are read first (`8 999…`,
 * ten digits without the country code, see normalizePhoneE164), then libphonenumber-js checks
 * the result is a valid number of its country, so a typo fails here with its field rather than as
 * a call that rings the agent and then goes nowhere.
 */
export function toDialablePhone(input: string): string | null {
  const e164 = normalizePhoneE164(input);
  if (!e164) return null;
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.isValid() ? parsed.number : null;
}

/** Zadarma's `to`: the international number as digits (telephony-zadarma §6.1). */
export const toProviderDigits = (e164: string): string => e164.replace(/\D/g, "");
