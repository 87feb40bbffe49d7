/**
 * Minor units (kopecks) as localized money in the given currency: whole amounts without the
 * fraction («2 500 ₽»), others with two digits («1 200,50 ₽»).
 */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = amountMinor % 100 === 0 ? 0 : 2;
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(amountMinor / 100);
  } catch {
    // Intl rejects a malformed currency code; the amount is still worth showing.
    return `${(amountMinor / 100).toFixed(digits)} ${currency}`;
  }
}
