/**
 * A phone in E.164 (`+79991234567`), or null when it cannot be one. Russian habits are handled:
 * a leading 8 before ten digits is the domestic prefix, and ten digits starting with 9 are a
 * mobile number without the country code.
 */
export function normalizePhoneE164(input: string | null | undefined): string | null {
  const digits = (input ?? "").replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("8")) return `+7${digits.slice(1)}`;
  if (digits.length === 10 && digits.startsWith("9")) return `+7${digits}`;
  if (digits.length >= 11 && digits.length <= 15) return `+${digits}`;
  return null;
}
