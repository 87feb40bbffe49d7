import type { TLocale } from "@/i18n/locales";

/**
 * How the reader's spreadsheet splits a CSV opened by double-click. Excel takes both from the
 * system's regional settings: a Russian-locale Windows expects `;` between fields and a decimal
 * comma (a comma-separated file lands in column A there), an English one `,` and a decimal point
 * (docs/csv-export.md).
 */
export type TCsvDialect = { separator: "," | ";"; decimalSeparator: "." | "," };

const DIALECTS: Record<TLocale, TCsvDialect> = {
  ru: { separator: ";", decimalSeparator: "," },
  en: { separator: ",", decimalSeparator: "." },
};

export const csvDialectOf = (locale: TLocale): TCsvDialect => DIALECTS[locale];

/** Kopecks (cents) as a decimal the dialect's spreadsheet reads as a number: `5500,00` or `5500.00`. */
export const toCsvDecimal = (minor: number, { decimalSeparator }: TCsvDialect): string =>
  (minor / 100).toFixed(2).replace(".", decimalSeparator);
