import type { TLocale } from "@/i18n/locales";
import { csvDialectOf } from "@/server/csv/csv-dialect";
import { toCsvField } from "@/server/csv/csv-field";

const HEADERS: Record<TLocale, string[]> = {
  ru: ["Дата", "Кампания", "Сумма"],
  en: ["date", "campaign", "amount"],
};

/**
 * A CSV to fill in: a row per campaign of the workspace for `day`, amounts left blank, in the
 * dialect the reader's Excel opens by double-click (docs/csv-export.md). Imported unchanged it writes
 * nothing: a blank amount is an error (docs/analytics-costs.md §3).
 */
export function buildCostsCsvTemplate({
  locale,
  campaignNames,
  day,
}: {
  locale: TLocale;
  campaignNames: string[];
  day: string;
}): string {
  const { separator } = csvDialectOf(locale);
  const date = locale === "ru" ? day.split("-").reverse().join(".") : day;
  const lines = [HEADERS[locale], ...campaignNames.map((name) => [date, name, ""])];
  return `\uFEFF${lines.map((cells) => cells.map((cell) => toCsvField(cell, separator)).join(separator)).join("\r\n")}\r\n`;
}
