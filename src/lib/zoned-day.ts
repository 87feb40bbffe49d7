import { zonedWallClockToEpochMs } from "./zoned-wall-clock";

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as `YYYY-MM-DD` (what `<input type="date">` gives), or null if it is not a real date. */
export function parseDay(text: string): { year: number; month: number; day: number } | null {
  const match = DAY_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
    ? { year, month, day }
    : null;
}

/**
 * The instant a calendar day starts in a time zone (the workspace's, not the browser's), so a
 * date filter means the same days for every member. Checked twice to land right across DST shifts.
 */
export function startOfZonedDay(dayText: string, timeZone: string, addDays = 0): Date | null {
  const day = parseDay(dayText);
  if (!day) return null;
  return new Date(
    zonedWallClockToEpochMs(Date.UTC(day.year, day.month - 1, day.day + addDays), timeZone),
  );
}
