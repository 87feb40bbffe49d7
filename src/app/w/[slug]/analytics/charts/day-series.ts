import { parseDay } from "@/lib/zoned-day";

const MS_PER_DAY = 86_400_000;

/**
 * Every day from `from` to `to` inclusive, as `YYYY-MM-DD`. The days are stepped in UTC, where
 * every day has 24 hours, so a DST shift in the browser's zone never skips or repeats a day.
 */
export function daysOfPeriod(from: string, to: string): string[] {
  const first = parseDay(from);
  const last = parseDay(to);
  if (!first || !last) throw new RangeError(`Not a period of days: ${from}–${to}`);
  const lastMs = Date.UTC(last.year, last.month - 1, last.day);
  const days: string[] = [];
  for (
    let dayMs = Date.UTC(first.year, first.month - 1, first.day);
    dayMs <= lastMs;
    dayMs += MS_PER_DAY
  ) {
    days.push(new Date(dayMs).toISOString().slice(0, 10));
  }
  return days;
}
