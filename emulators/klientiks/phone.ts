// Phones are digits with the country code, `7XXXXXXXXXX` (klientiks-contract §7).

import type { FieldErrors } from "./types";

export const normalizePhone = (raw: string): string => {
  const digits = raw.replace(/\D/g, "");
  return digits.length === 11 && digits.startsWith("8") ? `7${digits.slice(1)}` : digits;
};

/** Field errors for a phone that cannot be a real number, keyed `phone` like the REST form field. */
export const phoneFormatErrors = (raw: string): FieldErrors => {
  const digits = normalizePhone(raw);
  return digits.length >= 10 && digits.length <= 15 ? {} : { phone: ["Неверный формат телефона."] };
};
