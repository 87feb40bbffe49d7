import { TZDate } from "@date-fns/tz";
import { endOfMonth, format, startOfMonth, subDays, subMonths } from "date-fns";

/** A period of whole calendar days `YYYY-MM-DD`, both included, as the tables' `from`/`to` params carry it. */
export type TDayRange = { from: string; to: string };

/** The quick choices of a period, in the order the picker lists them. */
export const PERIOD_PRESETS = [
  "today",
  "yesterday",
  "last7Days",
  "last30Days",
  "thisMonth",
  "lastMonth",
] as const;
export type TPeriodPreset = (typeof PERIOD_PRESETS)[number];

const DAY_FORMAT = "yyyy-MM-dd";

/** A moment read on the clocks of the time zone, so date-fns counts that zone's days. */
const inZone = (now: Date, timeZone: string) => new TZDate(now, timeZone);

/** The calendar day it is at `now` in the time zone (the workspace's, not the browser's). */
export const getTodayIn = (timeZone: string, now: Date): string =>
  format(inZone(now, timeZone), DAY_FORMAT);

/**
 * The days a preset means at `now` in the time zone. «Last 7/30 days» end with today, as in
 * Yandex Metrica; «this month» ends today too, since nothing is created in the future.
 */
export function getPresetRange(preset: TPeriodPreset, timeZone: string, now: Date): TDayRange {
  const today = inZone(now, timeZone);
  const range = (from: Date, to: Date): TDayRange => ({
    from: format(from, DAY_FORMAT),
    to: format(to, DAY_FORMAT),
  });
  switch (preset) {
    case "today":
      return range(today, today);
    case "yesterday":
      return range(subDays(today, 1), subDays(today, 1));
    case "last7Days":
      return range(subDays(today, 6), today);
    case "last30Days":
      return range(subDays(today, 29), today);
    case "thisMonth":
      return range(startOfMonth(today), today);
    case "lastMonth": {
      const lastMonth = subMonths(today, 1);
      return range(startOfMonth(lastMonth), endOfMonth(lastMonth));
    }
  }
}

/** The preset whose days are exactly the chosen ones at `now`, if any (the picker marks it). */
export const findMatchingPreset = (
  range: { from: string | null; to: string | null },
  timeZone: string,
  now: Date,
): TPeriodPreset | null =>
  PERIOD_PRESETS.find((preset) => {
    const days = getPresetRange(preset, timeZone, now);
    return days.from === range.from && days.to === range.to;
  }) ?? null;
