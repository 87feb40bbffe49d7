import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A stored phone (E.164, `+79031234501`) as people read it: `+7 903 123 45 01`, grouped by the
 * number's own country rules (libphonenumber-js). Anything it cannot read as a possible number is
 * shown as stored rather than guessed at; no phone stays no phone.
 */
export function formatPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const parsed = parsePhoneNumberFromString(phone);
  return parsed?.isPossible() ? parsed.formatInternational() : phone;
}
