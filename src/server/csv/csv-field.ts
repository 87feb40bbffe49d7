import type { TCsvDialect } from "@/server/csv/csv-dialect";

const E164_PHONE = /^\+\d{6,15}$/;
/** A plain number in either decimal notation: a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?$/;

/**
 * Quotes a field when it holds the file's separator, a quote or a newline (so a decimal comma stays
 * a bare number in a `;` file), and defuses spreadsheet formulas (a leading =, +, - or @; phones and
 * plain numbers stay as they are).
 */
export function toCsvField(value: string, separator: TCsvDialect["separator"]): string {
  const safe =
    /^[=+\-@\t\r]/.test(value) && !E164_PHONE.test(value) && !PLAIN_NUMBER.test(value)
      ? `'${value}`
      : value;
  return safe.includes(separator) || /["\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as `YYYY-MM-DD HH:MM:SS` on the workspace's clock: what the tables show, and a form
 * every spreadsheet reads as a date (the header names the time zone).
 */
function toLocalDateTime(value: Date, timeZone: string): string {
  let format = dateTimeFormats.get(timeZone);
  if (!format)
    dateTimeFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat("sv-SE", {
        timeZone,
        dateStyle: "short",
        timeStyle: "medium",
      })),
    );
  return format.format(value);
}

/** A database value as CSV text: nothing for null, instants on the workspace's clock, lists joined with «; ». */
export function toCsvText(value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return toLocalDateTime(value, timeZone);
  if (Array.isArray(value)) return value.map((item) => toCsvText(item, timeZone)).join("; ");
  return String(value);
}
