// klientiks-contract §7: Klientiks datetimes carry no offset and are account-local. The zone is the
// tenant's setting (default Europe/Moscow), so conversion must work for any IANA zone. Intl is the
// only source of zone rules here, which keeps this free of dependencies.

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

const getFormatter = (timeZone: string): Intl.DateTimeFormat => {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  formatters.set(timeZone, formatter);
  return formatter;
};

type TWallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const getWallClock = (epochMs: number, timeZone: string): TWallClock => {
  const parts = Object.fromEntries(
    getFormatter(timeZone)
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year ?? Number.NaN,
    month: parts.month ?? Number.NaN,
    day: parts.day ?? Number.NaN,
    hour: parts.hour ?? Number.NaN,
    minute: parts.minute ?? Number.NaN,
    second: parts.second ?? Number.NaN,
  };
};

const wallClockAsUtcMs = ({ year, month, day, hour, minute, second }: TWallClock): number =>
  Date.UTC(year, month - 1, day, hour, minute, second);

/** The zone's offset from UTC, in ms, at the instant `epochMs`. */
const getOffsetMs = (epochMs: number, timeZone: string): number => {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtcMs(getWallClock(wholeSecond, timeZone)) - wholeSecond;
};

/**
 * The instant at which the zone's clocks show `wallMs` (a wall-clock time encoded as if it were
 * UTC). The second pass corrects the guess when the offset differs between the two readings, i.e.
 * near a DST change. A wall time inside a spring-forward gap lands one offset step away, and an
 * ambiguous autumn time resolves to one of its two instants; neither can happen in zones without
 * DST, such as Europe/Moscow today.
 */
const zonedWallClockToEpochMs = (wallMs: number, timeZone: string): number => {
  const guess = wallMs - getOffsetMs(wallMs, timeZone);
  return wallMs - getOffsetMs(guess, timeZone);
};

const parseOffsetMs = (offset: string): number => {
  if (offset.toUpperCase() === "Z") return 0;
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0")) * 60_000;
};

/** True when `timeZone` is an IANA zone this runtime knows. */
export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    getFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
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
  const [, year = "", month = "", day = "", hour = "0", minute = "0", second = "0", fraction = "", offset] = match;
  const wallClock: TWallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
  };
  const wallMs = wallClockAsUtcMs(wallClock);
  // Date.UTC rolls over out-of-range parts (month 13, day 31 in April); reject instead of guessing.
  const roundTrip = new Date(wallMs);
  if (
    roundTrip.getUTCFullYear() !== wallClock.year ||
    roundTrip.getUTCMonth() + 1 !== wallClock.month ||
    roundTrip.getUTCDate() !== wallClock.day ||
    roundTrip.getUTCHours() !== wallClock.hour ||
    roundTrip.getUTCMinutes() !== wallClock.minute ||
    roundTrip.getUTCSeconds() !== wallClock.second
  ) {
    return null;
  }
  const milliseconds = Number(fraction.padEnd(3, "0").slice(0, 3));
  const epochMs =
    offset === undefined ? zonedWallClockToEpochMs(wallMs, timeZone) : wallMs - parseOffsetMs(offset);
  return new Date(epochMs + milliseconds);
};

/**
 * The calendar date `YYYY-MM-DD` that the account's clocks show at `date`, for date-filtered calls
 * such as `m/clients/date/{YYYY-MM-DD}` (klientiks-contract §8.1 (5)).
 */
export const formatKlientiksLocalDate = (date: Date, timeZone: string): string => {
  const { year, month, day } = getWallClock(date.getTime(), timeZone);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};
