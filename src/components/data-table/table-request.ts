import { startOfZonedDay } from "@/lib/zoned-day";

/** A list filter the server reads as «no restriction» when nothing is chosen. */
export const nonEmpty = <T>(values: T[]): T[] | undefined =>
  values.length > 0 ? values : undefined;

/**
 * The «created» bounds of a day range. Days are whole days of the workspace time zone: «to»
 * includes its day, so the bound sent is the start of the next one (the servers compare with `<`).
 */
export const createdRange = (
  from: string | null,
  to: string | null,
  timeZone: string,
): { createdFrom: Date | undefined; createdTo: Date | undefined } => ({
  createdFrom: from ? (startOfZonedDay(from, timeZone) ?? undefined) : undefined,
  createdTo: to ? (startOfZonedDay(to, timeZone, 1) ?? undefined) : undefined,
});

/** The CSV export of a table's current filter and order (served by `/api/export/{table}`); dates travel as ISO strings. */
export const csvExportHref = (
  table: "deals" | "leads" | "calls",
  slug: string,
  { filters, sort }: { filters: object; sort: object },
): string =>
  `/api/export/${table}?slug=${encodeURIComponent(slug)}&filters=${encodeURIComponent(JSON.stringify(filters))}&sort=${encodeURIComponent(JSON.stringify(sort))}`;
