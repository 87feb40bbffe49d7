import { format, parse } from "date-fns";

// The app carries calendar days as `YYYY-MM-DD` (the URL's `from`/`to`); DayPicker works with Dates
// at the browser's local midnight. The days mean the workspace's days either way: only their
// names cross this boundary, never an instant.

const DAY_FORMAT = "yyyy-MM-dd";

/** Calendar days `YYYY-MM-DD`, both included; null leaves that side open. */
export type TDayPeriod = { from: string | null; to: string | null };

/** The day as DayPicker shows it: local midnight of that date. */
export const dayToCalendarDate = (day: string): Date => parse(day, DAY_FORMAT, new Date());

/** The day a Date from DayPicker stands for. */
export const calendarDateToDay = (date: Date): string => format(date, DAY_FORMAT);

/** The day as UTC midnight, for Intl to print with `timeZone: "UTC"` wherever the browser is. */
export const dayToUtcDate = (day: string): Date => new Date(`${day}T00:00:00Z`);
