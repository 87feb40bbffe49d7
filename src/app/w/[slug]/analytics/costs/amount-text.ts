/**
 * Kopecks as the amount a person would type in the locale: «15000», «1234,50» (a decimal comma in
 * Russian, a point in English), the form the server reads back (docs/analytics-costs.md §2).
 */
export function toAmountText(minor: bigint, locale: string): string {
  const whole = (minor / 100n).toString();
  const cents = minor % 100n;
  if (cents === 0n) return whole;
  return `${whole}${locale === "ru" ? "," : "."}${cents.toString().padStart(2, "0")}`;
}
