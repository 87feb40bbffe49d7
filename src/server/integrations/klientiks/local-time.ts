// klientiks-contract §7: Klientiks datetimes carry no offset and are account-local. The zone is the
// tenant's setting (default Europe/Moscow), so conversion must work for any IANA zone. Intl is the
// only source of zone rules here (src/lib/zoned-wall-clock.ts), which keeps this free of dependencies.

import {
  getZonedWallClock,
  isRealWallClock,
  wallClockAsUtcMs,
  zonedWallClockToEpochMs,
  type TWallClock,
} from "@/lib/zoned-wall-clock";

export { isValidTimeZone } from "@/lib/zoned-wall-clock";

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const parseOffsetMs = (offset: string): number => {
  if (offset.toUpperCase() === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0")) * 60_000;
};

/**
 * Converts a Klientiks datetime to a UTC `Date` (klientiks-contract §7).
 *
 * Accepts `YYYY-MM-DD HH:MM:SS` with 0–9 fractional digits (microseconds are truncated to ms), a
 * missing seconds part, or a date alone (midnight). The string is read as wall-clock time in
 * `timeZone`, unless it carries `Z` or a numeric offset, which is then honoured. A `T` separator
 * without an offset is still local time: the separator says nothing about the zone. Returns `null`
 * for anything else, including impossible dates such as `0000-00-00 00:00:00`.
 */
export const parseKlientiksDateTime = (value: string, timeZone: string): Date | null => {
  const match = DATE_TIME_PATTERN.exec(value.trim());
  if (!match) return null;
  const [
    ,
    year = "",
    month = "",
    day = "",
    hour = "0",
    minute = "0",
    second = "0",
    fraction = "",
    offset,
  ] = match;
  const wallClock: TWallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
  // Date.UTC rolls over out-of-range parts (month 13, day 31 in April); reject instead of guessing.
  if (!isRealWallClock(wallClock)) return null;
  const wallMs = wallClockAsUtcMs(wallClock);
  const milliseconds = Number(fraction.padEnd(3, "0").slice(0, 3));
  const epochMs =
    offset === undefined
      ? zonedWallClockToEpochMs(wallMs, timeZone)
      : wallMs - parseOffsetMs(offset);
  return new Date(epochMs + milliseconds);
};

/**
 * The calendar date `YYYY-MM-DD` that the account's clocks show at `date`, for date-filtered calls
 * such as `m/clients/date/{YYYY-MM-DD}` (klientiks-contract §8.1 (5)).
 */
export const formatKlientiksLocalDate = (date: Date, timeZone: string): string => {
  const { year, month, day } = getZonedWallClock(date.getTime(), timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};
