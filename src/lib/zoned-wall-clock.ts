// Wall-clock time in an IANA zone ↔ UTC instants, with Intl as the only source of zone rules (no
// dependency). Providers such as Klientiks and Zadarma send naive local datetimes; the workspace's
// date filters need the instant a local day starts. Both go through here.

/** A wall-clock reading: what a clock in the zone shows. Months are 1–12. */
export type TWallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

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

/** True when `timeZone` is an IANA zone this runtime knows. */
export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    getFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** What the zone's clocks show at the instant `epochMs` (whole seconds; milliseconds are dropped). */
export const getZonedWallClock = (epochMs: number, timeZone: string): TWallClock => {
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

/** The wall clock encoded as if it were UTC, in ms; out-of-range parts roll over like `Date.UTC`. */
export const wallClockAsUtcMs = ({ year, month, day, hour, minute, second }: TWallClock): number =>
  Date.UTC(year, month - 1, day, hour, minute, second);

/** Zones that are UTC itself: no rules to ask Intl about. */
const UTC_ZONES = new Set(["UTC", "Etc/UTC"]);

/** The zone's offset from UTC, in ms, at the instant `epochMs`. */
const getOffsetMs = (epochMs: number, timeZone: string): number => {
  // Intl's formatToParts costs tens of microseconds a call, and UTC is what a receiver checks a
  // provider's times in before it knows the account's zone (src/server/integrations/zadarma/notification.ts).
  if (UTC_ZONES.has(timeZone)) return 0;
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtcMs(getZonedWallClock(wholeSecond, timeZone)) - wholeSecond;
};

/**
 * The instant at which the zone's clocks show `wallMs` (a wall-clock time encoded as if it were
 * UTC, see {@link wallClockAsUtcMs}). The second pass corrects the guess when the offset differs
 * between the two readings, i.e. near a DST change. A wall time inside a spring-forward gap lands
 * one offset step away, and an ambiguous autumn time resolves to one of its two instants; neither
 * can happen in zones without DST, such as Europe/Moscow today.
 */
export const zonedWallClockToEpochMs = (wallMs: number, timeZone: string): number => {
  const guess = wallMs - getOffsetMs(wallMs, timeZone);
  return wallMs - getOffsetMs(guess, timeZone);
};

/** True when the parts name a real calendar time (no month 13, no 31 April, no hour 24). */
export const isRealWallClock = (wallClock: TWallClock): boolean => {
  const roundTrip = new Date(wallClockAsUtcMs(wallClock));
  return (
    roundTrip.getUTCFullYear() === wallClock.year &&
    roundTrip.getUTCMonth() + 1 === wallClock.month &&
    roundTrip.getUTCDate() === wallClock.day &&
    roundTrip.getUTCHours() === wallClock.hour &&
    roundTrip.getUTCMinutes() === wallClock.minute &&
    roundTrip.getUTCSeconds() === wallClock.second
  );
};
