/** A day's axis label, short enough for a month of bars: «3 дек.», "Dec 3". */
export function formatShortDay(day: string, locale: string): string {
  // The day is a calendar date, not an instant: read and write it in UTC so no zone shifts it.
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

/** A fraction as a percentage with at most one decimal: 0.125 → «12,5 %»; null (no divisor) → «—». */
export const formatPercent = (fraction: number | null, locale: string): string =>
  fraction === null
    ? "—"
    : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
        fraction,
      );

export const formatCount = (count: number, locale: string): string =>
  new Intl.NumberFormat(locale).format(count);

/** An axis tick, short so the axis keeps its width: 1 200 000 → «1,2 млн». */
export const formatCompact = (value: number, locale: string): string =>
  new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);

/** A money axis tick from minor units: 120 000 000 → «1,2 млн ₽». */
export function formatCompactMoney(amountMinor: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      notation: "compact",
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(amountMinor / 100);
  } catch {
    // Intl rejects a malformed currency code; the axis still needs its numbers.
    return formatCompact(amountMinor / 100, locale);
  }
}

const LABEL_LENGTH = 24;

/** A bar's category label cut to fit the axis beside it; the tooltip shows it whole. */
export const shortenLabel = (label: string): string =>
  label.length <= LABEL_LENGTH ? label : `${label.slice(0, LABEL_LENGTH - 1).trimEnd()}…`;
