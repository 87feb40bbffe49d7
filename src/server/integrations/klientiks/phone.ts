/**
 * Normalises a phone number the way Klientiks stores it: digits only, with the country code
 * (klientiks-contract §7). `+`, spaces, brackets and dashes are dropped, and the Russian trunk form
 * `8XXXXXXXXXX` (a leading 8 followed by 10 digits) becomes `7XXXXXXXXXX`. Other lengths are left
 * as digits: foreign numbers and short extensions must not be rewritten.
 */
export const normalizeKlientiksPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, "");
  return /^8\d{10}$/.test(digits) ? `7${digits.slice(1)}` : digits;
};
